"""Lesson 08 panels: controls change the result and the pixels; every sentence stays true."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest
from panelcheck import assert_each_value_redraws, walk

from precisionmed import diversity as dv
from precisionmed.diversity import panels
from precisionmed.diversity import plotting as dp


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"(\d+\.\d)%", text)]


@pytest.mark.parametrize("case", panels.BENCHMARK_CASES, ids=[c[0] for c in panels.BENCHMARK_CASES])
def test_every_control_changes_the_pixels(case) -> None:
    assert_each_value_redraws(case)


def test_every_control_has_a_readable_label():
    for _, builder, _, _ in panels.BENCHMARK_CASES:
        box = builder()
        for control in (x for x in walk(box) if isinstance(x, w.ValueWidget)
                        and not isinstance(x, w.HTML)):
            label = getattr(control, "description", "") or getattr(control, "label", "")
            assert str(label).strip(), control


def test_training_mix_sentences_are_true_in_every_state():
    box = panels.training_mix_panel()
    for share in panels.MIXES:
        box.controls["share_c"].value = share
        result = box.result
        assert result.share_c == share
        assert result.train_a + result.train_c == 2000
        assert result.train_c == round(2000 * share)
        text = box.summary.value
        assert f"{100 * share:.0f}% of the training cohort from C" in text
        assert _numbers(text)[:3] == [round(100 * result.r2[p], 1) for p in ("A", "B", "C")]
        top = max(result.r2.values())
        close = [p for p in ("A", "B", "C") if result.r2[p] >= top / 1.05]
        if len(close) == 1:
            assert f"works best in {dp.POP_NAMES[close[0]]}." in text
        elif len(close) == 3:
            assert "about equally well in all three populations" in text
        else:
            names = [dp.POP_NAMES[p] for p in ("A", "B", "C") if p in close]
            assert f"works best in {' and '.join(names)}, about equally well." in text
        ratio = result.r2["A"] / result.r2["C"]
        if ratio >= 1.05:
            assert f"{ratio:.1f} times less" in text
        elif ratio <= 1 / 1.05:
            assert f"{1 / ratio:.1f} times more" in text
        else:
            assert "about equally well" in text
        alt = box.view.alt
        assert f"{100 * share:.0f}% of its 2,000 training people" in alt
        assert "Simulated populations" in text


def test_moving_back_shows_the_stored_picture():
    box = panels.training_mix_panel()
    first = box.view.png
    box.controls["share_c"].value = 0.5
    renders = box.view.renders
    box.controls["share_c"].value = 0.0
    assert box.view.png == first and box.view.renders == renders


def test_kidney_sentences_are_true_in_every_state():
    box = panels.kidney_panel()
    for name in ("Marcus", "Denise", "Tom"):
        box.controls["patient"].value = name
        own = panels.patient_result(name).creatinine
        assert box.controls["creatinine"].value == pytest.approx(own)  # starts at their value
        for scr in panels.CREATININE[::3]:
            box.controls["creatinine"].value = scr
            r = box.result
            assert r.name == name and r.creatinine == scr
            text = box.summary.value
            assert f"2009 equation {r.egfr_2009:.1f}" in text
            assert f"2021 equation {r.egfr_2021:.1f}" in text
            w09, w21 = r.egfr_2009 <= 20, r.egfr_2021 <= 20
            if w09 and w21:
                assert "Both are at or below 20" in text
            elif not w09 and not w21:
                assert "Both are above 20" in text
            elif w21:
                assert "Only the 2021 equation is at or below 20" in text
            else:
                assert "Only the 2009 equation is at or below 20" in text
            if (r.egfr_2009 < 60) != (r.egfr_2021 < 60):
                assert "below 60" in text
            else:
                assert "below 60" not in text
            assert "not for care" in text
            assert f"{r.egfr_2009:.1f}" in box.view.alt and name in box.view.alt


def test_marcus_story_matches_the_lesson():
    marcus = panels.patient_result("Marcus")
    assert marcus.egfr_2009 == pytest.approx(dv.egfr_ckd_epi(3.7, 52, "male", "2009",
                                                             black=True))
    assert "Only the 2021 equation is at or below 20" in dp.summarise_kidney(marcus)


def test_builders_refuse_states_they_do_not_offer():
    with pytest.raises(ValueError):
        panels.training_mix_panel(0.25)
    with pytest.raises(ValueError):
        panels.kidney_panel("Nobody")
    with pytest.raises(ValueError):
        panels.kidney_panel("Marcus", 9.0)
    with pytest.raises(ValueError):
        panels.mix_result(0.33)
    with pytest.raises(TypeError):
        dp.summarise_accuracy("not a result")


def test_pgx_table_shows_the_under_studied_alleles():
    table = panels.pgx_under_studied()
    assert list(table["allele"]) == ["*5", "*6", "*8", "*11", "*17", "*29"]
    afr = table.set_index("allele")["AFR"]
    eur = table.set_index("allele")["EUR"]
    assert (afr > eur).all()
