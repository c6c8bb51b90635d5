"""App mode (Voilà): the lessons as web pages with no code in view, for people who never code.

The build (``python -m precisionmed.course build --to app``) is checked without a browser:
no solution, no coder's route, no words about cells or Shift + Enter, an answer box for every
exercise, glossary links that open the glossary page. The browser test serves the app with
the same Voilà command as ``python3 run.py app`` and looks at it in headless Chromium at
800 px and on a 1024 × 768 kiosk screen: no code visible, no error view, no console error,
every figure drawn, every control of every panel moved (a panel with a figure must change its
pixels), nothing cut off, axe-core with no serious or critical violation; it measures the app's
load time and a panel's round trip (median and worst of 10 moves).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from precisionmed import app, course

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots" / "app"
#: (width, height) of the windows the app is looked at in: a projector zoomed to 150 % and a
#: library kiosk's 1024 × 768 screen.
WINDOWS = ((800, 900), (1024, 768))
ROUND_TRIPS = 10


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("app")
    app.build_app(out, progress=False)
    return out


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("lesson", app.APP_LESSONS)
def test_app_copy_hides_solutions_and_the_coders_route(built: Path, lesson: str) -> None:
    cells = _cells(built / "notebooks" / f"{lesson}.ipynb")
    for cell in cells:
        tags = cell["metadata"].get("tags", [])
        source = "".join(cell["source"])
        assert "solution" not in tags and "instructor" not in tags, source[:80]
        assert "my_answer" not in source and "my_choice" not in source, source[:80]
        assert "check.exercise(" not in source and "check.show_question(" not in source
        assert not cell.get("outputs"), "outputs are cleared: Voila runs the page afresh"


@pytest.mark.parametrize("lesson", app.APP_LESSONS)
def test_app_copy_words_are_for_people_who_never_code(built: Path, lesson: str) -> None:
    problems = []
    for cell in _cells(built / "notebooks" / f"{lesson}.ipynb"):
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            problems += [f"{w!r} in: {text[:70]!r}" for w in app.code_words(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lesson", app.APP_LESSONS)
def test_every_exercise_of_the_source_has_its_answer_box_in_the_app(built: Path,
                                                                     lesson: str) -> None:
    source = nbformat.read(str(ROOT / "notebooks" / f"{lesson}.ipynb"), as_version=4)
    keys = set()
    for cell in source.cells:
        keys |= set(re.findall(r"""check\.exercise\(\s*['"]([^'"]+)['"]""", cell.source))
    questions = set()
    for cell in source.cells:
        questions |= set(re.findall(r"""(?:show_question|quiz)\(\s*['"]([^'"]+)['"]""",
                                    cell.source))
    code = "\n".join("".join(c["source"]) for c in _cells(built / "notebooks" / f"{lesson}.ipynb")
                     if c["cell_type"] == "code")
    assert keys, "the lesson has self-checked exercises"
    for key in keys:
        assert f'answer_box("{key}")' in code, f"exercise {key} has no answer box in the app"
    for key in questions:
        assert f'quiz("{key}")' in code, f"question {key} is not clickable in the app"


def test_app_markdown_rewrites_instructions_and_glossary_links() -> None:
    assert app.app_markdown("Replace `...` with a number, such as `25`, then run the cell.") \
        == "Type a number, such as `25`, in the answer box below, then press **Check my answer**."
    assert app.app_markdown("see [gene](../docs/glossary.md#gene)") == \
        "see [gene](glossary.ipynb#gene)"
    assert app.app_markdown("## 1. How to use this notebook\n\nShift + Enter").startswith(
        "## 1. How to use this page")
    assert app.code_words("press Shift + Enter") == ["Shift + Enter"]
    assert app.code_words("then run the cell below") == ["cell below", "run the"]
    assert app.code_words("almost every cell in the body") == [], "a body's cell is biology"
    with pytest.raises(TypeError, match="string"):
        app.app_markdown(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", app.LESSON_REWRITES, ids=lambda r: f"{r[0][:2]}:{r[1][:30]}")
def test_every_lesson_rewrite_still_finds_its_sentence(built: Path,
                                                       rule: tuple[str, str, str]) -> None:
    """A lesson edit must not silently leave a code-route sentence on an app page."""
    lesson, sentence, replacement = rule
    assert lesson in app.APP_LESSONS
    source = nbformat.read(str(ROOT / "notebooks" / f"{lesson}.ipynb"), as_version=4)
    flat = " ".join(" ".join(c.source.split()) for c in source.cells if c.cell_type == "markdown")
    assert sentence in flat, f"{lesson} no longer says: {sentence!r}"
    page = " ".join(" ".join("".join(c["source"]).split())
                    for c in _cells(built / "notebooks" / f"{lesson}.ipynb")
                    if c["cell_type"] == "markdown")
    assert replacement in page and sentence not in page.replace(replacement, "")


@pytest.mark.parametrize("rule", app.APP_CELL_SOURCES, ids=lambda r: f"{r[0][:2]}:{r[1][:20]}")
def test_every_app_cell_source_replaces_a_cell_of_its_lesson(built: Path,
                                                             rule: tuple[str, str, str]) -> None:
    lesson, start, text = rule
    source = nbformat.read(str(ROOT / "notebooks" / f"{lesson}.ipynb"), as_version=4)
    assert sum(c.source.lstrip().startswith(start) for c in source.cells) == 1, start
    code = ["".join(c["source"]) for c in _cells(built / "notebooks" / f"{lesson}.ipynb")
            if c["cell_type"] == "code"]
    assert text in code


def test_lesson_rewrites_apply_only_to_their_lesson() -> None:
    lesson, sentence, replacement = app.LESSON_REWRITES[0]
    assert app.app_markdown(sentence, lesson) == replacement
    assert app.app_markdown(sentence.replace(". ", ".\n", 1), lesson) == replacement
    assert app.app_markdown(sentence, "00-start-here") == sentence
    with pytest.raises(TypeError, match="lesson"):
        app.app_markdown(sentence, 9)  # type: ignore[arg-type]


def test_app_build_has_a_glossary_page_a_footer_and_the_template(built: Path) -> None:
    glossary = _cells(built / "notebooks" / app.APP_GLOSSARY)
    assert len(glossary) == 1 and '<a id="gene"></a>' in "".join(glossary[0]["source"])
    for lesson in app.APP_LESSONS:
        last = "".join(_cells(built / "notebooks" / f"{lesson}.ipynb")[-1]["source"])
        assert "not medical advice" in last and app.APP_GLOSSARY in last
    index = built / "share" / "voila" / "templates" / app.TEMPLATE_NAME / "index.html.j2"
    assert "cdn.jsdelivr.net" in index.read_text(encoding="utf-8"), "it removes the CDN links"
    assert sorted(p.name for p in (built / "notebooks").glob("*.ipynb")) == sorted(
        [f"{n}.ipynb" for n in app.APP_LESSONS] + [app.APP_GLOSSARY])


def test_build_app_refuses_a_missing_lesson(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    with pytest.raises(ValueError, match="has no notebook"):
        app.build_app(tmp_path / "out", root=tmp_path, progress=False)
    with pytest.raises(ValueError, match="has no app"):
        app.app_url("99-nothing")


def test_course_cli_builds_the_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert course.main(["build", "--to", "app", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "notebooks" / f"{app.APP_LESSONS[0]}.ipynb").is_file()


def test_run_py_serves_the_app_on_localhost_with_a_token_and_code_hidden() -> None:
    command = run.voila_command(Path("py"), 8899, "secret", open_browser=False)
    assert command[:4] == ["py", "-m", "voila", str(run.ROOT / run.APP_COPY / "notebooks")]
    assert "--Voila.ip=127.0.0.1" in command and "--Voila.token=secret" in command
    assert "--VoilaConfiguration.strip_sources=True" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    assert f"--template={app.TEMPLATE_NAME}" in command and "--no-browser" in command
    assert run.APP_COPY == app.APP_COPY and run.APP_START == f"{app.APP_LESSONS[0]}.ipynb"


def test_course_map_marks_the_lessons_with_an_app() -> None:
    rows = [r for r in course.course_map().splitlines() if re.match(r"^\| \d\d ", r)]
    for row in rows:
        number = row[2:4]
        has_app = any(name.startswith(number) for name in app.APP_LESSONS)
        assert ("[app](docs/app-mode.md)" in row) == has_app, row[:60]
    assert (ROOT / "docs" / "app-mode.md").is_file()


def test_binder_builds_the_app_and_its_link_opens_it(root: Path) -> None:
    post = (root / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "python -m precisionmed.course build --to app --out build/app" in post
    url = app.binder_app_url("00-start-here")
    assert url.endswith("?urlpath=voila/render/build/app/notebooks/00-start-here.ipynb")
    assert url in (root / "docs" / "app-mode.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------ browser
def _require_browser() -> None:
    import browserlab as bl

    bl.require_browser("voila")  # the same set-up check as the notebook browser test, + Voila


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, str]]:
    _require_browser()
    import browserlab as bl

    folder = Path(tempfile.mkdtemp(prefix="workbook-appbuild-"))
    try:
        app.build_app(folder, progress=False)
        with bl.voila(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _panels_expected(lesson: str) -> int:
    nb = nbformat.read(str(ROOT / "notebooks" / f"{lesson}.ipynb"), as_version=4)
    return sum("nbval-ignore-output" in c.metadata.get("tags", []) for c in nb.cells) + sum(
        "check.show_question(" in c.source for c in nb.cells)


def _check_page(page, lesson: str, expected: int, width: int, height: int,
                console: object, failed: list[str], first: bool = True,
                ) -> tuple[list[str], list[float], list]:
    """Everything a visitor would notice on the open app page at this window size: code or
    error views, figures, every control moved (pixels must change), layout, axe, console.

    After the ``first`` window, answer boxes and quizzes already hold the answer typed there,
    so pressing Check again rightly shows the same reply: only the panels' other controls are
    moved again.
    """
    import browserlab as bl
    from test_browser import _check_figures

    shots = SHOTS / f"{width}x{height}"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    page.screenshot(path=str(shots / f"{lesson}-top.png"))
    problems += [f"code visible: {c}" for c in bl.visible_code(page)]
    problems += [f"error view: {e[:120]}" for e in bl.app_error_views(page)]
    problems += _check_figures(bl.all_figures(page), "page")
    n_panels = bl.mark_panels(page)
    if n_panels < expected:
        problems.append(f"{n_panels} panels rendered, {expected} expected")
    round_trips: list[float] = []
    for panel in range(n_panels):
        where = f"panel {panel}"
        locator = page.locator(f"[data-test-panel='{panel}']")
        locator.scroll_into_view_if_needed()
        locator.screenshot(path=str(shots / f"{lesson}-panel{panel}-before.png"))
        figures = bl.figures(page, panel)
        controls = bl.controls(page, panel)
        if not controls:
            problems.append(f"{where}: nothing a visitor can move or press")
        has_button = any(c.kind == "button" for c in controls)
        for control in controls:
            # After the first size a Check button would repeat the same reply: not waited for.
            moved = bl.move_and_watch(page, panel, control, has_button,
                                      want_figure=bool(figures), press_buttons=first)
            if moved is None:
                continue
            action = moved.action
            if figures and not moved.figure_changed:
                problems.append(f"{where}: {action} left the figure's pixels unchanged")
            elif not moved.figure_changed and not moved.text_changed:
                problems.append(f"{where}: {action}, but nothing changed on screen")
            problems += _check_figures(moved.figures_after, f"{where} after {action}")
            if figures and not round_trips and control.kind in ("range", "slider"):
                for step in range(ROUND_TRIPS):  # the round trip: slider to new pixels
                    before = (bl.figures(page, panel), bl.panel_text(page, panel))
                    bl.move(page, panel, control, step=1 if step % 2 else -1)
                    _, _, seconds = bl.wait_for_change(page, panel, before,
                                                       want_figure=True, settle_s=0.1)
                    round_trips.append(seconds)
        locator.screenshot(path=str(shots / f"{lesson}-panel{panel}-after.png"))
    problems += [f"after moving: {e[:120]}" for e in bl.app_error_views(page)]
    problems += [f"layout: {p}" for p in dict.fromkeys(bl.layout_problems(page))]
    violations = bl.axe_page_violations(page)
    problems += [f"axe {v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]}"
                 for v in violations]
    problems += [f"console: {m[:200]}" for m in console.errors]  # type: ignore[attr-defined]
    problems += [f"console: {m[:200]}" for m in console.widget_problems()  # type: ignore
                 if m not in console.errors]  # type: ignore[attr-defined]
    problems += [f"network request left the machine: {u}" for u in failed]
    page.screenshot(path=str(shots / f"{lesson}-page.png"), full_page=True)
    return problems, round_trips, violations


@pytest.mark.browser
@pytest.mark.parametrize("lesson", app.APP_LESSONS)
def test_app_as_seen(lesson: str, served: dict[str, str],
                     capsys: pytest.CaptureFixture[str]) -> None:
    """Each app page, loaded once (Voilà runs the lesson once), checked in the narrow window
    and then on a 1024 × 768 kiosk screen (the same page, resized)."""
    import browserlab as bl

    problems: list[str] = []
    lines: list[str] = []
    first_width, first_height = WINDOWS[0]
    with bl.browser(width=first_width, height=first_height) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        console = bl.Console()
        console.attach(page)
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url[:120]))
        expected = _panels_expected(lesson)
        load = bl.open_app(page, served, f"{lesson}.ipynb", expected)
        for width, height in WINDOWS:
            if (width, height) != WINDOWS[0]:
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(500)  # the page lays itself out again
            found, round_trips, violations = _check_page(
                page, lesson, expected, width, height, console, failed,
                first=(width, height) == WINDOWS[0])
            problems += [f"{width}x{height}: {p}" for p in found]
            if not round_trips:
                problems.append(f"{width}x{height}: no panel with a slider and a figure to time")
            trips = (f"panel round trip median {statistics.median(round_trips) * 1000:.0f} ms, "
                     f"worst {max(round_trips) * 1000:.0f} ms of {len(round_trips)}"
                     if round_trips else "no slider panel")
            lines.append(f"[app {width}x{height}] {lesson}: "
                         + (f"load {load:.1f} s; " if (width, height) == WINDOWS[0] else "")
                         + f"{trips}; axe serious/critical: {len(violations)}")
        page.close()
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not problems, f"app {lesson}:\n  " + "\n  ".join(dict.fromkeys(problems))
