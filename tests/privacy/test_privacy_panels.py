"""Lesson 09 panels: controls change the result and the pixels; every sentence stays true."""

from __future__ import annotations

import re

import ipywidgets as w
import numpy as np
import pytest
from panelcheck import assert_each_value_redraws, walk

from precisionmed import data
from precisionmed import privacy as pv
from precisionmed.privacy import panels
from precisionmed.privacy import plotting as pp


@pytest.mark.parametrize("case", panels.BENCHMARK_CASES, ids=[c[0] for c in panels.BENCHMARK_CASES])
def test_every_control_changes_the_pixels(case) -> None:
    assert_each_value_redraws(case)


def test_every_control_has_a_readable_label():
    for builder in (panels.crowd_panel, panels.family_panel):
        box = builder()
        controls = [x for x in walk(box) if isinstance(x, w.ValueWidget)
                    and not isinstance(x, (w.HTML, w.HTMLMath, w.Label))]
        assert len(controls) >= 2
        for control in controls:
            assert len((control.description or "").strip()) >= 3


def _independent_counts(level: int, suffix: str) -> list[int]:
    """People matching the target, counted with plain pandas/numpy (not privacy.crowd_sizes)."""
    town = data.load("privacy/town")
    target = town[town["person_id"] == panels.TARGET_ID].iloc[0]
    keep = np.ones(len(town), dtype=bool)
    tests = [town["zip"] == target["zip"], town["sex"] == target["sex"],
             town["birth_date"].str[:4] == target["birth_date"][:4],
             town["birth_date"] == target["birth_date"]]
    for test in tests[:level]:
        keep &= test.to_numpy()
    codes = town.loc[keep, f"snps_maf{suffix}"]
    own = target[f"snps_maf{suffix}"]
    return [int(sum(code[:n] == own[:n] for code in codes)) for n in range(31)]


@pytest.mark.parametrize("level", range(5))
@pytest.mark.parametrize("label,suffix,maf", panels.SNP_SETS)
def test_every_crowd_state_says_the_true_count(level, label, suffix, maf):
    counts = _independent_counts(level, suffix)
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 1
    for n in range(31):
        view = panels.crowd_view(level, maf, n)
        assert view.matching == counts[n]
        sentence = view.sentence()
        who = "1 person" if counts[n] == 1 else f"{counts[n]:,} people"
        assert f": {who} of the town's 6,000 match" in sentence
        assert ("only the target is left" in sentence) == (counts[n] == 1)
        expected = 1 + (counts[0] - 1) * pv.genotype_match_probability(maf) ** n
        # No false precision: whole people from 10 up ("about 442", "about 6,000").
        assert f"about {expected:,.0f} (" in sentence if expected >= 9.95 else \
            f"about {expected:.1f} (" in sentence
        assert pp.CLUE_LEVELS[level] in sentence or level == 0
        assert (f"{n} SNPs," if n != 1 else "1 SNP,") in pp.describe_crowd(view)


def test_crowd_demographics_shrink_to_one_with_the_full_birth_date():
    start = [panels.crowd_view(level, 0.5, 0).matching for level in range(5)]
    assert start[0] == 6000 and start == sorted(start, reverse=True) and start[-1] == 1


def test_crowd_panel_summary_and_cache():
    box = panels.crowd_panel()
    assert "no real person can be found" in box.summary.value
    first = box.view.png
    box.controls["n_snps"].value = 6
    renders = box.view.renders
    box.controls["n_snps"].value = 0
    assert box.view.png == first and box.view.renders == renders  # shown from the cache
    assert box.result.n_snps == 0


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*\.?\d*", text)]


@pytest.mark.parametrize("children", [1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
def test_every_family_state_says_the_true_numbers(children):
    box = panels.family_panel(children=children)
    for coverage in panels.COVERAGES:
        box.controls["coverage"].value = coverage
        reach = box.result
        c = children
        cousins = [2 ** d * (c - 1) * c ** d for d in (1, 2, 3)]
        chance = 1 - (1 - coverage) ** sum(cousins)
        assert reach.third_or_closer == pytest.approx(chance)
        text = box.summary.value
        shown_counts = [pp.count(x) for x in cousins]
        assert [float(x.replace(",", "")) for x in shown_counts] == pytest.approx(cousins)
        assert (f"{shown_counts[0]} first, {shown_counts[1]} second and {shown_counts[2]} third"
                in text)
        shown = pp.pct(chance)
        assert f"third cousin or closer is {shown}" in text
        if shown.endswith("%") and shown[0].isdigit():
            assert abs(float(shown[:-1]) - 100 * chance) <= 0.5
        assert "60%" in text and "1.28 million" in text
        assert f"{coverage:.2%}" in box.view.alt


def test_count_drops_only_a_zero_decimal():
    assert [pp.count(x) for x in (7.5, 12.0, 187.5, 1170.0)] == ["7.5", "12", "187.5", "1,170"]


def test_pct_never_rounds_to_certainty():
    assert pp.pct(0.9971) == ">99%" and pp.pct(1.0) == "100%"
    assert pp.pct(0.001) == "<1%" and pp.pct(0.0) == "0%" and pp.pct(0.688) == "69%"


def test_beacon_figure_has_alt_text_naming_both_decisions():
    from precisionmed.plots import alt_text

    fig = panels.beacon_figure()
    evidence = pv.beacon_evidence()
    alt = alt_text(fig)
    assert f"after {pv.queries_to_decide(evidence['member'])} questions" in alt
    assert f"after {pv.queries_to_decide(evidence['outsider'])}" in alt


def test_bad_panel_arguments_are_refused():
    with pytest.raises(ValueError, match="maf must be one of"):
        panels.crowd_panel(maf=0.3)
    with pytest.raises(ValueError, match="n_snps"):
        panels.crowd_panel(n_snps=31)
    with pytest.raises(ValueError, match="clues"):
        panels.crowd_view(5, 0.5, 0)
    with pytest.raises(ValueError, match="coverage must be one of"):
        panels.family_panel(coverage=0.3)
