"""Every lesson as a learner sees it: JupyterLab in headless Chromium, at 1280 and 800 px.

For each lesson and window width: open it, Run All, then look at the page the way a person
would and fail on what a person would notice:

- an ipywidgets error view ("Click to show javascript error") or any console error, or a
  widget-manager warning;
- a figure that is missing, blank (no ink), not displayed, or has no alt text;
- a control that, when moved, changes nothing on screen; in a panel with a figure, a control
  whose move leaves the figure's **pixels** unchanged (a caption change alone does not count),
  unless :data:`NO_FIGURE_CHANGE` says why;
- labels or readouts cut off, tables or figures sticking out of the page with no way to scroll
  to them, hover texts that read "null";
- axe-core serious or critical violations in the lesson's Markdown and outputs.

Every control of every panel is moved, one after another. Screenshots of each panel before
and after go to ``tests/screenshots/<width>/`` (git-ignored): open them and look. The learner
copy (solutions folded away) gets the same run at 1280 px, with axe.

Needs Debian's ``chromium``, ``playwright`` and ``axe-playwright-python``. Without a Chromium the
test is skipped, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections.abc import Iterator
from pathlib import Path

import browserlab as bl
import nbformat
import pytest

from precisionmed.course import lesson_paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots"
LESSONS = lesson_paths()
WIDTHS = (1280, 800)

#: Controls that may leave a panel's figure as it is, with the reason the lesson gives.
#: Key: (lesson file stem prefix, control label). Keep this empty unless the lesson says why.
NO_FIGURE_CHANGE: dict[tuple[str, str], str] = {}

#: The least share of non-white pixels a figure must have to count as drawn.
MIN_INK = 0.01


@pytest.fixture(scope="module")
def lab() -> Iterator[dict[str, str]]:
    """JupyterLab serving copies of the lessons, the docs and the learner build."""
    bl.require_browser()
    from precisionmed import course

    learner = Path(tempfile.mkdtemp(prefix="workbook-learner-"))
    try:
        course.build("learner", out_dir=learner, progress=False)
        with bl.jupyterlab({"notebooks": ROOT / "notebooks", "docs": ROOT / "docs",
                            "learner": learner}) as served:
            yield served
    finally:
        shutil.rmtree(learner, ignore_errors=True)


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def context(request: pytest.FixtureRequest, lab: dict[str, str]) -> Iterator[object]:
    with bl.browser(width=request.param) as ctx:
        ctx.width = request.param  # type: ignore[attr-defined]
        yield ctx


def _expected_panels(lesson: Path) -> int:
    nb = nbformat.read(str(lesson), as_version=4)
    return sum("nbval-ignore-output" in c.metadata.get("tags", []) for c in nb.cells)


def _check_figures(figures: list[dict], where: str) -> list[str]:
    problems = []
    for n, fig in enumerate(figures):
        name = f"{where} figure {n + 1}"
        if not fig["w"] or not fig["h"]:
            problems.append(f"{name}: not drawn (image did not load)")
        elif fig["ink"] < MIN_INK:
            problems.append(f"{name}: blank ({fig['ink']:.1%} ink)")
        if not fig["shown"]:
            problems.append(f"{name}: not displayed (zero size on the page)")
        if len(fig.get("alt", "")) < 20:
            problems.append(f"{name}: no alt text")
    return problems


def _run_lesson(page, lab: dict[str, str], notebook: str, workspace: str, shots: Path,
                stem: str, console: bl.Console) -> dict[str, object]:
    """Run All, check what is seen, move every control; return findings and timings."""
    problems: list[str] = []
    timings: dict[str, list[float]] = {}
    run_all = bl.open_and_run_all(page, lab, notebook, workspace)
    correct_after_run_all = page.evaluate("""() => [...document.querySelectorAll(
        '.jp-OutputArea-output')].filter(e => e.offsetHeight > 0
        && /\\bCorrect\\b/.test(e.innerText)).length""")
    problems += [f"error view after Run All: {e[:120]}" for e in bl.error_views(page)]
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    if stderr.count():
        problems.append("stderr output: " + stderr.first.inner_text()[:300])
    if "Traceback" in page.inner_text(".jp-Notebook"):
        problems.append("a traceback is on the page")
    problems += _check_figures(bl.all_figures(page), "lesson")
    n_panels = bl.mark_panels(page)
    for panel in range(n_panels):
        where = f"panel {panel}"
        locator = page.locator(f"[data-test-panel='{panel}']")
        locator.scroll_into_view_if_needed()
        locator.screenshot(path=str(shots / f"{stem}-panel{panel}-before.png"))
        figures = bl.figures(page, panel)
        problems += _check_figures(figures, where)
        controls = bl.controls(page, panel)
        if not controls:
            problems.append(f"{where}: no control a learner can move")
        has_button = any(c.kind == "button" for c in controls)
        for control in controls:
            if control.disabled:
                continue
            before = (bl.figures(page, panel), bl.panel_text(page, panel))
            action = bl.move(page, panel, control)
            if action == "already selected":
                continue
            if control.kind in ("radio", "text", "number") and has_button:
                continue  # a quiz or answer box: the answer shows once Check is pressed
            expects_pixels = bool(figures) and (stem[:2], control.label) not in NO_FIGURE_CHANGE
            after_figs, after_text, seconds = bl.wait_for_change(page, panel, before,
                                                                 want_figure=expects_pixels)
            figure_moved = [f["hash"] for f in after_figs] != [f["hash"] for f in before[0]]
            if not figure_moved and after_text == before[1]:
                problems.append(f"{where}: {action}, but nothing changed on screen")
                continue
            reason = NO_FIGURE_CHANGE.get((stem[:2], control.label))
            if figures and not figure_moved and reason is None:
                problems.append(f"{where}: {action} changed only text, not the figure's pixels")
            problems += _check_figures(after_figs, f"{where} after {action}")
            timings.setdefault(where, []).append(seconds)
            errors = bl.error_views(page)
            if errors:
                problems.append(f"{where}: error view after {action}: {errors[0][:120]}")
                break
        locator.screenshot(path=str(shots / f"{stem}-panel{panel}-after.png"))
    problems += [f"layout: {p}" for p in dict.fromkeys(bl.layout_problems(page))]
    problems += [f"console: {m[:200]}" for m in console.widget_problems()]
    return {"problems": problems, "timings": timings, "run_all": run_all,
            "panels": n_panels, "correct_after_run_all": correct_after_run_all}


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_lesson_as_seen(lesson: Path, lab: dict[str, str], context: object,
                        capsys: pytest.CaptureFixture[str]) -> None:
    width = context.width  # type: ignore[attr-defined]
    shots = SHOTS / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    page = context.new_page()  # type: ignore[attr-defined]
    console = bl.Console()
    console.attach(page)
    try:
        found = _run_lesson(page, lab, f"notebooks/{lesson.name}", f"t{lesson.stem[:2]}{width}",
                            shots, lesson.stem, console)
        violations = bl.axe_violations(page)
        page.screenshot(path=str(shots / f"{lesson.stem}-page.png"))
    finally:
        page.close()
        bl.shut_down_sessions(lab)
    problems = list(found["problems"])  # type: ignore[arg-type]
    expected = _expected_panels(lesson)
    if found["panels"] < expected:  # type: ignore[operator]
        problems.append(f"{found['panels']} panels rendered, {expected} expected")
    problems += [f"axe {v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]}"
                 for v in violations]
    with capsys.disabled():
        moves = "; ".join(f"{k} median {statistics.median(v) * 1000:.0f} ms "
                          f"worst {max(v) * 1000:.0f} ms ({len(v)} moves)"
                          for k, v in found["timings"].items())  # type: ignore[union-attr]
        print(f"\n[browser {width}px] {lesson.name}: Run All {found['run_all']:.1f} s; {moves}")
    assert not problems, f"{lesson.name} at {width} px:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_learner_copy_as_seen(lesson: Path, lab: dict[str, str], context: object) -> None:
    """The self-learner's copy: renders, responds and passes axe, solutions out of sight.

    Checked in the narrow window (the harder case); the source is checked at both widths.
    """
    if context.width != min(WIDTHS):  # type: ignore[attr-defined]
        pytest.skip("the learner copy is checked at the narrow width")
    shots = SHOTS / "learner"
    shots.mkdir(parents=True, exist_ok=True)
    page = context.new_page()  # type: ignore[attr-defined]
    console = bl.Console()
    console.attach(page)
    try:
        found = _run_lesson(page, lab, f"learner/notebooks/{lesson.name}",
                            f"l{lesson.stem[:2]}", shots, lesson.stem, console)
        violations = bl.axe_violations(page)
    finally:
        page.close()
        bl.shut_down_sessions(lab)
    problems = list(found["problems"])  # type: ignore[arg-type]
    problems += [f"axe {v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]}"
                 for v in violations]
    visible_correct = found["correct_after_run_all"]
    if visible_correct:
        problems.append(f"{visible_correct} output(s) say 'Correct' after Run All in the "
                        "learner copy: a solution handed the answer back")
    assert not problems, f"learner copy of {lesson.name}:\n  " + "\n  ".join(problems)
