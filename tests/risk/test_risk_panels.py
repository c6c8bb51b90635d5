"""Lesson 10 panel: every control changes the pixels; every sentence is true in every state."""

from __future__ import annotations

import itertools
import re

import ipywidgets as w
import pytest
from panelcheck import assert_each_value_redraws, walk

from precisionmed import risk
from precisionmed.risk import panels
from precisionmed.risk import plotting as rp

STATES = list(itertools.product(panels.PEOPLE, [g[0] for g in panels.GENES], (False, True),
                                panels.STEPS, panels.ICONS))




@pytest.mark.parametrize("case", panels.BENCHMARK_CASES, ids=[c[0] for c in panels.BENCHMARK_CASES])
def test_every_control_changes_the_pixels(case) -> None:
    box = assert_each_value_redraws(case)
    assert box.result.n_icons in panels.ICONS


def test_every_control_has_a_readable_label() -> None:
    box = panels.icon_panel()
    controls = [x for x in walk(box) if isinstance(x, w.ValueWidget)
                and not isinstance(x, (w.HTML, w.HTMLMath, w.Label))]
    assert len(controls) == 5
    for control in controls:
        assert len((control.description or "").strip()) >= 3


def test_moving_back_shows_the_cached_picture() -> None:
    box = panels.icon_panel()
    first = box.view.png
    renders = box.view.renders
    box.controls["smoker"].value = False
    box.controls["smoker"].value = True
    assert box.view.png == first
    assert box.view.renders == renders + 1   # the way back came from the cache


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?![\d.])", text)]


@pytest.mark.parametrize("state", STATES, ids=["-".join(map(str, s)) for s in STATES])
def test_every_sentence_is_true_in_every_state(state) -> None:
    name, genes, smoker, steps, n = state
    view = panels.icon_view(name, genes, smoker, steps, n)
    # the counts the icons show, from the risks with plain rounding (halves up)
    now = int(view.risk_now * n + 0.5 + 1e-9)
    best = min(int(view.risk_best * n + 0.5 + 1e-9), now)
    assert (view.now, view.best, view.extra) == (now, best, now - best)
    assert view.best + view.extra + (n - view.now) == n
    lines = view.sentences()
    assert f"about {now:,} have a heart attack or stroke" in lines[0]
    assert f"{n - now:,} do not" in lines[0]
    assert f"Out of {n:,} people like {name}" in lines[0]
    assert ("smokes" if smoker else "does not smoke") in lines[0]
    assert f"{steps:,} steps a day" in lines[0]
    healthiest = not smoker and steps == rp.BEST_STEPS
    assert view.at_best == healthiest
    if healthiest:
        assert "healthiest habits here" in lines[1] and view.ratio == pytest.approx(1.0)
        assert lines[2] == f"Absolute: {now:,} in {n:,}; no habit here lowers it further."
        assert len(lines) == 3
    else:
        # the relative framing divides the counts on screen (the risks only if no icon is red)
        ratio = now / best if best else view.risk_now / view.risk_best
        assert ratio >= 1  # 1.0 when a slightly worse habit changes no icon
        assert lines[1] == f"Relative: {ratio:.1f} times the risk with the healthiest habits."
        assert lines[2] == (f"Absolute: {now:,} in {n:,} instead of {best:,} in {n:,} "
                            f"({now - best:,} more in {n:,}).")
        nnt = 1 / (view.risk_now - view.risk_best)
        assert f"About {nnt:,.0f} people like {name}" in lines[3]
        # When the icons' own division (n ÷ extra icons) gives another whole number, the
        # sentence says it comes from the exact risks.
        differs = now == best or round(n / (now - best)) != round(nnt)
        assert ("the icons are rounded to whole people" in lines[3]) == differs
    alt = rp.describe_icons(view)
    assert f"{best:,} red squares" in alt and f"{now - best:,} orange triangles" in alt
    assert f"{n - now:,} grey circles" in alt


def test_habits_move_the_icons_and_genes_matter_for_peter() -> None:
    smoking = panels.icon_view("Peter", "polygenic score + FH result", True, 4000, 100)
    stopped = panels.icon_view("Peter", "polygenic score + FH result", False, 4000, 100)
    walking = panels.icon_view("Peter", "polygenic score + FH result", True, 9000, 100)
    assert stopped.now < smoking.now and walking.now < smoking.now
    no_fh = panels.icon_view("Peter", "polygenic score", True, 4000, 100)
    assert smoking.now - no_fh.now >= 10          # the FH result moves many icons
    grace = [panels.icon_view("Grace", g[0], True, 4000, 100).now for g in panels.GENES]
    assert max(grace) - min(grace) <= 2           # her polygenic score moves few


def test_summary_names_the_records_and_says_teaching() -> None:
    box = panels.icon_panel()
    assert "Peter's records" in box.summary.value.replace("&#x27;", "'")
    assert "teaching, not care" in box.summary.value
    assert box.view.alt.startswith("Icon array of 100 people like Peter")


@pytest.mark.parametrize("bad", [
    dict(name="Nobody"), dict(genes="everything"), dict(smoker="yes"), dict(steps=4500),
    dict(n_icons=10), dict(n_icons=True)])
def test_bad_panel_values_are_refused(bad) -> None:
    args = {"name": "Peter", "genes": "polygenic score", "smoker": True, "steps": 4000,
            "n_icons": 100, **bad}
    with pytest.raises((ValueError, TypeError)):
        panels.icon_view(**args)
    with pytest.raises((ValueError, TypeError)):
        panels.icon_panel(**args)


def test_icon_positions_fill_the_grid() -> None:
    for n in panels.ICONS:
        points = rp.icon_positions(n)
        assert points.shape == (n, 2)
        assert len({tuple(p) for p in points.round(6)}) == n
    with pytest.raises(ValueError):
        rp.icon_positions(50)
    assert risk.icon_array_counts(0.5, 100) == 50


def test_named_slips_are_the_numbers_they_describe() -> None:
    """The wrong answers with their own feedback are the values of the slips they name."""
    from precisionmed import check, data

    items = check.exercises()
    smoking = panels.icon_view("Peter", "polygenic score + FH result", True, 4000, 100)
    assert set(items["risk-3"].wrong) == {str(smoking.now), str(smoking.best)}
    assert check.feedback("risk-3", smoking.now).correct is False
    assert len(data.load("risk/genotypes")) == 1000
    assert len(data.load("risk/ehr_patients")) == 995
    assert set(items["risk-2"].wrong) == {"1000", "995"}
    assert check.feedback("risk-1", 7000).correct and check.feedback("risk-4", 2.5).correct
