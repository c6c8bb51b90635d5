"""Join lesson 10's five simulated sources into one row per person, and say what was fixed.

The sources arrive the way real ones do, each from a different system:

- ``risk/genotypes``: a genotype file (id ``P-00012``): a polygenic score and three
  familial-hypercholesterolaemia genes;
- ``risk/ehr_patients`` and ``risk/ehr``: a health-record extract (id ``12``, sometimes
  ``0012``): birth year and sex; LDL cholesterol (in mmol/L from one lab, mg/dL from another),
  systolic blood pressure, diagnoses and medications, several measurements per person;
- ``risk/lifestyle``: a questionnaire (id ``p-00012``) with smoking written in free words;
- ``risk/steps``: a week of daily step counts from a wearable (one row per person, one
  column per day), with days it was not worn.

:func:`integrate` applies the documented rules (:data:`RULES`) and returns the joined table
with a learner-visible checklist of every fix and every person left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: mg/dL of cholesterol in 1 mmol/L (molar mass of cholesterol, 386.7 g/mol ÷ 10).
MG_DL_PER_MMOL_L = 38.67
#: The cohort's start: measurements on or before this date are used (the latest one).
BASELINE = "2016-01-01"
BASELINE_YEAR = 2016
#: A day with fewer steps than this is treated as "not worn" (the device sat on a table).
MIN_WORN_STEPS = 500
#: A person needs at least this many worn days for a step average; otherwise it is filled in.
MIN_WORN_DAYS = 4
#: Item codes of the health-record extract.
LDL, SBP = "LDL", "SBP"
#: Free-text smoking answers and what they mean.
SMOKING_WORDS = {
    "never": "never", "no": "never", "non-smoker": "never", "never smoked": "never",
    "former": "former", "ex-smoker": "former", "ex": "former", "quit": "former",
    "stopped": "former",
    "current": "current", "yes": "current", "smoker": "current", "daily": "current",
}
#: The rules, in the order :func:`integrate` applies them (shown in the lesson).
RULES = (
    "IDs: every source's id is rewritten to the genotype file's form P-00012 (the number "
    "with 5 digits); leading zeros and lower case are fixed.",
    "Join: only people found in the genotype file, the health record and the questionnaire "
    "are kept; everyone left out is counted.",
    "Units: LDL cholesterol in mg/dL is divided by 38.67 to give mmol/L.",
    "Time: the latest LDL and blood pressure measured on or before 2016-01-01 are used.",
    "Words: smoking answers are trimmed, put in lower case and mapped to never, former or "
    "current.",
    "Gaps: a day with no count, or fewer than 500 steps, was not worn and is left out; a "
    "person needs 4 worn days, otherwise their steps are filled in with the cohort median "
    "and flagged.",
)

_ID_DIGITS = re.compile(r"(\d+)")


def normalise_id(value: object) -> str:
    """Rewrite a person's id from any source to the form ``P-00012``.

    Accepts ``"P-00012"``, ``"p-00012"``, ``"12"``, ``"0012"`` or the number 12.

    >>> normalise_id("0012"), normalise_id("p-00012"), normalise_id(12)
    ('P-00012', 'P-00012', 'P-00012')
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, np.integer)):
        raise TypeError(f"An id must be text or a whole number, got {type(value).__name__} "
                        f"{value!r:.40}.")
    text = str(value).strip()
    match = _ID_DIGITS.fullmatch(text) or re.fullmatch(r"[Pp]-?(\d+)", text)
    if not match:
        raise ValueError(f"Cannot read {value!r} as a person id: expected P-00012, p-00012, "
                         "12 or 0012.")
    number = int(match.group(1))
    if number < 1 or number > 99999:
        raise ValueError(f"Person ids run from 1 to 99999, got {value!r}.")
    return f"P-{number:05d}"


def ldl_to_mmol(value: float, unit: str) -> float:
    """LDL cholesterol in mmol/L from a value in ``"mmol/L"`` or ``"mg/dL"``.

    >>> round(ldl_to_mmol(135, "mg/dL"), 2)
    3.49
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)):
        raise TypeError(f"value must be a number, got {type(value).__name__} {value!r:.40}.")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"value must be a finite number, 0 or more, got {value!r}.")
    if unit == "mmol/L":
        return float(value)
    if unit == "mg/dL":
        return float(value) / MG_DL_PER_MMOL_L
    raise ValueError(f"unit must be 'mmol/L' or 'mg/dL', got {unit!r}.")


def smoking_status(answer: object) -> str:
    """Map a free-text smoking answer to ``"never"``, ``"former"`` or ``"current"``."""
    if not isinstance(answer, str):
        raise TypeError(f"A smoking answer must be text, got {type(answer).__name__}.")
    word = " ".join(answer.strip().lower().split())
    if word not in SMOKING_WORDS:
        raise ValueError(f"Cannot read the smoking answer {answer!r}; known answers: "
                         f"{', '.join(sorted(SMOKING_WORDS))}.")
    return SMOKING_WORDS[word]


@dataclass(frozen=True)
class CheckItem:
    """One line of the data-integration checklist: what was checked, and how many rows."""

    step: str
    what: str
    count: int

    def line(self) -> str:
        """The line as the lesson prints it."""
        return f"[{self.step}] {self.what}: {self.count:,}"


@dataclass
class Integrated:
    """The joined table (one row per person) and the checklist of what was fixed."""

    table: pd.DataFrame
    checklist: list[CheckItem] = field(default_factory=list)

    def count(self, what: str) -> int:
        """The count of the checklist line whose ``what`` starts with ``what``."""
        for item in self.checklist:
            if item.what.startswith(what):
                return item.count
        raise ValueError(f"No checklist line starts with {what!r}; lines: "
                         f"{[i.what for i in self.checklist]}.")

    def report(self) -> str:
        """The checklist as text, one line per check."""
        return "\n".join(item.line() for item in self.checklist)


def _frame(value: object, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (data.load('risk/{name}')), got "
                        f"{type(value).__name__}.")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {missing}; it needs {list(columns)}.")
    return value


def _ids(values: pd.Series) -> tuple[pd.Series, int]:
    lookup = {v: normalise_id(v) for v in values.unique()}
    fixed = values.map(lookup)
    return fixed, int((fixed != values.astype(str)).sum())


def _latest(ehr: pd.DataFrame, item: str) -> tuple[pd.DataFrame, int]:
    rows = ehr[(ehr["item"] == item) & (ehr["date"] <= BASELINE) & ehr["value"].notna()]
    rows = rows.sort_values(["person_id", "date"], kind="mergesort")
    repeated = int(rows.duplicated("person_id").sum())
    return rows.drop_duplicates("person_id", keep="last"), repeated


def integrate(genotypes: pd.DataFrame, ehr_patients: pd.DataFrame, ehr: pd.DataFrame,
              lifestyle: pd.DataFrame, steps: pd.DataFrame) -> Integrated:
    """Join the five sources by the rules in :data:`RULES`; return table and checklist.

    The table has one row per person kept: ``person_id``, ``age``, ``male``, ``sbp``
    (mmHg), ``ldl`` (mmol/L), ``smoking``, ``smoker`` (current), ``steps`` (mean per worn
    day), ``steps_filled``, ``worn_days``, ``prs`` (standardised), ``fh`` (carries a
    familial-hypercholesterolaemia variant), ``hypertension`` and ``statin`` (from the record).
    """
    genotypes = _frame(genotypes, "genotypes", ("person_id", "prs", "LDLR", "APOB", "PCSK9"))
    ehr_patients = _frame(ehr_patients, "ehr_patients", ("mrn", "birth_year", "sex"))
    ehr = _frame(ehr, "ehr", ("mrn", "date", "item", "value", "unit", "text"))
    lifestyle = _frame(lifestyle, "lifestyle", ("participant", "smoking"))
    steps = _frame(steps, "steps", ("person_id",))
    checks: list[CheckItem] = []

    patients = ehr_patients.copy()
    patients["person_id"], fixed_ehr = _ids(patients["mrn"])
    record = ehr.copy()
    record["person_id"], _ = _ids(record["mrn"])
    survey = lifestyle.copy()
    survey["person_id"], fixed_survey = _ids(survey["participant"])
    checks.append(CheckItem("IDs", "health-record ids rewritten from 12 or 000012 to P-00012",
                            fixed_ehr))
    checks.append(CheckItem("IDs", "questionnaire ids rewritten from p-00012 or P00012 to P-00012",
                            fixed_survey))

    genes = genotypes.copy()
    genes["fh"] = (genes[["LDLR", "APOB", "PCSK9"]].sum(axis=1) > 0)
    in_genes = set(genes["person_id"])
    in_record = set(patients["person_id"])
    in_survey = set(survey["person_id"])
    checks.append(CheckItem("Join", "people in the genotype file", len(in_genes)))
    checks.append(CheckItem("Join", "genotype-file people with no health record",
                            len(in_genes - in_record)))
    checks.append(CheckItem("Join", "health-record people with no genotypes (left out)",
                            len(in_record - in_genes)))
    checks.append(CheckItem("Join", "genotype-file people with no questionnaire",
                            len((in_genes & in_record) - in_survey)))
    keep = in_genes & in_record & in_survey

    ldl_rows, repeated_ldl = _latest(record, LDL)
    sbp_rows, repeated_sbp = _latest(record, SBP)
    all_ldl = record[record["item"] == LDL]
    checks.append(CheckItem("Units", "LDL values converted from mg/dL to mmol/L",
                            int((all_ldl["unit"] == "mg/dL").sum())))
    ldl = pd.Series([ldl_to_mmol(float(v), str(u)) for v, u in
                     zip(ldl_rows["value"], ldl_rows["unit"], strict=True)],
                    index=ldl_rows["person_id"].to_numpy(), dtype=float)
    sbp = pd.Series(sbp_rows["value"].to_numpy(dtype=float),
                    index=sbp_rows["person_id"].to_numpy())
    checks.append(CheckItem("Time", "older measurements set aside (the latest one is used)",
                            repeated_ldl + repeated_sbp))
    later = record[(record["item"].isin([LDL, SBP]))
                   & (record["date"] > BASELINE)]
    checks.append(CheckItem("Time", "measurements after the start date left out", len(later)))
    no_lab = {p for p in keep if p not in ldl.index or p not in sbp.index}
    checks.append(CheckItem("Join", "people with no LDL or blood pressure before the start "
                                    "(left out)", len(no_lab)))
    keep -= no_lab

    words = {a: smoking_status(a) for a in survey["smoking"].unique()}
    survey["smoking_clean"] = survey["smoking"].map(words)
    checks.append(CheckItem("Words", "smoking answers rewritten to never, former or current",
                            int((survey["smoking"] != survey["smoking_clean"]).sum())))

    day = steps.melt(id_vars="person_id", var_name="date", value_name="steps")
    day["steps"] = pd.to_numeric(day["steps"], errors="coerce")
    worn = day["steps"].notna() & (day["steps"].fillna(0) >= MIN_WORN_STEPS)
    checks.append(CheckItem("Gaps", "days with no step count", int(day["steps"].isna().sum())))
    checks.append(CheckItem("Gaps", f"days under {MIN_WORN_STEPS} steps treated as not worn",
                            int((day["steps"].notna() & ~worn).sum())))
    by_person = day[worn].groupby("person_id")["steps"].agg(["mean", "size"])
    worn_days = pd.Series(0, index=sorted(keep), dtype=int)
    common = worn_days.index.intersection(by_person.index)
    worn_days.loc[common] = by_person.loc[common, "size"].astype(int)
    enough = worn_days >= MIN_WORN_DAYS
    mean_steps = pd.Series(np.nan, index=worn_days.index)
    mean_steps.loc[enough[enough].index] = by_person.loc[enough[enough].index, "mean"]
    median = float(np.median(mean_steps.dropna())) if mean_steps.notna().any() else 0.0
    filled = mean_steps.isna()
    mean_steps = mean_steps.fillna(median)
    checks.append(CheckItem("Gaps", f"people with fewer than {MIN_WORN_DAYS} worn days "
                                    "(steps filled in with the median)", int(filled.sum())))

    ids = sorted(keep)
    pat = patients.set_index("person_id").loc[ids]
    gen = genes.set_index("person_id").loc[ids]
    sur = survey.set_index("person_id").loc[ids]
    diagnoses = record[record["item"] == "diagnosis"]
    medicines = record[record["item"] == "medication"]
    hypertension = set(diagnoses.loc[diagnoses["text"].str.contains("I10", na=False),
                                     "person_id"])
    statin = set(medicines.loc[medicines["text"].str.contains("statin", na=False),
                               "person_id"])
    table = pd.DataFrame({
        "person_id": ids,
        "age": (BASELINE_YEAR - pat["birth_year"].astype(int)).to_numpy(),
        "male": (pat["sex"].str.upper().str.strip() == "M").to_numpy(),
        "sbp": sbp.loc[ids].to_numpy(),
        "ldl": ldl.loc[ids].to_numpy(),
        "smoking": sur["smoking_clean"].to_numpy(),
        "smoker": (sur["smoking_clean"] == "current").to_numpy(),
        "steps": mean_steps.loc[ids].to_numpy(),
        "steps_filled": filled.loc[ids].to_numpy(),
        "worn_days": worn_days.loc[ids].to_numpy(),
        "prs": gen["prs"].astype(float).to_numpy(),
        "fh": gen["fh"].to_numpy(),
        "hypertension": [p in hypertension for p in ids],
        "statin": [p in statin for p in ids],
    })
    checks.append(CheckItem("Result", "people in the joined table", len(table)))
    return Integrated(table, checks)


def integrate_stored() -> Integrated:
    """:func:`integrate` on the stored ``risk/*`` sources (cached after the first call)."""
    return _integrate_stored()


def _integrate_stored() -> Integrated:
    global _CACHE
    if _CACHE is None:
        from precisionmed import data

        _CACHE = integrate(data.load("risk/genotypes"), data.load("risk/ehr_patients"),
                           data.load("risk/ehr"), data.load("risk/lifestyle"),
                           data.load("risk/steps"))
    return Integrated(_CACHE.table.copy(), list(_CACHE.checklist))


_CACHE: Integrated | None = None
