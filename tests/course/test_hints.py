"""Hints that are right.

1. An example in a hint (``such as 25``, ``in the form of "people over 65"``) or in an
   exercise's ``example`` shows the *form* of an answer: it is never accepted as right, never
   one of the exercise's known misconceptions and never a near-spelling of the answer.
2. Every number a hint, explanation or misconception feedback quotes is either given in the
   exercise's prompt, an example, a cited fact (declared below with its source), or a computed
   value — and each computed value is recomputed here independently, from the dataset files
   or the published formula, never through the exercise's own answer function.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from precisionmed import check, data

LESSON_PREFIXES = ("start-", "pgx-", "warfarin-", "oncology-", "trials-", "subtyping-")
KEYS = sorted(k for k in check.exercises() if k.startswith(LESSON_PREFIXES))

EXAMPLE = re.compile(r"(?:such as|e\.g\.,?|for example,?|in the form of)\s+"
                     r"(?:\"([^\"]+)\"|“([^”]+)”|'([^']+)'|(\d[\d,]*(?:\.\d+)?%?))")
NUMBER = re.compile(r"(?<![\w*.\-])\d[\d,]*(?:\.\d+)?")


def examples(item: check.Exercise) -> list[str]:
    found = [item.example] if item.example and not item.example.startswith(
        ("True or False", "a ", "first ")) and " or " not in item.example else []
    for text in (item.hint, item.prompt):
        for match in EXAMPLE.finditer(text):
            found.append(next(g for g in match.groups() if g))
    return found


def test_hints_carry_examples() -> None:
    with_examples = [k for k in KEYS if examples(check.exercises()[k])]
    assert len(with_examples) >= 20, with_examples


@pytest.mark.parametrize("key", KEYS)
def test_a_hint_example_is_never_an_answer_or_a_misconception(key: str) -> None:
    item = check.exercises()[key]
    for example in examples(item):
        fb = check.feedback(key, example)
        assert not fb.correct, (key, example, "the example gives the answer away")
        assert fb.status != "almost", (key, example, "the example is a near-spelling")
        assert not fb.reason.startswith("misconception:"), (
            key, example, "the example is itself a known wrong answer")


def test_the_old_misleading_examples_are_gone() -> None:
    items = check.exercises()
    assert "marker-negative" not in items["start-3"].hint
    assert "Normal Metabolizer" not in items["pgx-1"].hint
    assert "such as 12" not in items["pgx-4"].hint  # 12 was the right answer
    tumour = items["oncology-1"]
    assert "AD" not in tumour.hint + tumour.prompt and "DP" not in tumour.hint + tumour.prompt
    assert "t_alt_count" in tumour.hint and "t_depth" in tumour.hint
    assert "HR+/HER2+" in items["subtyping-6"].hint and "HR−/HER2+" in items["subtyping-6"].hint


# --------------------------------------------------------------------------- numbers

def _trial_counts() -> pd.DataFrame:
    trial = pd.read_csv(data.path("start/trial"))
    return trial.groupby(["site", "marker_positive"]).size().unstack()


def _site_a() -> tuple[int, int]:
    counts = _trial_counts().loc["Site A"]
    return int(counts[True]), int(counts.sum())


def _iwpc_weekly(age: int, height: float, weight: float, vkorc1: str) -> float:
    """IWPC pharmacogenetic formula (Klein et al., N Engl J Med 2009, supplement), White race,
    CYP2C9 *1/*1, no inducer, no amiodarone; age in whole decades."""
    vk = {"G/G": 0.0, "A/G": -0.8677, "A/A": -1.6974}[vkorc1]
    root = 5.6044 - 0.2614 * (age // 10) + 0.0087 * height + 0.0128 * weight + vk
    return root ** 2


def _activity(allele: str) -> float:
    alleles = pd.read_csv(data.path("knowledge/pgx_alleles"))
    row = alleles[(alleles["gene"] == "CYP2D6") & (alleles["allele"] == allele)]
    return float(row["activity_value"].iloc[0])


def _eas_cyp2c19_poor_percent() -> float:
    alleles = pd.read_csv(data.path("knowledge/pgx_alleles"))
    cyp = alleles[alleles["gene"] == "CYP2C19"].drop_duplicates("allele")
    no_function = set(cyp.loc[cyp["function"] == "No function", "allele"])
    key = pd.read_csv(data.path("pgx/answer_key"))
    eas = key[key["population"] == "EAS"]["cyp2c19"].str.split("/")
    poor = eas.map(lambda pair: all(a in no_function for a in pair))
    return float(poor.mean() * 100)


def _wei_vaf_parts() -> tuple[int, int]:
    maf = pd.read_csv(data.path("oncology/maf"))
    row = maf[(maf["patient_id"] == "PM-002") & (maf["gene"] == "EGFR")].iloc[0]
    return int(row["t_alt_count"]), int(row["t_depth"])


def _event_share(rate: float, accrual: float, follow: float) -> float:
    """Share of patients with an event by the analysis, entry uniform over ``accrual``."""
    entry = np.linspace(0.0, accrual, 200_001)
    return float(np.mean(1.0 - np.exp(-rate * (accrual + follow - entry))))


def _all_comers_hr(prevalence: float, hr_positive: float) -> float:
    """Events per patient-month on the drug over those on control (exponential times)."""
    base, accrual, follow = math.log(2) / 10.2, 24.0, 24.0
    events = months = 0.0
    for share, hr in ((prevalence, hr_positive), (1 - prevalence, 1.0)):
        chance = _event_share(base * hr, accrual, follow)
        events += share * chance
        months += share * chance / (base * hr)
    return (events / months) / base  # on control, events per patient-month = its hazard


def _her2_table() -> pd.DataFrame:
    from precisionmed import subtyping as st

    expression = st.load_expression()
    clinic = st.load_clinical().loc[expression.index]
    calls = st.classify_pam50(st.centre_within_batches(expression, clinic["lab"]))
    return pd.crosstab(st.receptor_groups(clinic), calls["subtype"]), calls


def computed_values() -> dict[str, dict[str, float]]:
    """Number as written in the text -> its independently computed value, per exercise."""
    marker, total = _site_a()
    site_a = marker / total
    alt, depth = _wei_vaf_parts()
    table, calls = _her2_table()
    her2_rows = table.loc[["HR+/HER2+", "HR−/HER2+"]]
    from precisionmed import subtyping as st

    truth = st.load_answer_key().loc[calls.index]
    agreement = float((truth == calls["subtype"]).mean() * 100)
    expression = st.load_expression()
    silhouette = st.choose_k(st.centre_within_batches(
        expression, st.load_clinical().loc[expression.index, "lab"])[
        st.pam50_genes()], ks=range(2, 9)).sort_values("silhouette", ascending=False)
    flaura = pd.read_csv(data.path("knowledge/trial_randomised")).set_index("trial")
    n, share = float(flaura.loc["FLAURA", "n_patients"]), 0.141
    dose_gg, dose_aa = _iwpc_weekly(60, 170, 75, "G/G"), _iwpc_weekly(60, 170, 75, "A/A")
    from precisionmed.start.simulate import RESPONSE_RATES  # the simulation's design values

    drug_negative = RESPONSE_RATES[("new drug", False)] * 100
    standard = RESPONSE_RATES[("standard care", False)] * 100
    return {
        "start-1": {"56": marker, "400": total, "14": site_a * 100, "7": total / marker,
                    "16.3": marker / (total - marker) * 100},
        "start-2": {"33": 0.38 * 70 + 0.62 * 10, "40": (70 + 10) / 2, "14": site_a * 100,
                    "18": site_a * 70 + (1 - site_a) * 10, "62": 100 - 38, "0.62": 1 - 0.38,
                    "30": standard},
        "start-3": {"10": drug_negative, "30": standard},
        "pgx-2": {"0.25": _activity("*4") + _activity("*10"), "0": _activity("*4")},
        "pgx-3": {"3": _activity("*1") + 2 * _activity("*2")},
        "pgx-4": {"8": 100 / _eas_cyp2c19_poor_percent()},
        "warfarin-1": {"41.9": dose_gg, "6": dose_gg / 7, "22.8": dose_aa},
        "warfarin-2": {"22.8": dose_aa, "41.9": dose_gg},
        "oncology-1": {},
        "oncology-2": {"0.3": 0.6 / 2},
        "oncology-3": {"0.2": 0.4 / 2},
        "trials-1": {"46": 0.46 * 100, "54": 100 - 0.46 * 100},
        "trials-3": {"0.84": _all_comers_hr(0.20, 0.45), "80": 100 - 20},
        "trials-4": {"3,943.3": n / share, "3,944": math.ceil(n / share), "556": n,
                     # the tolerance the hint states is the one the checker uses
                     "60": check.exercises()["trials-4"].tolerance},
        "subtyping-1": {"500": float(expression.shape[1])},
        "subtyping-2": {"5": float(silhouette["k"].iloc[0]), "4": float(silhouette["k"].iloc[1])},
        "subtyping-4": {"600": float(len(calls)), "94": agreement},
        "subtyping-6": {"50": float(len(st.pam50_genes())),
                      "58.3": her2_rows["HER2-enriched"].sum() / her2_rows.values.sum() * 100},
        "_wei": {"alt": alt, "depth": depth},
    }


#: Numbers that are cited facts, not computed here: number -> where it comes from.
FACTS: dict[str, dict[str, str]] = {
    "start-1": {"14": "EGFR-mutant share of lung cancer in European studies (Zhang et al. 2016)"},
    "pgx-2": {"0.5": "*10's activity value before Caudle et al. 2020",
              "2020": "year of the CYP2D6 consensus", "1.0": "CPIC IM range 0.25–1.0"},
    "trials-2": {"18.9": "FLAURA median PFS (Soria et al. 2018)",
                 "50": "the 50% line of a survival curve"},
    "warfarin-4": {"15": "CPIC 2017 dose cut for CYP2C9 *5/*6/*8/*11 (15–30%)",
                   "30": "CPIC 2017 dose cut for CYP2C9 *5/*6/*8/*11 (15–30%)",
                   "2017": "CPIC warfarin guideline year"},
    "subtyping-5": {"2011": "St Gallen consensus year"},
    "oncology-5": {"2017": "AURA3 publication year"},
    "oncology-2": {"0.5": "a heterozygous germline variant: one of two copies in every cell"},
    "oncology-3": {"0.5": "a heterozygous germline variant: one of two copies in every cell"},
    "oncology-1": {"0.5": "a heterozygous germline variant: one of two copies in every cell"},
}
#: Plain arithmetic words: none, one, two, "of 100", "× 7 days".
TRIVIAL = {"0", "1", "2", "100"}
WORDS_FOR_DAYS = {"warfarin-1": {"7"}, "warfarin-2": {"7"}}


@pytest.fixture(scope="module")
def computed() -> dict[str, dict[str, float]]:
    return computed_values()


def _rounded_to_text(text: str, value: float) -> bool:
    written = float(text.replace(",", ""))
    decimals = len(text.split(".")[1]) if "." in text else 0
    return round(value, decimals) == pytest.approx(written) or (
        decimals == 0 and abs(value - written) <= 0.5 + 1e-9)


@pytest.mark.parametrize("key", KEYS)
def test_every_number_in_a_hint_is_given_cited_or_computed(
        key: str, computed: dict[str, dict[str, float]]) -> None:
    item = check.exercises()[key]
    texts = [item.hint, item.explanation, *item.wrong.values()]
    given = set(NUMBER.findall(item.prompt)) | {e.rstrip("%") for e in examples(item)}
    given |= {m.rstrip(",") for m in NUMBER.findall(item.example)}
    for percent in re.findall(r"(\d+(?:\.\d+)?)%", item.prompt):  # 38% is also written 0.38
        share = float(percent) / 100
        given |= {f"{share:g}", f"{share:.2f}", f"{share:.3f}"}
    numbers = {m.rstrip(",") for text in texts for m in NUMBER.findall(text)}
    mine = computed.get(key, {})
    for number in sorted(numbers):
        if number in TRIVIAL or number in WORDS_FOR_DAYS.get(key, set()):
            continue
        if number in mine:
            assert _rounded_to_text(number, mine[number]), (key, number, mine[number])
        elif number in FACTS.get(key, {}) or number in given:
            continue
        else:
            pytest.fail(f"{key}: the number {number} is quoted but neither given in the prompt, "
                        f"an example, a declared fact nor computed in this test")


def test_number_answers_equal_the_independent_computation(
        computed: dict[str, dict[str, float]]) -> None:
    items = check.exercises()
    marker, total = _site_a()
    alt, depth = computed["_wei"]["alt"], computed["_wei"]["depth"]
    independent = {
        "start-1": marker / total * 100,
        "start-2": computed["start-2"]["33"],
        "pgx-2": computed["pgx-2"]["0.25"],
        "pgx-4": _eas_cyp2c19_poor_percent(),
        "warfarin-1": computed["warfarin-1"]["41.9"],
        "warfarin-2": computed["warfarin-2"]["22.8"],
        "oncology-1": alt / depth,
        "oncology-2": 0.3,
        "trials-1": 54.0,
        "trials-3": computed["trials-3"]["0.84"],
        "trials-4": computed["trials-4"]["3,943.3"],
        "subtyping-2": computed["subtyping-2"]["5"],
        "subtyping-4": computed["subtyping-4"]["94"],
        "subtyping-6": computed["subtyping-6"]["58.3"],
    }
    for key, value in independent.items():
        item = items[key]
        assert abs(float(item.expected()) - value) <= max(item.tolerance, 1e-6) / 2, key
        assert check.feedback(key, value).correct, key


def test_numeric_misconceptions_are_the_slips_they_describe(
        computed: dict[str, dict[str, float]]) -> None:
    """Each numeric 'wrong' key is what the described slip gives, worked out here."""
    marker, total = _site_a()
    alt, depth = computed["_wei"]["alt"], computed["_wei"]["depth"]
    table, _ = _her2_table()
    plus, minus = table.loc["HR+/HER2+"], table.loc["HR−/HER2+"]
    slips = {
        ("start-1", "56"): marker,
        ("start-1", "16.3"): marker / (total - marker) * 100,
        ("start-2", "40"): (70 + 10) / 2,
        ("start-2", "70"): 70.0,
        ("pgx-2", "0.5"): 0 + 0.5,
        ("pgx-2", "1.25"): 1 + _activity("*10"),
        ("warfarin-1", "6.0"): computed["warfarin-1"]["41.9"] / 7,
        ("warfarin-1", "22.8"): computed["warfarin-1"]["22.8"],
        ("warfarin-2", "3.3"): computed["warfarin-2"]["22.8"] / 7,
        ("warfarin-2", "41.9"): computed["warfarin-2"]["41.9"],
        ("oncology-1", "0.373"): alt / (depth - alt),
        ("oncology-2", "0.6"): 0.6,
        ("oncology-2", "0.5"): 1 / 2,  # one of two copies, in every cell
        ("trials-1", "46"): 46.0,
        ("trials-3", "0.45"): 0.45,
        ("trials-3", "0.09"): 0.2 * 0.45,
        ("trials-4", "78"): 556 * 0.141,
        ("trials-4", "39.4"): 556 / 14.1,
        ("subtyping-2", "4"): computed["subtyping-2"]["4"],
        ("subtyping-6", "40.7"): plus["HER2-enriched"] / plus.sum() * 100,
        ("subtyping-6", "81.0"): minus["HER2-enriched"] / minus.sum() * 100,
        ("subtyping-6", "63.6"): (plus["HER2-enriched"] + minus["HER2-enriched"])
        / table["HER2-enriched"].sum() * 100,
    }
    items = check.exercises()
    for (key, wrong), value in slips.items():
        assert wrong in items[key].wrong, (key, wrong)
        assert _rounded_to_text(wrong, value), (key, wrong, value)
        fb = check.feedback(key, value)
        assert fb.reason == f"misconception:{wrong}", (key, wrong, fb)
    numeric = {(k, w) for k in KEYS for w in items[k].wrong
               if items[k].kind == "number"}
    assert numeric <= set(slips) | {("trials-1", "146"), ("trials-2", "18.9")}, \
        numeric - set(slips)
