"""Lesson 10 data and model: sources as documented, the joined cohort against the answer key,
calibration on the simulated truth, what a polygenic score adds and what an FH variant does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from precisionmed import data, risk
from precisionmed.risk import integrate as ri
from precisionmed.risk import model as rm
from precisionmed.risk import simulate

#: Calibration tolerance: in every tenth of predicted risk (about 95 people, 10% events, so a
#: standard error near 0.03), the observed share is within 0.08 of the mean predicted risk.
DECILE_TOLERANCE = 0.08
#: Against the simulation's truth: predicted risks are within 0.03 of the true risks on
#: average (mean absolute difference).
TRUTH_TOLERANCE = 0.03


@pytest.fixture(scope="module")
def joined() -> ri.Integrated:
    return ri.integrate_stored()


@pytest.fixture(scope="module")
def key():
    return data.load("risk/answer_key").set_index("person_id")


def test_sources_differ_the_way_the_lesson_says() -> None:
    genes = data.load("risk/genotypes")
    patients = data.load("risk/ehr_patients")
    ehr = data.load("risk/ehr")
    survey = data.load("risk/lifestyle")
    steps = data.load("risk/steps")
    assert genes["person_id"].str.fullmatch(r"P-\d{5}").all()
    assert patients["mrn"].str.fullmatch(r"\d+").all()
    assert patients["mrn"].str.fullmatch(r"0\d{5}").any()          # padded ids exist
    assert survey["participant"].str.startswith("p-").any()       # lower case exists
    assert survey["participant"].str.fullmatch(r"P\d{5}").any()   # no dash exists
    ldl = ehr[ehr["item"] == ri.LDL]
    assert set(ldl["unit"]) == {"mmol/L", "mg/dL"}
    assert (ldl.loc[ldl["unit"] == "mg/dL", "value"] > 30).all()  # mg/dL values are large
    assert (ldl.loc[ldl["unit"] == "mmol/L", "value"] < 12).all()
    assert (ehr["date"] > ri.BASELINE).any()
    days = steps.drop(columns="person_id")
    assert days.isna().to_numpy().any()
    assert (days.fillna(10**6) < ri.MIN_WORN_STEPS).to_numpy().any()
    assert survey["smoking"].nunique() > 3


def test_joined_cohort_matches_the_answer_key(joined, key) -> None:
    table = joined.table.set_index("person_id")
    truth = key.loc[table.index]
    truth.index = table.index
    assert (table["age"] == truth["age"]).all()
    assert (table["male"] == truth["male"]).all()
    assert (table["sbp"] == truth["sbp"]).all()
    # mg/dL values were rounded to whole numbers: 0.5 / 38.67 < 0.013 mmol/L
    assert np.abs(table["ldl"] - truth["ldl"]).max() < 0.014
    assert (table["smoking"] == truth["smoking"]).all()
    assert (table["prs"] == truth["prs"]).all()
    assert (table["fh"] == truth["gene"].notna()).all()
    measured = table[~table["steps_filled"]]
    ratio = measured["steps"] / truth.loc[measured.index, "steps"]
    assert ((ratio - 1).abs() < 0.25).mean() > 0.9   # a week estimates the habit fairly well
    assert len(table) == joined.count("people in the joined table")
    assert joined.count("people in the genotype file") == len(data.load("risk/genotypes"))


def test_every_person_left_out_is_accounted_for(joined) -> None:
    genes = joined.count("people in the genotype file")
    out = (joined.count("genotype-file people with no health record")
           + joined.count("genotype-file people with no questionnaire")
           + joined.count("people with no LDL or blood pressure before the start"))
    assert genes - out == joined.count("people in the joined table")


def _fit(joined, key):
    table = joined.table
    outcomes = data.load("risk/outcomes").set_index("person_id")
    y = outcomes.loc[table["person_id"], "event"].to_numpy()
    truth = key.loc[table["person_id"], "true_risk"].to_numpy()
    return table, y, truth


@pytest.mark.parametrize("model", sorted(rm.MODELS))
def test_model_is_calibrated(joined, key, model) -> None:
    table, y, truth = _fit(joined, key)
    predicted = rm.predict(table, model)
    cal = rm.calibration_by_decile(y.astype(float), predicted)
    assert (np.abs(cal["observed"] - cal["mean_predicted"]) <= DECILE_TOLERANCE).all(), cal
    assert np.abs(predicted - truth).mean() <= TRUTH_TOLERANCE
    assert predicted.mean() == pytest.approx(y.mean(), abs=0.002)
    stored = rm.calibration()
    stored = stored[stored["model"] == model].reset_index(drop=True)
    assert np.allclose(stored["mean_predicted"], cal["mean_predicted"], atol=1e-4)


def test_polygenic_score_adds_little_auc(joined, key) -> None:
    """Mosley 2020: no significant improvement in the C statistic; here less than 0.03."""
    table, y, _ = _fit(joined, key)
    without = rm.auc(y, rm.predict(table, "without_prs"))
    with_prs = rm.auc(y, rm.predict(table, "with_prs"))
    assert 0 <= with_prs - without < 0.03
    assert 0.65 < without < 0.85
    perf = rm.performance().set_index("model")
    assert perf.loc["with_prs", "auc"] == pytest.approx(with_prs, abs=0.0006)
    assert perf.loc["without_prs", "auc"] == pytest.approx(without, abs=0.0006)


def test_a_monogenic_finding_changes_risk_a_lot(key) -> None:
    carriers = key[key["gene"].notna()]
    others = key[key["gene"].isna()]
    # true risks in the simulation: carriers about 2 or more times the others (Khera 2018:
    # "up to threefold")
    assert carriers["true_risk"].mean() / others["true_risk"].mean() > 2.0
    person = {"age": 55, "male": True, "sbp": 130, "ldl": 5.6, "smoker": False,
              "steps": 7000, "prs": 0.0}
    with_fh = risk.person_risk({**person, "fh": True})
    without = risk.person_risk({**person, "fh": False})
    assert with_fh / without > 1.5          # at the same measured LDL
    typical = risk.person_risk({**person, "fh": False, "ldl": 3.4})
    assert with_fh / typical > 2.0          # against a non-carrier with a typical LDL
    # a polygenic score one standard deviation up changes far less
    high_prs = risk.person_risk({**person, "fh": False, "prs": 1.0})
    assert high_prs / without < 1.3
    coef = data.load("risk/model_coefficients")
    free = coef[coef["term"] == "fh (fitted freely)"]
    assert (free["standard_error"] > 0.25).all()   # too few carriers to fit it well


def test_simulated_effects_near_sourced_figures(key) -> None:
    # polygenic gradient: top vs bottom fifth, true risk ratio near Khera 2016's 1.91
    prs = key["prs"]
    top = key.loc[prs >= prs.quantile(0.8), "true_risk"].mean()
    bottom = key.loc[prs <= prs.quantile(0.2), "true_risk"].mean()
    assert 1.5 < top / bottom < 2.4
    assert risk.fact("khera2016_top_vs_bottom_quintile") == 1.91
    # habitual steps centre near the All of Us median (7,731)
    assert 6000 < key["steps"].median() < 8500


def test_family_links_to_the_recurring_patient() -> None:
    family = data.load("risk/family")
    recurring = data.load("patients/recurring").set_index("patient_id")
    daniel = family[family["recurring_id"].notna()].iloc[0]
    assert daniel["recurring_id"] == "PM-004"
    assert recurring.loc["PM-004", "name"] == daniel["name"] == "Daniel"
    assert recurring.loc["PM-004", "age_years"] == daniel["age"]
    first = int((family["degree"] == 1).sum())
    second = int((family["degree"] == 2).sum())
    assert (first, second) == (4, 2)
    assert risk.expected_carriers(first=first, second=second) == 2.5
    peter = family[family["degree"] == 0].iloc[0]
    key = data.load("risk/answer_key").set_index("person_id")
    assert key.loc[peter["person_id"], "name"] == peter["name"] == "Peter"
    assert key.loc[peter["person_id"], "gene"] == "LDLR"
    assert key.loc[peter["person_id"], "age"] == peter["age"]


def test_facts_have_sources_and_status() -> None:
    facts = risk.facts()
    assert facts["source"].str.len().gt(10).all()
    assert set(facts["status"]) <= {"checked", "secondary", "derived"}
    assert risk.fact("pill_scare_relative_risk") == 2.0
    assert risk.fact("mosley_participants") == 7237
    assert risk.fact("cholesterol_mg_per_mmol") == ri.MG_DL_PER_MMOL_L
    schema = data.schema("knowledge/risk_facts")
    assert schema["licence"] and schema["as_of"]
    with pytest.raises(ValueError, match="Did you mean"):
        risk.fact("pill_scare_relative_rsk")


def test_build_is_byte_reproducible(tmp_path: Path) -> None:
    written = simulate.build(tmp_path)
    for path in written:
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (data.datasets_dir() / rel).read_bytes(), rel
