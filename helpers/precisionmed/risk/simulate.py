"""Lesson 10's data: one simulated cohort whose pieces arrive as five separate sources.

Files written under ``risk/`` (run ``python -m precisionmed.datasets build``):

- ``genotypes``: the genotype file (id ``P-00012``): a polygenic score for coronary heart
  disease and copies of a pathogenic variant in three familial-hypercholesterolaemia (FH)
  genes (LDLR, APOB, PCSK9);
- ``ehr_patients`` and ``ehr``: the health-record extract (id ``12`` or ``000012``): birth
  year and sex; LDL cholesterol in mmol/L (lab A) or mg/dL (lab B), systolic blood pressure,
  diagnoses with ICD-10 codes and medications, measured on different dates;
- ``lifestyle``: a questionnaire (id ``P-00012``, ``p-00012`` or ``P00012``) with smoking in
  free words;
- ``steps``: daily step counts from a wrist wearable over the week before the start (one
  column per day), with days not worn (no count, or a count under 500);
- ``outcomes``: a heart attack or stroke within 10 years of 2016-01-01;
- ``answer_key``: the true values behind every source and each person's true 10-year risk;
- ``family``: cascade (family) testing after Peter's FH finding, with his son Daniel
  (PM-004, from lessons 00 and 01);
- ``model_coefficients``, ``model_performance``, ``calibration``: the risk model fitted on
  the joined cohort at build time (:mod:`precisionmed.risk.model`).

Everything is invented with ``numpy.random.default_rng(SEED)``; the effect sizes are
teaching values chosen near published ones (see each schema's sources). Not for care.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.risk.integrate import MIN_WORN_STEPS
from precisionmed.tables import column as _col
from precisionmed.tables import write_table

ORDER = 100
SEED = 20261010
VERSION = "2026-12-02"
COHORT = 1000
#: Share of the cohort carrying an FH variant: 1 in 50 here (real life: about 1 in 250, 0.4%
#: in UK Biobank, Khera 2018), so the lesson has enough carriers to see.
FH_SHARE = 0.02
#: FH carriers' extra LDL cholesterol (mmol/L), a teaching value.
FH_LDL_EXTRA = 2.2
#: The true model (log odds of an event within 10 years), on the scaled inputs of
#: precisionmed.risk.model.TERMS. Teaching values: the polygenic score's 0.23 per standard
#: deviation gives about 1.9 times the risk between the top and bottom fifths (Khera 2016:
#: hazard ratio 1.91). FH carriers have had high LDL since birth, so their risk is higher
#: than their measured LDL alone says: a direct term of 0.7 (about 2 times the odds at the
#: same LDL, a teaching value) plus the extra LDL gives about 3.5 times the odds of a
#: non-carrier (Khera 2018: "up to threefold").
TRUE_LOG_ODDS = {"intercept": -2.75, "age10": 0.65, "male": 0.55, "sbp10": 0.18, "ldl": 0.25,
                 "smoker": 0.69, "steps1000": -0.10, "fh": 0.70, "prs": 0.23}
DAYS = tuple(f"2015-12-{d:02d}" for d in range(25, 32))
#: Shares of worn-day problems in the wearable file.
NO_COUNT, LOW_COUNT = 0.09, 0.03
NO_WEARABLE = 0.05
#: People of the genotype file with no health record / no questionnaire; record-only people.
NO_RECORD, NO_SURVEY, RECORD_ONLY = 20, 24, 15
#: The named people of the lesson (fixed, so their story holds): id → values.
NAMED = {
    "P-00001": {"name": "Peter", "age": 54, "male": True, "sbp": 136.0, "ldl": 5.6,
                "smoking": "current", "steps": 4200.0, "prs": 0.3, "gene": "LDLR"},
    "P-00002": {"name": "Grace", "age": 47, "male": False, "sbp": 118.0, "ldl": 3.1,
                "smoking": "never", "steps": 9400.0, "prs": -0.6, "gene": ""},
    "P-00003": {"name": "Omar", "age": 63, "male": True, "sbp": 151.0, "ldl": 3.8,
                "smoking": "former", "steps": 6100.0, "prs": 1.9, "gene": ""},
}
SMOKING_SPELLINGS = {
    "never": ("never", "never", "Never", "no", "Non-smoker", " never "),
    "former": ("former", "former", "Ex-smoker", "quit", "Former"),
    "current": ("current", "current", "Yes", "Current", "smoker"),
}


def _made_by() -> str:
    return f"simulated by precisionmed.risk.simulate with numpy default_rng(seed={SEED})"


def _truth(rng: np.random.Generator) -> pd.DataFrame:
    n = COHORT
    age = rng.integers(40, 70, size=n)
    male = rng.random(n) < 0.5
    sbp = np.clip(rng.normal(128 + 0.5 * (age - 55), 15), 95, 200).round(0)
    carrier = rng.random(n) < FH_SHARE
    gene = np.where(carrier, rng.choice(["LDLR", "APOB", "PCSK9"], size=n, p=[0.8, 0.15, 0.05]),
                    "")
    ldl = np.clip(rng.normal(3.4, 0.85, size=n) + FH_LDL_EXTRA * carrier, 1.2, 9.5).round(2)
    prs = rng.normal(0, 1, size=n).round(2)
    smoking = rng.choice(["never", "former", "current"], size=n, p=[0.59, 0.25, 0.16])
    steps = np.clip(7000 * np.exp(rng.normal(-0.004 * (age - 55), 0.4)), 1200, 20000).round(0)
    frame = pd.DataFrame({"person_id": [f"P-{i + 1:05d}" for i in range(n)], "age": age,
                          "male": male, "sbp": sbp, "ldl": ldl, "smoking": smoking,
                          "steps": steps, "prs": prs, "gene": gene})
    for pid, values in NAMED.items():
        i = int(pid[2:]) - 1
        for key, value in values.items():
            if key != "name":
                frame.at[i, key] = value
    frame["smoker"] = frame["smoking"] == "current"
    frame["fh"] = frame["gene"] != ""
    return frame


def true_risk(frame: pd.DataFrame) -> np.ndarray:
    """The simulation's true 10-year risk for rows with the integrated table's columns."""
    from precisionmed.risk.model import design

    x = design(frame)
    logit = TRUE_LOG_ODDS["intercept"] + sum(TRUE_LOG_ODDS[t] * x[t].to_numpy()
                                             for t in x.columns)
    return 1 / (1 + np.exp(-np.asarray(logit, dtype=float)))


def _genotypes(truth: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"person_id": truth["person_id"], "prs": truth["prs"],
                         **{g: (truth["gene"] == g).astype(int) for g in ("LDLR", "APOB",
                                                                           "PCSK9")}})


def _record_ids(rng: np.random.Generator, numbers: np.ndarray) -> list[str]:
    padded = rng.random(len(numbers)) < 0.15  # an older system pads ids to 6 digits
    return [f"{k:06d}" if p else str(k) for k, p in zip(numbers, padded, strict=True)]


def _ehr(rng: np.random.Generator, truth: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(truth)
    numbers = np.arange(1, n + 1)
    skip = set(rng.choice(numbers[3:], size=NO_RECORD, replace=False).tolist())
    kept = np.array([k for k in numbers if k not in skip])
    extra = np.arange(n + 1, n + RECORD_ONLY + 1)  # in the record, never genotyped
    all_numbers = np.concatenate([kept, extra])
    mrn = _record_ids(rng, all_numbers)
    birth = np.concatenate([2016 - truth["age"].to_numpy()[kept - 1],
                            2016 - rng.integers(40, 70, size=RECORD_ONLY)])
    sex = np.concatenate([np.where(truth["male"].to_numpy()[kept - 1], "M", "F"),
                          rng.choice(["M", "F"], size=RECORD_ONLY)])
    patients = pd.DataFrame({"mrn": mrn, "birth_year": birth, "sex": sex})
    rows = []
    # a few people were only measured after the start: they cannot be used
    late_only = set(rng.choice(kept[3:], size=5, replace=False).tolist())
    for k, ident in zip(all_numbers, mrn, strict=True):
        if k <= n:
            person = truth.iloc[k - 1]
            ldl, sbp, fh = float(person["ldl"]), float(person["sbp"]), bool(person["fh"])
        else:
            ldl, sbp, fh = float(rng.normal(3.4, 0.85)), float(rng.normal(128, 15)), False
        dates = [] if k in late_only else (["2014-03-11"] if rng.random() < 0.4 else [])
        dates += [] if k in late_only else ["2015-06-20"]
        dates += ["2017-02-01"] if rng.random() < 0.2 or k in late_only else []
        dates = [f"{d[:8]}{int(rng.integers(1, 29)):02d}" for d in dates]
        for j, date in enumerate(dates):
            last_before = j == len([d for d in dates if d <= "2016-01-01"]) - 1
            true_ldl = ldl if last_before else max(1.0, ldl + float(rng.normal(0, 0.4)))
            true_sbp = sbp if last_before else float(np.round(sbp + rng.normal(0, 8)))
            lab_b = rng.random() < 0.35
            value = round(true_ldl * 38.67) if lab_b else round(true_ldl, 2)
            rows.append((ident, date, "LDL", float(value), "mg/dL" if lab_b else "mmol/L", None))
            rows.append((ident, date, "SBP", float(true_sbp), "mmHg", None))
        if sbp > 140 and rng.random() < 0.6:
            rows.append((ident, "2013-09-02", "diagnosis", None, "", "hypertension (I10)"))
        if rng.random() < 0.08:
            rows.append((ident, "2012-05-14", "diagnosis", None, "",
                         "type 2 diabetes (E11)"))
        if fh and rng.random() < 0.25:
            rows.append((ident, "2010-01-19", "diagnosis", None, "",
                         "familial hypercholesterolaemia (E78.01)"))
        if (ldl > 4.9 and rng.random() < 0.5) or rng.random() < 0.08:
            rows.append((ident, "2014-04-02", "medication", None, "", "atorvastatin 20 mg"))
    ehr = pd.DataFrame(rows, columns=["mrn", "date", "item", "value", "unit", "text"])
    ehr = ehr.sort_values(["date", "mrn", "item"], kind="mergesort").reset_index(drop=True)
    return patients, ehr


def _lifestyle(rng: np.random.Generator, truth: pd.DataFrame) -> pd.DataFrame:
    n = len(truth)
    skip = set(rng.choice(np.arange(4, n + 1), size=NO_SURVEY, replace=False).tolist())
    rows = []
    for k in range(1, n + 1):
        if k in skip:
            continue
        form = rng.random()
        ident = f"P-{k:05d}" if form < 0.6 else (f"p-{k:05d}" if form < 0.85 else f"P{k:05d}")
        status = str(truth["smoking"].iloc[k - 1])
        words = SMOKING_SPELLINGS[status]
        rows.append((ident, words[int(rng.integers(len(words)))]))
    order = rng.permutation(len(rows))
    return pd.DataFrame([rows[i] for i in order], columns=["participant", "smoking"])


def _steps(rng: np.random.Generator, truth: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for pid, habitual in zip(truth["person_id"], truth["steps"], strict=True):
        if pid not in NAMED and rng.random() < NO_WEARABLE:
            continue
        rarely = pid not in NAMED and rng.random() < 0.03
        counts: list[float | None] = []
        for _ in DAYS:
            u = rng.random()
            count = float(np.round(habitual * np.exp(rng.normal(0, 0.25))))
            if (rarely and u < 0.7) or (not rarely and u < NO_COUNT):
                counts.append(None)
            elif u < NO_COUNT + LOW_COUNT:
                counts.append(float(rng.integers(0, MIN_WORN_STEPS)))
            else:
                counts.append(count)
        rows.append((pid, *counts))
    return pd.DataFrame(rows, columns=["person_id", *DAYS])


def _family() -> pd.DataFrame:
    rows = [
        ("P-00001", "Peter", "index person (first found)", 0, 54, "carrier", "", "found by "
         "the genotype file of the study; LDL 5.6 mmol/L"),
        ("PM-004", "Daniel", "son", 1, 29, "carrier", "PM-004", "the delivery driver of "
         "lessons 00 and 01; LDL 5.2 mmol/L"),
        ("F-002", "Ella", "daughter", 1, 26, "not a carrier", "", ""),
        ("F-003", "Tom", "brother", 1, 57, "carrier", "", "had chest pain last year"),
        ("F-004", "Anne", "sister", 1, 51, "not a carrier", "", ""),
        ("F-005", "Lucy", "niece (Tom's daughter)", 2, 29, "carrier", "", ""),
        ("F-006", "Sam", "nephew (Tom's son)", 2, 26, "not tested yet", "", "has not decided"),
    ]
    return pd.DataFrame(rows, columns=["person_id", "name", "relation", "degree", "age",
                                       "result", "recurring_id", "note"])


_NOTE = ("Simulated: every person, value and date is invented (numpy seeded generator); "
         "teaching material, not for care.")
_SOURCE_TEACHING = "Invented teaching values."


def _schemas() -> dict[str, dict]:
    base = {"made_by": _made_by(), "version": VERSION}
    return {
        "genotypes": {**base,
            "title": "Lesson 10 source 1: the genotype file (polygenic score and FH genes)",
            "description": (
                "One row per genotyped participant (id P-00012). prs is a polygenic score for "
                "coronary heart disease, standardised (0 = average, 1 = one standard deviation "
                "higher). LDLR, APOB and PCSK9 count copies (0 or 1) of a simulated pathogenic "
                "variant causing familial hypercholesterolaemia (FH). Carriers are 1 in 50 here, "
                "five times as common as in real life (about 1 in 250), so the lesson has "
                "enough of them. " + _NOTE),
            "sources": ["Khera AV and others, Nat Genet 2018;50:1219 (FH carriers 0.4% of UK "
                        "Biobank)", "Khera AV and others, NEJM 2016;375:2349 (polygenic "
                        "gradient)", _SOURCE_TEACHING],
            "columns": [
                _col("person_id", "string", "Participant id (P-00012)."),
                _col("prs", "float", "Polygenic score, standardised.", decimals=2),
                _col("LDLR", "integer", "Copies of a pathogenic LDLR variant.", allowed=[0, 1]),
                _col("APOB", "integer", "Copies of a pathogenic APOB variant.", allowed=[0, 1]),
                _col("PCSK9", "integer", "Copies of a pathogenic PCSK9 gain-of-function "
                                         "variant.", allowed=[0, 1]),
            ]},
        "ehr_patients": {**base,
            "title": "Lesson 10 source 2a: the health-record extract's patient list",
            "description": (
                "One row per patient of the health record (mrn: the record's own number, 12, or "
                "000012 from an older system that pads to 6 digits). 15 patients were never "
                "genotyped and 20 genotyped participants have no record. " + _NOTE),
            "sources": [_SOURCE_TEACHING],
            "columns": [
                _col("mrn", "string", "Medical record number (12 or 000012)."),
                _col("birth_year", "integer", "Year of birth."),
                _col("sex", "string", "Sex as the record writes it.", allowed=["F", "M"]),
            ]},
        "ehr": {**base,
            "title": "Lesson 10 source 2b: the health-record extract (labs, diagnoses, medicines)",
            "description": (
                "One row per entry: LDL cholesterol (lab A reports mmol/L, lab B mg/dL; "
                "1 mmol/L = 38.67 mg/dL), systolic blood pressure (mmHg), diagnoses with ICD-10 "
                "codes and medicines, each with a date. Most people were measured in 2014 and "
                "2015; some again in 2017, after the start of follow-up (2016-01-01), and a few "
                "only then. In this simulation medicines do not change risk (a simplification). "
                + _NOTE),
            "sources": ["Cholesterol: 1 mmol/L = 38.67 mg/dL (molar mass 386.7 g/mol; AHRQ "
                        "Evidence Synthesis 47, 2007, appendix 2)", _SOURCE_TEACHING],
            "columns": [
                _col("mrn", "string", "Medical record number (12 or 000012)."),
                _col("date", "string", "Date of the entry (YYYY-MM-DD)."),
                _col("item", "string", "What the entry is: LDL = LDL cholesterol, SBP = "
                                       "systolic blood pressure, a diagnosis or a medication.",
                     allowed=["LDL", "SBP", "diagnosis", "medication"]),
                _col("value", "float", "Measured value (labs only).", decimals=2,
                     nullable=True),
                _col("unit", "string", "Unit of the value (labs only).",
                     allowed=["mmol/L", "mg/dL", "mmHg", ""], nullable=True),
                _col("text", "string", "Diagnosis (with ICD-10 code) or medicine.",
                     nullable=True),
            ]},
        "lifestyle": {**base,
            "title": "Lesson 10 source 3: the lifestyle questionnaire",
            "description": (
                "One row per returned questionnaire (participant: P-00012, p-00012 or P00012, "
                "as typed), in the order they came back. smoking is the answer in the "
                "person's own words (never, no, Ex-smoker, Yes, …). 24 participants did not "
                "return it. " + _NOTE),
            "sources": [_SOURCE_TEACHING],
            "columns": [
                _col("participant", "string", "Participant id as typed."),
                _col("smoking", "string", "Smoking, in the person's words."),
            ]},
        "steps": {**base,
            "title": "Lesson 10 source 4: a week of daily steps from a wrist wearable",
            "description": (
                "One row per participant with a wearable, one column per day (25-31 December "
                "2015). A blank means the device sent nothing that day; a count under 500 means "
                "it was hardly worn; 5% of participants have no wearable at all. Habitual steps "
                "centre near 7,000 a day (All of Us participants: median 7,731, Master 2022). "
                + _NOTE),
            "sources": ["Master H and others, Nat Med 2022;28:2301 (All of Us Fitbit steps)",
                        _SOURCE_TEACHING],
            "columns": [
                _col("person_id", "string", "Participant id (P-00012)."),
                *[_col(day, "integer", f"Steps counted on {day}.", nullable=True)
                  for day in DAYS],
            ]},
        "outcomes": {**base,
            "title": "Lesson 10: heart attack or stroke within 10 years of the start",
            "description": (
                "One row per genotyped participant: whether they had a first heart attack or "
                "stroke within 10 years of 2016-01-01 (drawn from their true risk in "
                "risk/answer_key), and the years to it (10.0 without one). Everyone is "
                "followed for 10 years (no one is lost: a simplification). " + _NOTE),
            "sources": [_SOURCE_TEACHING],
            "columns": [
                _col("person_id", "string", "Participant id (P-00012)."),
                _col("event", "boolean", "Heart attack or stroke within 10 years."),
                _col("years", "float", "Years to the event, or 10.0.", decimals=1),
            ]},
        "answer_key": {**base,
            "title": "Lesson 10 answer key: the true values behind every source",
            "description": (
                "One row per genotyped participant: the true age, sex, blood pressure, LDL "
                "(mmol/L, the latest value before the start), smoking, habitual steps, "
                "polygenic score, FH gene, the true 10-year risk of the simulation and the "
                "lesson's name for the three named people. " + _NOTE),
            "sources": [_SOURCE_TEACHING],
            "columns": [
                _col("person_id", "string", "Participant id (P-00012)."),
                _col("name", "string", "The lesson's name for a named person.",
                     nullable=True),
                _col("age", "integer", "Age at the start (years)."),
                _col("male", "boolean", "Man (True) or woman (False)."),
                _col("sbp", "float", "Systolic blood pressure (mmHg).", decimals=0),
                _col("ldl", "float", "LDL cholesterol (mmol/L).", decimals=2),
                _col("smoking", "string", "Smoking.", allowed=["never", "former", "current"]),
                _col("steps", "float", "Habitual steps per day.", decimals=0),
                _col("prs", "float", "Polygenic score, standardised.", decimals=2),
                _col("gene", "string", "FH gene carrying a variant (blank: none).",
                     nullable=True),
                _col("true_risk", "float", "True 10-year risk (share).", decimals=4),
            ]},
        "family": {**base,
            "title": "Lesson 10: cascade testing in Peter's family after his FH finding",
            "description": (
                "Peter (54) was found to carry an LDLR variant causing familial "
                "hypercholesterolaemia. Each first-degree relative has a 1 in 2 chance of "
                "carrying it, each second-degree relative 1 in 4. His son Daniel is the "
                "recurring patient PM-004 of lessons 00 and 01. Results are simulated. " + _NOTE),
            "sources": ["Autosomal dominant inheritance (one copy from one parent).",
                        _SOURCE_TEACHING],
            "columns": [
                _col("person_id", "string", "Id (the cohort's P-…, a recurring PM-…, or F-…)."),
                _col("name", "string", "Invented name."),
                _col("relation", "string", "Relation to Peter."),
                _col("degree", "integer", "Degree of relation (0 = Peter).",
                     allowed=[0, 1, 2]),
                _col("age", "integer", "Age (years)."),
                _col("result", "string", "Cascade test result.",
                     allowed=["carrier", "not a carrier", "not tested yet"]),
                _col("recurring_id", "string", "Id in patients/recurring, if any.",
                     nullable=True),
                _col("note", "string", "Note.", nullable=True),
            ]},
        "model_coefficients": {**base,
            "title": "Lesson 10's risk model: coefficients fitted at build time",
            "description": (
                "Logistic regression for a heart attack or stroke within 10 years, fitted on "
                "the joined cohort (precisionmed.risk.integrate) by Newton's method. Terms are "
                "scaled as in precisionmed.risk.model.TERMS (age per 10 years above 55, blood "
                "pressure per 10 mmHg above 130, LDL per mmol/L above 3.5, steps per 1,000 "
                "above 7,000 up to 10,000, polygenic score per standard deviation). The FH term is "
                "fixed at the simulation's design value (0.70): about 20 carriers are too few to "
                "fit it, as the '(fitted freely)' row shows. " + _NOTE),
            "sources": ["Fitted on the simulated cohort; see risk/model_performance."],
            "columns": [
                _col("model", "string", "Model.", allowed=["without_prs", "with_prs"]),
                _col("term", "string", "Input (or intercept); '(fitted freely)' rows are "
                                       "for comparison, not used to predict."),
                _col("how", "string", "Fitted on the cohort, fixed (a rare variant with too "
                                      "few carriers to fit), or not used.",
                     allowed=["fitted", "fixed", "not used"]),
                _col("coefficient", "float", "Log odds per unit of the term.", decimals=4),
                _col("standard_error", "float", "Standard error of a fitted coefficient.",
                     decimals=4, nullable=True),
                _col("odds_ratio", "float", "exp(coefficient).", decimals=3, nullable=True),
            ]},
        "model_performance": {**base,
            "title": "Lesson 10's risk model: discrimination and overall calibration",
            "description": (
                "For each model: people and events it was fitted on, the AUC (C statistic: the "
                "chance a person with an event was given a higher risk than one without), mean "
                "predicted risk and observed share; row 'truth' scores the simulation's true "
                "risks: even they reach only a modest AUC, because who has an event is partly "
                "chance. Measured on the data the model was "
                "fitted on (no separate test set: a simplification). " + _NOTE),
            "sources": ["Computed at build time from the simulated cohort."],
            "columns": [
                _col("model", "string", "Model.", allowed=["without_prs", "with_prs", "truth"]),
                _col("people", "integer", "People."),
                _col("events", "integer", "Events within 10 years."),
                _col("auc", "float", "AUC (C statistic).", decimals=3),
                _col("mean_predicted", "float", "Mean predicted risk.", decimals=4),
                _col("observed", "float", "Observed share with an event.", decimals=4),
            ]},
        "calibration": {**base,
            "title": "Lesson 10's risk model: calibration by decile of predicted risk",
            "description": (
                "People sorted by predicted risk and split into ten equal groups: the mean "
                "predicted risk and the share who had an event in each. A calibrated model has "
                "the two close in every group. " + _NOTE),
            "sources": ["Computed at build time from the simulated cohort."],
            "columns": [
                _col("model", "string", "Model.", allowed=["without_prs", "with_prs"]),
                _col("decile", "integer", "Group, 1 = lowest predicted risk."),
                _col("people", "integer", "People in the group."),
                _col("mean_predicted", "float", "Mean predicted risk.", decimals=4),
                _col("observed", "float", "Observed share with an event.", decimals=4),
            ]},
    }


def build(out_dir: Path) -> list[Path]:
    """Write ``risk/*`` under ``out_dir`` and fit the risk model on the joined sources."""
    from precisionmed import data
    from precisionmed.risk import model as rm
    from precisionmed.risk.integrate import integrate

    out_dir = Path(out_dir)
    rng = np.random.default_rng(SEED)
    truth = _truth(rng)
    truth["true_risk"] = true_risk(truth).round(4)
    event = rng.random(len(truth)) < truth["true_risk"].to_numpy()
    years = np.where(event, np.round(rng.uniform(0.1, 10.0, size=len(truth)), 1), 10.0)
    patients, ehr = _ehr(rng, truth)
    lifestyle = _lifestyle(rng, truth)
    steps = _steps(rng, truth)
    schemas = _schemas()
    key = truth.assign(name=[NAMED.get(p, {}).get("name") for p in truth["person_id"]])
    outcomes = pd.DataFrame({"person_id": truth["person_id"], "event": event, "years": years})
    written: list[Path] = []
    for name, frame in (("genotypes", _genotypes(truth)), ("ehr_patients", patients),
                        ("ehr", ehr), ("lifestyle", lifestyle), ("steps", steps),
                        ("outcomes", outcomes), ("answer_key", key), ("family", _family())):
        written += write_table(frame, out_dir, f"risk/{name}", schemas[name])
    joined = integrate(*(data.load(f"risk/{n}", root=out_dir) for n in
                         ("genotypes", "ehr_patients", "ehr", "lifestyle", "steps")))
    table = joined.table
    stored = data.load("risk/outcomes", root=out_dir).set_index("person_id")
    y = stored.loc[table["person_id"], "event"].to_numpy()
    fitted = rm.fit_all(table, pd.Series(y))
    answer = data.load("risk/answer_key", root=out_dir).set_index("person_id")
    best = answer.loc[table["person_id"], "true_risk"].to_numpy()
    performance = pd.concat([fitted["performance"], pd.DataFrame([{
        "model": "truth", "people": len(y), "events": int(y.sum()),
        "auc": rm.auc(y.astype(bool), best), "mean_predicted": float(best.mean()),
        "observed": float(y.mean())}])], ignore_index=True)
    written += write_table(fitted["coefficients"], out_dir, "risk/model_coefficients",
                           schemas["model_coefficients"])
    written += write_table(performance, out_dir, "risk/model_performance",
                           schemas["model_performance"])
    written += write_table(fitted["calibration"], out_dir, "risk/calibration",
                           schemas["calibration"])
    return written
