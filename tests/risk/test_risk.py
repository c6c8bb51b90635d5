"""Lesson 10 science: pinned values from hand arithmetic, bad inputs, and the integration rules
checked on small hand-made sources whose right answers are written out here."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from precisionmed import risk
from precisionmed.risk import integrate as ri
from precisionmed.risk import model as rm

# --- pinned values (hand arithmetic) -------------------------------------------------------


def test_absolute_risk_pinned() -> None:
    # the pill scare: 1 in 7,000 doubled is 2 in 7,000
    assert risk.absolute_risk(1 / 7000, 2) == pytest.approx(2 / 7000)
    assert risk.absolute_risk(0.10, 0.54) == pytest.approx(0.054)
    assert risk.absolute_risk(0.5, 2) == pytest.approx(1.0)
    assert risk.absolute_risk(0.0, 3) == 0.0


def test_relative_risk_pinned() -> None:
    assert risk.relative_risk(0.10, 0.05) == pytest.approx(2.0)
    assert risk.relative_risk(2 / 7000, 1 / 7000) == pytest.approx(2.0)
    assert risk.relative_risk(0.054, 0.10) == pytest.approx(0.54)


def test_number_needed_to_treat_pinned() -> None:
    assert risk.number_needed_to_treat(0.10, 0.05) == pytest.approx(20.0)
    assert risk.number_needed_to_treat(0.05, 0.10) == pytest.approx(20.0)  # harm: same size
    assert risk.number_needed_to_treat(1 / 7000, 2 / 7000) == pytest.approx(7000.0)
    assert risk.number_needed_to_treat(0.30, 0.20) == pytest.approx(10.0)


def test_icon_array_counts_pinned() -> None:
    assert risk.icon_array_counts(0.083, 100) == 8
    assert risk.icon_array_counts(0.083, 1000) == 83
    assert risk.icon_array_counts(0.125, 100) == 13  # halves round up
    assert risk.icon_array_counts(0.145, 100) == 15  # 14.499999… in floating point
    assert risk.icon_array_counts(0.004, 100) == 0
    assert risk.icon_array_counts(1.0, 1000) == 1000
    assert risk.icon_array_counts(0.0, 1) == 0


def test_screening_outcomes_pinned() -> None:
    # 1,000 people, 1% ill, sensitivity 90%, specificity 95%:
    # 10 ill, 9 found, 1 missed; 990 healthy, 940.5 -> 941 true negatives, 49 false alarms
    out = risk.screening_outcomes(1000, 0.01, 0.9, 0.95)
    assert (out.with_disease, out.true_alarms, out.missed, out.false_alarms) == (10, 9, 1, 49)
    assert out.alarms == 58
    assert out.share_of_alarms_true == pytest.approx(9 / 58)


def test_cascade_pinned() -> None:
    assert [risk.carrier_chance(d) for d in (1, 2, 3)] == [0.5, 0.25, 0.125]
    assert risk.expected_carriers(first=4, second=2) == pytest.approx(2.5)
    assert risk.expected_carriers(first=3, second=2) == pytest.approx(2.0)
    assert risk.expected_carriers(third=8) == pytest.approx(1.0)


def test_in_words() -> None:
    assert risk.in_words(0.083) == "8 in 100"
    assert risk.in_words(0.083, 1000) == "83 in 1,000"


# --- bad inputs -------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error", [
    (lambda: risk.absolute_risk(0.6, 2), ValueError),       # above 1
    (lambda: risk.absolute_risk(-0.1, 2), ValueError),
    (lambda: risk.absolute_risk(0.1, -1), ValueError),
    (lambda: risk.absolute_risk("0.1", 2), TypeError),
    (lambda: risk.absolute_risk(True, 2), TypeError),
    (lambda: risk.absolute_risk(math.nan, 2), ValueError),
    (lambda: risk.relative_risk(0.1, 0.0), ValueError),
    (lambda: risk.relative_risk(1.5, 0.1), ValueError),
    (lambda: risk.relative_risk(None, 0.1), TypeError),
    (lambda: risk.number_needed_to_treat(0.1, 0.1), ValueError),
    (lambda: risk.number_needed_to_treat(0.1, 2), ValueError),
    (lambda: risk.icon_array_counts(0.1, 0), ValueError),
    (lambda: risk.icon_array_counts(0.1, 10.0), TypeError),
    (lambda: risk.icon_array_counts(1.2, 100), ValueError),
    (lambda: risk.icon_array_counts(0.1, True), TypeError),
    (lambda: risk.screening_outcomes(0, 0.1, 0.9, 0.9), ValueError),
    (lambda: risk.screening_outcomes(100, 0.1, 1.9, 0.9), ValueError),
    (lambda: risk.carrier_chance(4), ValueError),
    (lambda: risk.carrier_chance(1.0), TypeError),
    (lambda: risk.expected_carriers(first=-1), ValueError),
    (lambda: risk.expected_carriers(first=1.5), TypeError),
])
def test_bad_inputs_get_friendly_errors(call, error) -> None:
    with pytest.raises(error) as info:
        call()
    assert len(str(info.value)) > 20


def test_refusals_name_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="above 1"):
        risk.absolute_risk(0.6, 2)
    with pytest.raises(ValueError, match="equal"):
        risk.number_needed_to_treat(0.2, 0.2)
    with pytest.raises(ValueError, match="n_icons must be a whole number at least 1"):
        risk.icon_array_counts(0.2, 0)


# --- integration rules on hand-made sources ---------------------------------------------------

def _sources() -> dict[str, pd.DataFrame]:
    genotypes = pd.DataFrame({"person_id": ["P-00001", "P-00002", "P-00003", "P-00004"],
                              "prs": [0.5, -1.0, 0.0, 2.0], "LDLR": [1, 0, 0, 0],
                              "APOB": [0, 0, 0, 0], "PCSK9": [0, 0, 0, 1]})
    patients = pd.DataFrame({"mrn": ["1", "000002", "3", "99"],  # 4 has no record; 99 no genes
                             "birth_year": [1960, 1970, 1950, 1980], "sex": ["M", "F", "M", "F"]})
    ehr = pd.DataFrame([
        ("1", "2014-02-01", "LDL", 5.0, "mmol/L", None),
        ("1", "2015-03-01", "LDL", 232.02, "mg/dL", None),   # 6.00 mmol/L, latest
        ("1", "2017-01-01", "LDL", 2.0, "mmol/L", None),     # after the start
        ("1", "2015-03-01", "SBP", 150.0, "mmHg", None),
        ("000002", "2015-05-01", "LDL", 3.0, "mmol/L", None),
        ("000002", "2014-05-01", "SBP", 120.0, "mmHg", None),
        ("000002", "2015-05-01", "SBP", 124.0, "mmHg", None),
        ("000002", "2015-06-01", "medication", None, "", "atorvastatin 20 mg"),
        ("3", "2017-05-01", "LDL", 4.0, "mmol/L", None),     # only after the start
        ("3", "2017-05-01", "SBP", 130.0, "mmHg", None),
        ("3", "2013-01-01", "diagnosis", None, "", "hypertension (I10)"),
        ("99", "2015-01-01", "LDL", 3.0, "mmol/L", None),
        ("99", "2015-01-01", "SBP", 110.0, "mmHg", None),
    ], columns=["mrn", "date", "item", "value", "unit", "text"])
    lifestyle = pd.DataFrame({"participant": ["p-00001", "P00002", "P-00003", "P-00004"],
                              "smoking": ["Yes", " never ", "Ex-smoker", "current"]})
    days = [f"2015-12-{d}" for d in range(20, 26)]
    steps = pd.DataFrame([["P-00001", 4000, None, 6000, 300, 5000, 5000],
                          ["P-00002", 8000, 8000, 8000, None, None, None]],  # 3 worn days
                         columns=["person_id", *days])
    return {"genotypes": genotypes, "ehr_patients": patients, "ehr": ehr,
            "lifestyle": lifestyle, "steps": steps}


def test_integration_joins_converts_and_reports_every_fix() -> None:
    joined = ri.integrate(**_sources())
    table = joined.table.set_index("person_id")
    # P-00003 is left out (measured only after the start), P-00004 has no record, 99 no genes
    assert list(table.index) == ["P-00001", "P-00002"]
    assert table.loc["P-00001", "ldl"] == pytest.approx(6.0, abs=1e-3)   # 232.02 / 38.67
    assert table.loc["P-00002", "ldl"] == pytest.approx(3.0)
    assert table.loc["P-00002", "sbp"] == 124.0                           # the latest one
    assert table.loc["P-00001", "age"] == 56 and bool(table.loc["P-00001", "male"])
    assert table.loc["P-00001", "smoking"] == "current" and bool(table.loc["P-00001", "smoker"])
    assert table.loc["P-00002", "smoking"] == "never"
    # P-00001: worn days 4000, 6000, 5000, 5000 (blank and 300 are not worn) -> 5000
    assert table.loc["P-00001", "steps"] == pytest.approx(5000.0)
    assert table.loc["P-00001", "worn_days"] == 4 and not table.loc["P-00001", "steps_filled"]
    # P-00002 has 3 worn days: filled with the median of those with enough days (5000)
    assert table.loc["P-00002", "steps_filled"] and table.loc["P-00002", "steps"] == 5000.0
    assert bool(table.loc["P-00001", "fh"]) and not table.loc["P-00002", "fh"]
    assert bool(table.loc["P-00002", "statin"]) and not table.loc["P-00001", "statin"]
    counts = {c.what: c.count for c in joined.checklist}
    assert joined.count("health-record ids rewritten") == 4
    assert joined.count("questionnaire ids rewritten") == 2
    assert joined.count("genotype-file people with no health record") == 1
    assert joined.count("health-record people with no genotypes") == 1
    assert joined.count("LDL values converted from mg/dL") == 1
    assert joined.count("measurements after the start date left out") == 3
    assert joined.count("older measurements set aside") == 2
    assert joined.count("people with no LDL or blood pressure before the start") == 1
    assert joined.count("smoking answers rewritten") == 3
    assert joined.count("days with no step count") == 4
    assert joined.count("days under 500 steps") == 1
    assert joined.count("people with fewer than 4 worn days") == 1
    assert joined.count("people in the joined table") == 2
    assert len(counts) == len(joined.checklist)
    assert joined.report().splitlines()[-1] == "[Result] people in the joined table: 2"


def test_integration_refuses_wrong_inputs() -> None:
    sources = _sources()
    with pytest.raises(TypeError, match="DataFrame"):
        ri.integrate(**{**sources, "ehr": "not a table"})
    with pytest.raises(ValueError, match="lacks the column"):
        ri.integrate(**{**sources, "steps": sources["steps"].drop(columns="person_id")})
    bad = sources["lifestyle"].copy()
    bad.loc[0, "smoking"] = "sometimes"
    with pytest.raises(ValueError, match="smoking answer"):
        ri.integrate(**{**sources, "lifestyle": bad})
    with pytest.raises(ValueError, match="No checklist line"):
        ri.integrate(**sources).count("nothing like this")


@pytest.mark.parametrize("raw, fixed", [("P-00012", "P-00012"), ("p-00012", "P-00012"),
                                        ("P00012", "P-00012"), ("12", "P-00012"),
                                        ("000012", "P-00012"), (12, "P-00012"),
                                        (" 7 ", "P-00007")])
def test_every_id_format_is_normalised(raw, fixed) -> None:
    assert ri.normalise_id(raw) == fixed


@pytest.mark.parametrize("raw, error", [("X-12", ValueError), ("", ValueError),
                                        ("0", ValueError), (1.5, TypeError), (None, TypeError),
                                        (True, TypeError)])
def test_bad_ids_are_refused(raw, error) -> None:
    with pytest.raises(error):
        ri.normalise_id(raw)


def test_units() -> None:
    assert ri.ldl_to_mmol(135, "mg/dL") == pytest.approx(3.49, abs=0.005)  # 135 / 38.67
    assert ri.ldl_to_mmol(3.5, "mmol/L") == 3.5
    with pytest.raises(ValueError, match="unit"):
        ri.ldl_to_mmol(3.5, "mg/L")
    with pytest.raises(ValueError):
        ri.ldl_to_mmol(-1.0, "mmol/L")
    with pytest.raises(TypeError):
        ri.ldl_to_mmol("3.5", "mmol/L")


@pytest.mark.parametrize("answer, status", [("never", "never"), (" Never ", "never"),
                                            ("no", "never"), ("Non-smoker", "never"),
                                            ("Ex-smoker", "former"), ("quit", "former"),
                                            ("Yes", "current"), ("smoker", "current")])
def test_every_smoking_word(answer, status) -> None:
    assert ri.smoking_status(answer) == status


# --- the model's tools --------------------------------------------------------------------------

def test_auc_pinned() -> None:
    assert rm.auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.3, 0.4])) == 1.0
    assert rm.auc(np.array([0, 0, 1, 1]), np.array([0.4, 0.3, 0.2, 0.1])) == 0.0
    assert rm.auc(np.array([0, 1]), np.array([0.5, 0.5])) == 0.5
    # 2 cases x 2 controls: pairs (0.35>0.1 yes, 0.35>0.4 no, 0.8>both yes) = 3 of 4
    assert rm.auc(np.array([0, 1, 0, 1]), np.array([0.1, 0.35, 0.4, 0.8])) == 0.75
    with pytest.raises(ValueError):
        rm.auc(np.array([1, 1]), np.array([0.1, 0.2]))


def test_logistic_fit_recovers_known_coefficients() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(20000, 2))
    p = 1 / (1 + np.exp(-(-1.0 + 0.8 * x[:, 0] - 0.5 * x[:, 1])))
    y = (rng.random(20000) < p).astype(float)
    beta, se = rm.fit_logistic(x, y)
    assert beta == pytest.approx([-1.0, 0.8, -0.5], abs=0.06)
    assert np.all(se > 0) and np.all(se < 0.05)
    with pytest.raises(ValueError):
        rm.fit_logistic(x, np.zeros(20000))


def test_calibration_by_decile_shape() -> None:
    p = np.linspace(0.01, 0.5, 100)
    y = np.zeros(100)
    cal = rm.calibration_by_decile(y, p)
    assert list(cal["decile"]) == list(range(1, 11)) and cal["people"].sum() == 100
    assert cal["mean_predicted"].is_monotonic_increasing and (cal["observed"] == 0).all()


def test_predict_one_refuses_bad_features() -> None:
    with pytest.raises(TypeError):
        rm.predict_one("Peter")
    with pytest.raises(ValueError, match="lacks"):
        rm.predict_one({"age": 50})
    good = {"age": 50, "male": True, "sbp": 120, "ldl": 3.0, "smoker": False, "steps": 8000,
            "fh": False, "prs": 0.0}
    with pytest.raises(ValueError, match="finite"):
        rm.predict_one({**good, "ldl": "high"})
    with pytest.raises(ValueError, match="model"):
        rm.predict_one(good, "best")
