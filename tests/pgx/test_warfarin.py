"""IWPC warfarin algorithms: the fact sheet's worked examples and the cohort comparison."""

from __future__ import annotations

import pytest
from lessoninputs import warfarin_doses

from precisionmed import pgx

BASE = {"age_years": 60, "height_cm": 170, "weight_kg": 75, "race": "White"}


@pytest.mark.parametrize(("vkorc1", "cyp2c9", "dose"), [
    ("G/G", "*1/*1", 41.9), ("A/A", "*1/*1", 22.8), ("G/A", "*1/*3", 21.8),
    ("A/A", "*3/*3", 6.0), ("G/A", "*3/*1", 21.8),
])
def test_worked_examples(vkorc1: str, cyp2c9: str, dose: float) -> None:
    got = pgx.warfarin_weekly_dose(vkorc1=vkorc1, cyp2c9=cyp2c9, **BASE)
    assert round(got, 1) == dose


def test_clinical_worked_example() -> None:
    got = pgx.warfarin_weekly_dose(vkorc1=None, cyp2c9=None, algorithm="clinical", **BASE)
    assert round(got, 1) == 30.5


def test_age_in_whole_decades() -> None:
    a = pgx.warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*1", "White")
    b = pgx.warfarin_weekly_dose(69.9, 170, 75, "G/G", "*1/*1", "White")
    c = pgx.warfarin_weekly_dose(70, 170, 75, "G/G", "*1/*1", "White")
    assert a == b and c < a


def test_terms_and_flags() -> None:
    terms = pgx.warfarin_terms(60, 170, 75, None, None, "Black or African American",
                               enzyme_inducer=True, amiodarone=True)
    assert terms.terms["VKORC1"] == -0.4854 and terms.terms["CYP2C9"] == -0.2188
    assert terms.terms["race"] == -0.2760
    assert terms.terms["enzyme inducer"] == 1.1816 and terms.terms["amiodarone"] == -0.5503
    assert terms.weekly_dose == pytest.approx(terms.sqrt_dose ** 2)


def test_iwpc_cannot_see_star8() -> None:
    assert pgx.iwpc_cyp2c9("*1/*8") == "*1/*1"
    assert pgx.iwpc_cyp2c9("*3/*11") == "*1/*3"


def _cohort():
    return warfarin_doses()


def test_pharmacogenetic_beats_fixed_and_clinical_in_cohort() -> None:
    doses = _cohort()
    overall = pgx.within_20_summary(doses).loc["all"]
    assert overall["pharmacogenetic"] > overall["clinical"]
    assert overall["pharmacogenetic"] > overall["fixed"]
    mae = doses[["error_fixed", "error_clinical", "error_pharmacogenetic"]].abs().mean()
    assert mae["error_pharmacogenetic"] < mae["error_clinical"] < mae["error_fixed"]
    by_pop = pgx.within_20_summary(doses, by="population")
    assert set(by_pop.index) == set(pgx.POPULATIONS)


def test_hidden_alleles_make_formula_overdose() -> None:
    doses = _cohort()
    hidden = doses["cyp2c9"].str.contains(r"\*(?:5|8|11)\b")
    assert hidden.sum() >= 5
    assert doses.loc[hidden, "error_pharmacogenetic"].mean() > \
        doses.loc[~hidden, "error_pharmacogenetic"].mean()
