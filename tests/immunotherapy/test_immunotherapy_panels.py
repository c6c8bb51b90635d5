"""Lesson 06 panels: controls change the result and the pixels; every sentence stays true."""

from __future__ import annotations

import math
import re

import ipywidgets as w
import pytest
from panelcheck import assert_each_value_redraws, walk

from precisionmed import immunotherapy as im
from precisionmed.immunotherapy import panels
from precisionmed.immunotherapy import plotting as ip


@pytest.mark.parametrize("case", panels.BENCHMARK_CASES, ids=[c[0] for c in panels.BENCHMARK_CASES])
def test_every_control_changes_the_pixels(case) -> None:
    assert_each_value_redraws(case, distinct=True)


def test_every_control_has_a_readable_label():
    for _, builder, _, _ in panels.BENCHMARK_CASES:
        box = builder()
        controls = [x for x in walk(box) if isinstance(x, w.ValueWidget)
                    and not isinstance(x, (w.HTML, w.HTMLMath, w.Label))]
        assert controls
        for control in controls:
            assert len((control.description or "").strip()) >= 3


def test_peptide_panel_lists_the_right_windows():
    box = panels.peptide_panel("KRAS G12C", 9)
    peptides, scores = box.result
    assert [p.sequence for p in peptides][0] == "YKLVVVGAC"
    box.controls["change"].value = "KRAS Q61H"
    peptides, _ = box.result
    assert all(p.sequence[p.offset - 1] == "H" for p in peptides)
    assert peptides[0].start == 53
    box.controls["length"].value = 11
    assert len(box.result[0]) == 11
    assert "toy" in box.summary.value and "not a real prediction" in box.summary.value
    assert "toy" in box.view.alt.lower()


def test_peptide_summary_is_true_for_every_state():
    box = panels.peptide_panel()
    for change in box.controls["change"].options:
        for length in (8, 9, 10, 11):
            box.controls["change"].value = change
            box.controls["length"].value = length
            peptides, scores = box.result
            visible = sum(s >= im.TOY_VISIBLE for s in scores)
            text = box.summary.value
            assert f"{len(peptides)} peptides of {length} letters" in text
            assert f"{visible} of them reach{'es' * (visible == 1)} the toy" in text
            assert all(len(p.sequence) == length for p in peptides)


def test_cutoff_panel_numbers_follow_the_slider():
    box = panels.cutoff_panel(10)
    at_10 = box.result
    box.controls["cutoff"].value = 5
    at_5 = box.result
    assert at_5.treated > at_10.treated
    assert at_5.sensitivity >= at_10.sensitivity and at_5.specificity <= at_10.specificity
    assert at_10.response_rate_treated == pytest.approx(0.28, abs=0.01)


def _percent(text: str, label: str) -> int:
    return int(re.search(label + r" (\d+)%", text).group(1))


def test_cutoff_sentences_are_true_over_the_whole_grid():
    values, responded = panels.basket_arrays()
    box = panels.cutoff_panel()
    for cutoff in panels.CUTOFFS:
        box.controls["cutoff"].value = cutoff
        result = box.result
        text = box.summary.value
        treated = int((values >= cutoff).sum())
        responders = int(responded.sum())
        hits = int(((values >= cutoff) & responded).sum())
        assert f"{treated} of {len(values)} patients" in text
        assert _percent(text, "Sensitivity") == round(100 * hits / responders)
        non = len(values) - responders
        assert _percent(text, "specificity") == round(
            100 * int(((values < cutoff) & ~responded).sum()) / non)
        if treated:
            assert f"{hits} respond ({round(100 * hits / treated)}%)" in text
            missed = responders - hits
            assert ("No responder is left out" in text) == (missed == 0)
            if missed:
                assert f"{missed} of the {responders} responders" in text
        else:
            assert "Nobody would be treated" in text
        assert math.isclose(result.cutoff, cutoff)


def test_noise_panel_wide_range_on_a_small_panel():
    box = panels.noise_panel(8, 0.25)
    small = box.result
    box.controls["panel_mb"].value = 30.0
    exome = box.result
    assert (small.high - small.low) > (exome.high - exome.low)
    box.controls["true_tmb"].value = 20
    assert box.result.true_tmb == 20 and box.result.panel_mb == 30.0


def test_noise_sentences_are_true_over_the_grid():
    box = panels.noise_panel()
    for size in [s for _, s in panels.PANEL_SIZES]:
        box.controls["panel_mb"].value = size
        for true in range(2, 31, 2):
            box.controls["true_tmb"].value = true
            noise = box.result
            text = box.summary.value
            assert (f"{true} mut/Mb (below the cut-off" in text) == (true < 10)
            assert f"{noise.low:.1f}–{noise.high:.1f}" in text
            share = 100 * noise.wrong_side
            if share < 0.5:
                assert "Almost no test" in text
            else:
                assert f"About {share:.0f}%" in text
            assert f"adds {1 / size:.2g} mut/Mb" in text
            # the bars drawn cover the tests shown
            assert sum(ip.noise_bins(noise)) <= 1 + 1e-9


def test_builders_refuse_values_off_their_grid():
    with pytest.raises(ValueError):
        panels.cutoff_panel(11)
    with pytest.raises(ValueError):
        panels.noise_panel(8, 0.3)
    with pytest.raises(ValueError):
        panels.peptide_panel("KRAS G12X")
