"""Lesson 07's panels: every control changes the figure's pixels, and every sentence a panel
prints is true in every state (tested over the whole grid of states)."""

from __future__ import annotations

import html
import itertools
import re

import pandas as pd
import pytest
from panelcheck import assert_controls_redraw

from precisionmed import raredisease
from precisionmed.raredisease import panels


def _count(text: str, label: str) -> int:
    match = re.search(r"([\d,]+) " + re.escape(label), text)
    assert match, (label, text)
    return int(match.group(1).replace(",", ""))


def test_funnel_every_state_is_told_truly() -> None:
    box = panels.funnel_explorer()
    modes = box.controls["mode"].options
    assert "X-linked recessive" not in modes  # Lina is a daughter: the mode cannot be chosen
    for af, mode in itertools.product(panels.AF_OPTIONS, modes):
        box.controls["max_af"].value = af
        box.controls["mode"].value = mode
        result = box.result
        expected = raredisease.case_funnel("RD-01").run(af, mode,
                                                        raredisease.case_terms("RD-01"))
        assert result.counts == expected.counts
        assert list(result.counts) == sorted(result.counts, reverse=True)
        text = html.unescape(box.summary.value)
        for label, n in zip(raredisease.FUNNEL_STEPS, result.counts, strict=True):
            assert _count(text, label) == n
        end = result.counts[-1]
        assert ("One variant is left" in text) == (end == 1)
        assert ("Nothing is left" in text) == (end == 0)
        assert ("no variant fits this inheritance mode" in text) == (result.counts[4] == 0)
        assert ("but none is in a gene" in text) == (end == 0 < result.counts[4])
        if end >= 1:
            assert all(g in text for g in set(result.finalists["gene"]))
        assert f"{result.counts[2]:,} (at most" in box.view.alt
        assert ("SCN1A" in box.table.value) == ("SCN1A" in set(result.finalists["gene"]))


def test_funnel_each_control_changes_pixels() -> None:
    box = panels.funnel_explorer()
    assert_controls_redraw(box, {"max_af": panels.AF_OPTIONS,
                                 "mode": box.controls["mode"].options})


def test_funnel_for_a_son_offers_x_linked() -> None:
    box = panels.funnel_explorer("RD-04", mode="X-linked recessive")
    assert box.result.counts[-1] == 1 and set(box.result.finalists["gene"]) == {"DMD"}
    with pytest.raises(ValueError):
        panels.funnel_explorer("RD-01", mode="X-linked recessive")
    with pytest.raises(ValueError):
        panels.funnel_explorer("RD-01", max_af=0.3)


def test_phenotype_panel_over_every_combination() -> None:
    box = panels.phenotype_explorer()
    terms = list(panels.PHENOTYPE_CHOICES)
    for ticks in itertools.product([False, True], repeat=len(terms)):
        for term, tick in zip(terms, ticks, strict=True):
            box.controls[term].value = tick
        chosen = [t for t, tick in zip(terms, ticks, strict=True) if tick]
        text = html.unescape(box.summary.value)
        if not chosen:
            assert "No features chosen" in text
            assert "no features chosen" in box.view.alt.lower()
            continue
        # rank_genes reports (and ranks on) scores to 3 decimals.
        scores = {gene: round(raredisease.phenotype_score(chosen, raredisease.gene_terms(gene)),
                              3)
                  for gene in raredisease.disease_genes()}
        mine = scores["SCN1A"]
        higher = sum(s > mine + 1e-9 for s in scores.values())
        tied = sum(abs(s - mine) <= 1e-9 for s in scores.values()) - 1
        shown = float(re.search(r"score (\d+\.\d\d)", text).group(1))
        assert abs(shown - mine) <= 0.005 + 1e-9
        assert f"With {len(chosen)} feature" in text
        if higher == 0 and tied:
            expected = f"SCN1A ties for first place with {tied} other gene"
        elif higher == 0:
            expected = f"SCN1A ranks first of {len(scores)}"
        else:
            expected = f"SCN1A ranks {higher + 1} of {len(scores)}" + (
                f", tied with {tied} other gene" if tied else " (")
            best = float(re.search(r"the best score is (\d+\.\d\d)", text).group(1))
            assert abs(best - max(scores.values())) <= 0.005 + 1e-9
        assert expected in text
        assert expected in box.view.alt


def test_febrile_seizure_moves_scn1a_more_than_a_vague_term() -> None:
    # "Seizure" alone: SCN1A shares first place with every seizure gene (9 in all); the vague
    # term leaves that tie; febrile seizure puts SCN1A first alone.
    def place(result: pd.DataFrame) -> tuple[int, int]:
        rank = int(result.set_index("gene").loc["SCN1A", "rank"])
        return rank, int((result["rank"] == rank).sum())

    box = panels.phenotype_explorer()
    start = place(box.result)
    assert "ties for first place with 8 other genes of 14" in html.unescape(box.summary.value)
    box.controls["HP:0000707"].value = True
    vague = place(box.result)
    box.controls["HP:0000707"].value = False
    box.controls["HP:0002373"].value = True
    specific = place(box.result)
    assert start == vague == (1, 9)
    assert specific == (1, 1)
    assert "SCN1A ranks first of 14" in html.unescape(box.summary.value)


def test_phenotype_each_checkbox_changes_pixels() -> None:
    box = panels.phenotype_explorer()
    for term, control in box.controls.items():
        before = box.view.png
        control.value = not control.value
        assert box.view.png != before, term
        control.value = not control.value


def test_points_panel_over_every_combination() -> None:
    box = panels.points_explorer()
    codes = list(panels.ACMG_CHOICES)
    for ticks in itertools.product([False, True], repeat=len(codes)):
        for code, tick in zip(codes, ticks, strict=True):
            box.controls[code].value = tick
        chosen = [c for c in codes if box.controls[c].value]
        assert not {"PP3", "BP4"} <= set(chosen)  # the panel never holds both
        result = box.result
        assert list(result.criteria) == chosen or sorted(result.criteria) == sorted(chosen)
        assert result.acmg == raredisease.acmg_classify(chosen)
        assert result.points == raredisease.acmg_points(chosen)
        text = html.unescape(box.summary.value)
        assert f"ACMG rules say {result.acmg}" in text
        assert f"points {result.points:+d} say {result.points_class}" in text
        assert ("agree." in text) == (result.acmg == result.points_class)
        assert f"{result.points:+d} points" in box.view.alt


def test_points_panel_pp3_and_bp4_clear_each_other() -> None:
    # PP3 and BP4 read the same computer predictions as damaging or harmless: never both.
    box = panels.points_explorer()
    box.controls["PP3"].value = True
    box.controls["BP4"].value = True
    assert box.controls["PP3"].value is False
    assert "PP3" not in box.result.criteria and "BP4" in box.result.criteria
    box.controls["PP3"].value = True
    assert box.controls["BP4"].value is False
    assert "BP4" not in box.result.criteria and "PP3" in box.result.criteria
    assert "ticking one clears the other" in box.children[0].value
    with pytest.raises(ValueError, match="cannot both apply"):
        panels.points_explorer(start=("PP3", "BP4"))


def test_points_each_checkbox_changes_pixels() -> None:
    box = panels.points_explorer()
    for code, control in box.controls.items():
        before = box.view.png
        control.value = not control.value
        assert box.view.png != before, code
        control.value = not control.value


def test_benchmark_cases_name_real_controls() -> None:
    assert len(panels.BENCHMARK_CASES) >= 3
    for label, builder, key, values in panels.BENCHMARK_CASES:
        box = builder()
        assert key in box.controls, label
        for value in values:
            box.controls[key].value = value
        for control in box.controls.values():
            assert len((control.description or "").strip()) >= 3, label


def test_family_panel_every_state_is_told_truly() -> None:
    box = panels.family_explorer()
    assert list(box.controls["mode"].options) == list(raredisease.MODES)
    labels = [label for label, _ in box.controls["family"].options]
    assert labels[0].startswith("Tomasz (RD-02), a boy of 6")
    for case, mode in itertools.product(panels.FAMILY_CASES, raredisease.MODES):
        box.controls["family"].value = case
        box.controls["mode"].value = mode
        result = box.result
        expected = raredisease.case_funnel(case).run(panels.FAMILY_MAX_AF, mode,
                                                     raredisease.case_terms(case))
        assert result.counts == expected.counts and result.mode == mode
        info = raredisease.case_info(case)
        text = html.unescape(box.summary.value)
        assert text.startswith(f"<b>{info['child']} ({case}), testing {mode}:")
        for label, n in zip(raredisease.FUNNEL_STEPS, result.counts, strict=True):
            assert _count(text, label) == n
        end = result.counts[-1]
        assert ("One variant is left" in text) == (end == 1)
        assert ("no variant fits this inheritance mode" in text) == (result.counts[4] == 0)
        assert ("Try another inheritance mode." in text) == (result.counts[4] == 0)
        assert "looser frequency cut-off" not in text  # the panel has no frequency control
        girl_x = mode == "X-linked recessive" and info["sex"] != "male"
        assert ("needs a son" in text) == girl_x
        if girl_x:
            assert result.counts[4] == 0
        assert f"{info['child']}'s trio exome" in box.view.alt
        assert f"{result.counts[2]:,} (at most 1%)" in box.view.alt
        for gene in set(result.finalists["gene"]):
            assert gene in text and gene in box.table.value
        if end == 0:
            assert "No variant is left" in box.table.value


def test_family_panel_answers_exercises_2_and_3() -> None:
    box = panels.family_explorer("RD-02", "autosomal recessive")
    assert set(box.result.finalists["gene"]) == {"ASPM"}
    box.controls["family"].value = "RD-04"
    found = {}
    for mode in raredisease.MODES:
        box.controls["mode"].value = mode
        found[mode] = set(box.result.finalists["gene"])
    assert {mode for mode, genes in found.items() if genes} == {"X-linked recessive"}
    assert found["X-linked recessive"] == {"DMD"}


def test_family_panel_each_control_changes_pixels() -> None:
    box = panels.family_explorer()
    assert_controls_redraw(box, {"family": panels.FAMILY_CASES, "mode": raredisease.MODES})


def test_family_panel_refuses_unknown_families_and_modes() -> None:
    with pytest.raises(ValueError, match="RD-02"):
        panels.family_explorer("RD-01")
    with pytest.raises(ValueError, match="mode"):
        panels.family_explorer("RD-02", mode="dominant")
    with pytest.raises(TypeError):
        panels.family_sentence("not a result", "RD-02")


def test_funnel_sentence_advice_is_the_callers() -> None:
    result = raredisease.case_funnel("RD-02").run(0.01, "de novo", raredisease.case_terms("RD-02"))
    assert result.sentence().endswith("Try another mode or a looser frequency cut-off.")
    assert result.sentence(advice="").endswith("with these settings.")
    with pytest.raises(TypeError):
        result.sentence(advice=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", panels.BENCHMARK_CASES, ids=lambda c: c[0])
def test_a_state_seen_before_is_shown_without_drawing_again(case: tuple) -> None:
    _, builder, key, values = case
    box = builder()
    start = box.controls[key].value
    other = next(v for v in values if v != start)
    box.controls[key].value = other
    drawn, picture, alt = box.view.renders, box.view.png, box.view.alt
    box.controls[key].value = start
    box.controls[key].value = other
    assert box.view.renders == drawn  # both states come from the picture cache
    assert (box.view.png, box.view.alt) == (picture, alt)
