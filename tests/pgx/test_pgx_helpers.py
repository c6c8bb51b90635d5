"""Helpers that keep lessons 01 and 02 thin: one-line charts, readable tables, and the
numbers the lessons' Markdown quotes (Rosa below all three doses, why the AFR group does best)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from lessoninputs import warfarin_doses

from precisionmed import pgx, plots
from precisionmed.pgx import population, warfarin


@pytest.fixture(scope="module")
def doses() -> pd.DataFrame:
    return warfarin_doses()


# --- lesson 01 -------------------------------------------------------------------------------

def test_cohort_phenotypes_use_cpic_terms() -> None:
    key = pd.DataFrame({"cyp2c19": ["*1/*1", "*2/*3", "*1/*17", "*2/*17"]})
    got = population.cohort_phenotypes(key, "CYP2C19").tolist()
    assert got == ["Normal Metabolizer", "Poor Metabolizer", "Rapid Metabolizer",
                   "Intermediate Metabolizer"]  # CPIC CYP2C19 (2022)
    with pytest.raises(ValueError, match="cyp2d6"):
        population.cohort_phenotypes(key, "CYP2D6")


def test_mix_text_and_chart() -> None:
    table = pgx.expected_mix_table("CYP2D6")
    short = population.short_names(table)
    assert list(short.columns) == ["Ultrarapid", "Normal", "Intermediate", "Poor"]
    assert short.values.tolist() == table.values.tolist()
    fig = population.mix_chart(table, "CYP2D6", "CYP2D6 expected")
    assert fig.axes[0].get_title() == "CYP2D6 expected"
    assert plots.alt_text(fig).startswith("Stacked bar chart of CYP2D6")
    with pytest.raises(TypeError):
        population.short_names("table")


# --- lesson 02 -------------------------------------------------------------------------------

def test_hidden_alleles_are_the_ones_the_formula_cannot_see() -> None:
    assert warfarin.carries_hidden_cyp2c9("*1/*8")
    assert warfarin.carries_hidden_cyp2c9("*5/*11")
    assert not warfarin.carries_hidden_cyp2c9("*1/*2")
    assert not warfarin.carries_hidden_cyp2c9("*1/*3")
    for allele in warfarin.HIDDEN_CYP2C9:  # the formula reads each as *1
        assert pgx.iwpc_cyp2c9(f"*1/{allele}") == "*1/*1"
    with pytest.raises(ValueError, match="diplotype"):
        warfarin.carries_hidden_cyp2c9("*1")


def test_hidden_allele_errors_pinned(doses: pd.DataFrame) -> None:
    table = warfarin.hidden_allele_errors(doses)
    assert table["patients"].tolist() == [360, 14]
    assert table["mean error (mg/week)"].tolist() == [-1.0, 5.6]  # carriers: dose too high


def test_rosa_is_below_all_three_and_not_alone(doses: pd.DataFrame) -> None:
    below = warfarin.below_all_starting_doses(doses)
    rosa = doses["patient_id"] == "PM-003"
    assert bool(below[rosa].iloc[0])
    assert warfarin.describe_below_all(doses) == (
        "112 of 374 simulated patients (30%) have a true dose below all three starting doses, "
        "like Rosa.")
    row = doses[rosa].iloc[0]
    assert row["true_dose_mg_week"] == 13.1
    # The lesson says the best of the three (21.4) is "about 60% more than she needs".
    assert 1.55 <= round(row["pharmacogenetic"], 1) / 13.1 <= 1.65


def test_why_the_afr_group_does_best(doses: pd.DataFrame) -> None:
    table = warfarin.dose_level_table(doses)
    assert table["middle true dose"].idxmax() == "AFR"
    assert table["within 20% (%)"].idxmax() == "AFR"
    assert table.loc["AFR", "carry *5/*8/*11"] == 12 and table.loc["AFR", "patients"] == 80
    sentence = warfarin.describe_dose_level(doses)
    high, low = (int(x) for x in re.findall(r"(\d+)% of", sentence))
    assert high > low
    # "65 to 80 patients", "about 11 to 12 points either way by chance alone" (binomial 95%).
    assert table["patients"].min() == 65 and table["patients"].max() == 80
    share = float(doses["within20_pharmacogenetic"].mean())
    for n in table["patients"]:
        assert 10.5 <= 196 * math.sqrt(share * (1 - share) / n) <= 12.5
    afr = doses[doses["population"] == "AFR"]
    assert (afr["vkorc1"] != "G/G").mean() < 0.2  # "the VKORC1 A version ... is rare in it"


def test_lesson_02_charts(doses: pd.DataFrame) -> None:
    fig = warfarin.error_chart(doses)
    assert fig.axes[0].get_title() == "How far off is each starting dose?"
    assert plots.alt_text(fig) == warfarin.describe_errors(doses)
    by = pgx.within_20_summary(doses, by="population")
    fig = warfarin.within20_chart(by)
    assert plots.alt_text(fig) == warfarin.describe_within20(by)
    with pytest.raises(TypeError):
        warfarin.error_chart("doses")
    with pytest.raises(ValueError, match="cohort_doses"):
        warfarin.dose_level_table(pd.DataFrame({"x": [1]}))
