"""Lesson 00 science and its widget: the average patient hides who benefits."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from traitlets import TraitError

from precisionmed import data
from precisionmed.plots import new_figure
from precisionmed.start.benefit import (
    describe_expected,
    describe_observed,
    expected_response,
    plot_expected,
)
from precisionmed.start.panels import response_explorer
from precisionmed.stats import response_rates

MINUS = "\u2212"


def test_average_patient_is_a_prevalence_weighted_mix() -> None:
    r = expected_response(0.141, 0.70, 0.10, 0.30)
    assert r.drug_average == pytest.approx(0.141 * 0.70 + 0.859 * 0.10)
    assert r.average_benefit < 0 < r.marker_positive_benefit
    assert "looks worse" in r.verdict()
    assert "looks better" in expected_response(0.9, 0.7, 0.1, 0.3).verdict()
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
    assert "looks better" in box.summary.value


def test_widget_controls_are_bounded_and_labelled() -> None:
    box = response_explorer()
    for control in box.controls.values():
        assert control.description.strip()
        assert (control.min, control.max) == (0.0, 1.0)
        before = control.value
        with pytest.raises(TraitError):  # no invalid state is reachable
            control.value = 5.0
        assert control.value == before


def test_trial_sites_take_marker_prevalence_from_the_knowledge_table() -> None:
    from precisionmed.start.simulate import site_prevalence

    table = data.load("knowledge/onc_prevalence")
    egfr = table[(table["gene"] == "EGFR") & (table["biomarker"] == "EGFR sensitising mutation")]
    europe = float(egfr[egfr["population"] == "Europe"]["prevalence"].iloc[0])
    assert site_prevalence("Site A") == pytest.approx(europe) == pytest.approx(0.141)
    assert site_prevalence("Site B") == pytest.approx(0.384)
    with pytest.raises(ValueError, match="Unknown site"):
        site_prevalence("Site C")


def _shown(share: float | Decimal) -> int:
    """The whole percentage a learner reads, worked out exactly (decimal, halves up)."""
    exact = share if isinstance(share, Decimal) else Decimal(repr(share))
    return int((exact * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _points(d: int) -> str:
    if d == 0:
        return "0 points"
    sign = "+" if d > 0 else MINUS
    return f"{sign}{abs(d)} point" + ("" if abs(d) == 1 else "s")


RATES = [round(0.05 * i, 2) for i in range(21)]  # every value the three rate sliders offer
PREVALENCES = [0.0, 0.01, 0.05, 0.141, 0.38, 0.5, 0.62, 0.95, 0.99, 1.0]


def _expect_claims(p: float, pos: float, neg: float, std: float, text: str) -> None:
    """Check each claim of a verdict against numbers worked out here, independently."""
    share = Decimal(repr(p))
    avg = _shown(share * Decimal(repr(pos)) + (1 - share) * Decimal(repr(neg)))
    P, N, S = _shown(pos), _shown(neg), _shown(std)
    first, _, rest = text.partition(". ")
    # Sentence 1: the average patient against standard care, with the numbers on the bars.
    if avg > S:
        assert first.startswith("On average the drug looks better") and f"{avg}% vs {S}%" in first
        assert _points(avg - S) in first
    elif avg < S:
        assert first.startswith("On average the drug looks worse") and f"{avg}% vs {S}%" in first
        assert _points(avg - S) in first
    else:
        assert first.startswith("On average the drug looks no different") and f"{avg}%" in first
    gp, gn = P - S, N - S
    if p == 0:
        assert "Nobody here has the marker" in rest and "helps" not in first
        assert ("helps" in rest) == (gp > 0) and ("does worse" in rest) == (gp < 0)
        return
    if p == 1:
        assert "Everyone here has the marker" in rest
        assert ("helps" in rest) == (gn > 0) and ("does worse" in rest) == (gn < 0)
        return
    if gp == gn:
        assert "the average tells the whole story" in rest
        assert ("helps both groups equally" in rest) == (gp > 0)
        assert ("fewer patients respond" in rest) == (gp < 0)
        if gp:
            assert f"{_points(gp)} each" in rest
        return
    assert "whole story" not in rest
    for gain in (gp, gn):
        assert (_points(gain) in rest) if gain else ("makes no difference" in rest)
    # "helps" only for a group that gains; "worse"/"fewer respond"/"lose" only for one that loses.
    assert ("helps" in rest) == (gp > 0 or gn > 0)
    assert ("fewer patients respond" in rest or "does worse" in rest) == (gp < 0 or gn < 0)
    if gp > 0 and gn > 0:
        more = "marker-positive" if gp > gn else "marker-negative"
        assert f"but {more} patients more" in rest
    if gp < 0 and gn < 0:
        more = "marker-positive" if gp < gn else "marker-negative"
        assert f"{more} patients lose more" in rest
    hides_helped = "hides both a group the drug helps" in rest or "hides a group that the drug " \
        "helps" in rest
    hides_harmed = "a group that does worse on" in rest
    assert hides_helped == (avg <= S and max(gp, gn) > 0)
    assert hides_harmed == (avg >= S and min(gp, gn) < 0)


def test_verdict_is_true_in_every_state_of_the_sliders() -> None:
    """Every combination of the three rate sliders at ten prevalences (92,610 states)."""
    seen = set()
    for p in PREVALENCES:
        for pos in RATES:
            for neg in RATES:
                for std in RATES:
                    text = expected_response(p, pos, neg, std).verdict()
                    _expect_claims(p, pos, neg, std, text)
                    seen.add(text.split(". ")[1][:30])
    assert len(seen) >= 7  # the cases really are worded differently


def test_verdict_at_every_prevalence() -> None:
    """Every value of the prevalence slider, with rates that make each group differ."""
    for i in range(101):
        p = round(i / 100, 2)
        for pos, neg, std in [(0.7, 0.1, 0.3), (0.3, 0.3, 0.3), (0.1, 0.7, 0.3), (0.5, 0.5, 0.2),
                              (0.2, 0.1, 0.3), (0.35, 0.0, 0.35), (1.0, 1.0, 0.0)]:
            _expect_claims(p, pos, neg, std, expected_response(p, pos, neg, std).verdict())


def test_panel_numbers_match_its_sentence_and_bars() -> None:
    """The sentence, the bar labels and the title show the same whole percentages."""
    box = response_explorer()
    ax = box.view.figure.axes[0]
    states = [(0.14, 0.7, 0.1, 0.3), (0.5, 0.35, 0.05, 0.35), (0.37, 0.55, 0.15, 0.3),
              (0.0, 0.7, 0.1, 0.3), (1.0, 0.4, 0.4, 0.4), (0.63, 0.25, 0.45, 0.3)]
    for p, pos, neg, std in states:
        for key, value in zip(["prevalence", "drug_positive", "drug_negative", "standard"],
                              [p, pos, neg, std], strict=True):
            box.controls[key].value = value
        labels = [t.get_text() for t in ax.texts]
        avg = labels[2]
        assert labels[0] == f"{_shown(pos)}%" and labels[1] == f"{_shown(neg)}%"
        assert labels[3] == f"{_shown(std)}%"
        assert f"average patient {avg}" in ax.get_title()
        assert avg in box.summary.value and f"{_shown(std)}%" in box.summary.value
        assert box.summary.value == f"<b>{box.result.verdict()}</b>"
        _expect_claims(p, pos, neg, std, box.result.verdict())


def test_every_slider_changes_the_picture() -> None:
    """Each slider changes the PNG, even where it leaves the average unchanged (the title
    shows the new prevalence, and the sentence says the two groups are the same)."""
    box = response_explorer(drug_positive=0.5, drug_negative=0.5)
    for key, value in [("prevalence", 0.6), ("drug_positive", 0.8), ("drug_negative", 0.2),
                       ("standard", 0.55)]:
        png = box.view.png
        box.controls[key].value = value
        assert box.view.png != png, key
