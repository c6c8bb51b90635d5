"""Every lesson as a learner sees it: JupyterLab in headless Chromium, at 800 and 1280 px.

Each lesson's learner copy (solutions folded away, as self-learners and Binder open it) is run
**once**, top to bottom, in a fresh kernel, and looked at the way a person would:

- at 800 px (the harder width): Run All, then fail on an ipywidgets error view ("Click to show
  javascript error"), any console error or widget-manager warning, a traceback or stderr
  output; a figure that is missing, blank (no ink), not displayed, or has no alt text; a
  control that, when moved, changes nothing on screen, or, in a panel with a figure, leaves
  the figure's **pixels** unchanged (a caption change alone does not count) unless
  :data:`NO_FIGURE_CHANGE` says why; labels or readouts cut off, tables or figures sticking out
  of the page with no way to scroll to them, hover texts that read "null"; axe-core serious or
  critical violations in the lesson's Markdown and outputs. Every control of every panel is
  moved, one after another.
- the same page widened to 1280 px: figures, layout and axe again, and every panel's
  screenshot.
- Run All once more without a restart (what learners do after playing with the sliders): no
  error, every panel rebuilt, every exercise placeholder still says "not answered" and no
  solution hands an answer back.

The instructor's source is opened as stored (its outputs are what nbval checks; it is not run
again) at both widths: axe, alt text and layout, solutions and instructor notes included.

Screenshots of each panel before and after go to ``tests/screenshots/<width>/`` and of the
source pages to ``tests/screenshots/source/`` (git-ignored): open them and look.

Together with nbval (which runs each source once, offline, with read-only datasets) this is how
often a lesson runs in a full test run: twice, three times for a lesson with an app page
(``test_app.py``); the class load test (``test_classload.py``) runs lessons 00 and 01 once per
simulated learner on purpose.

Needs Debian's ``chromium``, ``playwright`` and ``axe-playwright-python``. Without a Chromium the
test is skipped, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import browserlab as bl
import nbformat
import pytest

from precisionmed.check import NOT_ANSWERED
from precisionmed.course import lesson_paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
LESSONS = lesson_paths()
#: The learner copy is run and its controls moved at the first width, then widened.
WIDTHS = (800, 1280)

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


@pytest.fixture(scope="module")
def context(lab: dict[str, str]) -> Iterator[object]:
    with bl.browser(width=WIDTHS[0]) as ctx:
        yield ctx


def _resize(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    time.sleep(0.5)  # JupyterLab lays the notebook out again on resize
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-OutputArea img')]
        .every(img => img.complete)""", timeout=30_000)


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
            reason = NO_FIGURE_CHANGE.get((stem[:2], control.label))
            moved = bl.move_and_watch(page, panel, control, has_button,
                                      want_figure=bool(figures) and reason is None)
            if moved is None:
                continue
            action = moved.action
            if not moved.figure_changed and not moved.text_changed:
                problems.append(f"{where}: {action}, but nothing changed on screen")
                continue
            if figures and not moved.figure_changed and reason is None:
                problems.append(f"{where}: {action} changed only text, not the figure's pixels")
            problems += _check_figures(moved.figures_after, f"{where} after {action}")
            timings.setdefault(where, []).append(moved.seconds)
            errors = bl.error_views(page)
            if errors:
                problems.append(f"{where}: error view after {action}: {errors[0][:120]}")
                break
        locator.screenshot(path=str(shots / f"{stem}-panel{panel}-after.png"))
    problems += [f"layout: {p}" for p in dict.fromkeys(bl.layout_problems(page))]
    problems += [f"console: {m[:200]}" for m in console.widget_problems()]
    return {"problems": problems, "timings": timings, "run_all": run_all,
            "panels": n_panels, "correct_after_run_all": correct_after_run_all}


def _placeholders(lesson: Path) -> int:
    """Exercise placeholders (``my_answer = ...``) the learner copy runs."""
    from buildcheck import PLACEHOLDER

    nb = nbformat.read(str(lesson), as_version=4)
    return sum(bool(PLACEHOLDER.search(c.source)) for c in nb.cells if c.cell_type == "code"
               and "solution" not in c.metadata.get("tags", []))


def _axe(page, where: str) -> list[str]:
    return [f"{where}: axe {v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]}"
            for v in bl.axe_violations(page)]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_lesson_as_seen(lesson: Path, lab: dict[str, str], context: object,
                        capsys: pytest.CaptureFixture[str]) -> None:
    """The learner copy, run once: checked at 800 px with every control moved, widened to
    1280 px and checked again, then Run All once more without a restart."""
    narrow, wide = WIDTHS
    shots = {width: SHOTS / str(width) for width in WIDTHS}
    for folder in shots.values():
        folder.mkdir(parents=True, exist_ok=True)
    page = context.new_page()  # type: ignore[attr-defined]
    _resize(page, narrow)
    console = bl.Console()
    console.attach(page)
    expected = _expected_panels(lesson)
    problems: list[str] = []
    try:
        found = _run_lesson(page, lab, f"learner/notebooks/{lesson.name}",
                            f"l{lesson.stem[:2]}", shots[narrow], lesson.stem, console)
        problems += [f"{narrow} px: {p}" for p in found["problems"]]  # type: ignore[union-attr]
        if found["panels"] < expected:  # type: ignore[operator]
            problems.append(f"{found['panels']} panels rendered, {expected} expected")
        if found["correct_after_run_all"]:
            problems.append(f"{found['correct_after_run_all']} output(s) say 'Correct' after "
                            "Run All in the learner copy: a solution handed the answer back")
        problems += _axe(page, f"{narrow} px")
        page.screenshot(path=str(shots[narrow] / f"{lesson.stem}-page.png"))

        _resize(page, wide)
        problems += [f"{wide} px: {p}" for p in _check_figures(bl.all_figures(page), "lesson")]
        problems += [f"{wide} px: layout: {p}" for p in dict.fromkeys(bl.layout_problems(page))]
        problems += _axe(page, f"{wide} px")
        for panel in range(bl.mark_panels(page)):
            locator = page.locator(f"[data-test-panel='{panel}']")
            locator.scroll_into_view_if_needed()
            locator.screenshot(path=str(shots[wide] / f"{lesson.stem}-panel{panel}.png"))
        page.screenshot(path=str(shots[wide] / f"{lesson.stem}-page.png"))

        rerun = bl.run_all(page)  # the same kernel: no restart
        where = "Run All again"
        problems += [f"{where}: error view: {e[:120]}" for e in bl.error_views(page)]
        if "Traceback" in page.inner_text(".jp-Notebook"):
            problems.append(f"{where}: a traceback is on the page")
        problems += [f"{where}: {p}" for p in _check_figures(bl.all_figures(page), "lesson")]
        if bl.mark_panels(page) < expected:
            problems.append(f"{where}: fewer than {expected} panels")
        problems += [f"{where}: an output says 'Correct' in the learner copy: …{t}…"
                     for t in bl.outputs_saying(page, r"\bCorrect!")]
        unanswered = len(bl.outputs_saying(page, NOT_ANSWERED))
        if unanswered < _placeholders(lesson):
            problems.append(f"{where}: {unanswered} outputs say '{NOT_ANSWERED}', "
                            f"{_placeholders(lesson)} exercise placeholders ran")
        problems += [f"console: {m[:200]}" for m in dict.fromkeys(console.widget_problems())]
    finally:
        page.close()
        bl.shut_down_sessions(lab)
    with capsys.disabled():
        moves = "; ".join(f"{k} median {statistics.median(v) * 1000:.0f} ms "
                          f"worst {max(v) * 1000:.0f} ms ({len(v)} moves)"
                          for k, v in found["timings"].items())  # type: ignore[union-attr]
        print(f"\n[browser {narrow}px] {lesson.name}: Run All {found['run_all']:.1f} s, "
              f"again {rerun:.1f} s; {moves}")
    assert not problems, f"learner copy of {lesson.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_instructor_source_as_stored(lesson: Path, lab: dict[str, str],
                                     context: object) -> None:
    """The instructor's source with its stored outputs (not run again), solutions and
    instructor notes in view: figures have alt text, nothing is cut off, axe finds nothing
    serious, at both widths."""
    shots = SHOTS / "source"
    shots.mkdir(parents=True, exist_ok=True)
    page = context.new_page()  # type: ignore[attr-defined]
    problems: list[str] = []
    try:
        # As an instructor's JupyterLab shows it once they have run it (trusted). Untrusted,
        # JupyterLab strips the tables' tabindex and region role, and a table wider than the
        # page cannot be scrolled from the keyboard: run the lesson first.
        bl.trust(Path(lab["work"]) / "notebooks" / lesson.name)
        bl.open_notebook(page, lab, f"notebooks/{lesson.name}", f"s{lesson.stem[:2]}")
        for width in WIDTHS:
            _resize(page, width)
            # (Lessons whose every figure is in a panel have none: panels are not stored.)
            problems += [f"{width} px: {p}"
                         for p in _check_figures(bl.all_figures(page), "stored")]
            problems += [f"{width} px: layout: {p}"
                         for p in dict.fromkeys(bl.layout_problems(page))]
            problems += _axe(page, f"{width} px")
            page.screenshot(path=str(shots / f"{lesson.stem}-{width}.png"))
    finally:
        page.close()
        bl.shut_down_sessions(lab)
    assert not problems, f"source of {lesson.name}:\n  " + "\n  ".join(problems)
