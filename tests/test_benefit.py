"""Lesson 00 science and its widget: the average patient hides who benefits."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precisionmed import data
from precisionmed.benefit import (
    describe_expected,
    describe_observed,
    expected_response,
    plot_expected,
    response_rates,
)
from precisionmed.plots import new_figure
from precisionmed.widgets.start import response_explorer


def test_average_patient_is_a_prevalence_weighted_mix() -> None:
    r = expected_response(0.141, 0.70, 0.10, 0.30)
    assert r.drug_average == pytest.approx(0.141 * 0.70 + 0.859 * 0.10)
    assert r.average_benefit < 0 < r.marker_positive_benefit
    assert "worse" in r.verdict()
    assert "better" in expected_response(0.9, 0.7, 0.1, 0.3).verdict()
    assert expected_response(1.0, 0.7, 0.1, 0.3).drug_average == pytest.approx(0.7)
    assert expected_response(0.0, 0.7, 0.1, 0.3).drug_average == pytest.approx(0.1)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "0.3", None, True])
def test_bad_shares_are_refused_with_the_allowed_range(bad: object) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        expected_response(bad, 0.7, 0.1, 0.3)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(p=st.floats(allow_nan=True, allow_infinity=True), q=st.floats(0, 1))
def test_any_float_is_accepted_or_refused_cleanly(p: float, q: float) -> None:
    try:
        r = expected_response(p, q, q, q)
    except ValueError as err:
        assert "prevalence" in str(err)
    else:
        assert 0 <= r.drug_average <= 1 and not math.isnan(r.drug_average)


def test_response_rates_match_counts_and_intervals() -> None:
    trial = data.load("start/trial")
    rates = response_rates(trial, by=["site", "arm"])
    assert rates["patients"].sum() == len(trial)
    for _, row in rates.iterrows():
        group = trial[(trial["site"] == row["site"]) & (trial["arm"] == row["arm"])]
        assert row["responders"] == int(group["responded"].sum())
        assert row["ci_low"] <= row["rate"] <= row["ci_high"]


def test_simulated_trial_tells_the_lesson_story() -> None:
    trial = data.load("start/trial")
    prevalence = trial.groupby("site")["marker_positive"].mean()
    assert prevalence["Site A"] == pytest.approx(0.141, abs=0.005)
    assert prevalence["Site B"] == pytest.approx(0.384, abs=0.005)
    site_a = response_rates(trial[trial["site"] == "Site A"], by=["marker_positive", "arm"])
    rate = site_a.set_index(["marker_positive", "arm"])["rate"]
    assert rate[(True, "new drug")] > rate[(True, "standard care")]
    assert rate[(False, "new drug")] < rate[(False, "standard care")]


def test_response_rates_bad_input() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        response_rates(pd.DataFrame())
    with pytest.raises(ValueError, match="lacks columns"):
        response_rates(pd.DataFrame({"arm": ["a"]}))


def test_plot_updates_in_place_and_alt_text_follows_numbers() -> None:
    fig, ax = new_figure(alt="placeholder description")
    first = plot_expected(ax, expected_response(0.2, 0.7, 0.1, 0.3))
    second = plot_expected(ax, expected_response(0.8, 0.7, 0.1, 0.3))
    assert first is second  # same artists, updated
    assert second[2].get_height() == pytest.approx((0.8 * 0.7 + 0.2 * 0.1) * 100)
    assert "80%" in describe_expected(expected_response(0.8, 0.7, 0.1, 0.3))
    rates = response_rates(data.load("start/trial"), by=["site", "arm"])
    assert "Site A" in describe_observed(rates, group="site")


def test_widget_redraws_when_a_slider_moves() -> None:
    box = response_explorer()
    before_png = box.view.png
    before = box.result.drug_average
    box.controls["prevalence"].value = 0.9
    assert box.result.drug_average == pytest.approx(0.9 * 0.7 + 0.1 * 0.1)
    assert box.view.png != before_png
    assert box.result.drug_average != before
    assert "90%" in box.view.caption.value
    box.controls["standard"].value = 0.0
    assert "better" in box.summary.value


def test_widget_controls_are_bounded_and_labelled() -> None:
    box = response_explorer()
    for control in box.controls.values():
        assert control.description.strip()
        assert (control.min, control.max) == (0.0, 1.0)
        control.value = 5.0  # a slider clamps; no invalid state is reachable
        assert control.value == 1.0


def test_trial_sites_take_marker_prevalence_from_the_knowledge_table() -> None:
    from precisionmed.simulate.start import site_prevalence

    table = data.load("knowledge/onc_prevalence")
    egfr = table[(table["gene"] == "EGFR") & (table["biomarker"] == "EGFR sensitising mutation")]
    europe = float(egfr[egfr["population"] == "Europe"]["prevalence"].iloc[0])
    assert site_prevalence("Site A") == pytest.approx(europe) == pytest.approx(0.141)
    assert site_prevalence("Site B") == pytest.approx(0.384)
    with pytest.raises(ValueError, match="Unknown site"):
        site_prevalence("Site C")
