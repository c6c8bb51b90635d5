"""Content checks every lesson must pass: banner, key points, exercises, glossary links,
alt text, colour-blind-safe colours, labelled controls, reading grade, navigation."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import nbformat
import pytest

from precisionmed import check, course

LESSONS = course.lesson_paths()
IDS = [p.name for p in LESSONS]
BANNER = "Teaching material with simulated data — not medical advice."
#: Reading grade target for lesson 00's learner-facing prose (issue: grade ≤ 10).
START_GRADE_TARGET = 10.0


def _nb(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def _markdown(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _code(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def slug(heading: str) -> str:
    """GitHub-style anchor of a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_banner_title_and_keypoints(path: Path) -> None:
    nb = _nb(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# ")
    assert BANNER in first.source, "the first cell must show the not-medical-advice banner"
    tagged = [c for c in nb.cells if "keypoints" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "Key points" in tagged[0].source
    meta = course.lesson_metadata(path)
    for point in meta["keypoints"]:
        words = point.split()[:4]
        assert " ".join(words) in " ".join(tagged[0].source.split()), point


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_at_least_three_exercises_and_one_multiple_choice(path: Path) -> None:
    code = "\n".join(_code(_nb(path)))
    exercises = set(re.findall(r'check\.exercise\(\s*"([\w-]+)",\s*my_answer\s*\)', code))
    assert len(exercises) >= 3, f"only {len(exercises)} self-checked exercises"
    for key in exercises:
        assert key in check.exercises(), key
    choices = set(re.findall(r'(?:check\.choice|quiz)\(\s*"([\w-]+)"', code))
    assert choices, "no multiple-choice question"
    for key in choices:
        assert key in check.questions(), key
    solutions = [c for c in _nb(path).cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 3, "each exercise needs a worked solution cell tagged 'solution'"


def _glossary_slugs(root: Path) -> set[str]:
    text = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    return {slug(h) for h in re.findall(r"^## (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_glossary_links_resolve(path: Path, root: Path) -> None:
    slugs = _glossary_slugs(root)
    links = re.findall(r"glossary\.md#([\w-]+)", "\n".join(_markdown(_nb(path))))
    missing = sorted(set(links) - slugs)
    assert not missing, f"glossary entries missing for: {missing}"


def test_glossary_is_sorted_and_defines_each_term(root: Path) -> None:
    text = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == sorted(headings, key=str.lower), "keep the glossary alphabetical"
    for block in re.split(r"^## .+$", text, flags=re.M)[1:]:
        assert len(block.strip()) > 30, "every glossary term needs a definition"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_relative_links_exist(path: Path) -> None:
    prose = "\n".join(_markdown(_nb(path)))
    for target in re.findall(r"\]\((?!https?:|#|mailto:)([^)#\s]+)", prose):
        assert (path.parent / target).exists(), f"broken link: {target}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_every_figure_has_alt_text(path: Path) -> None:
    nb = _nb(path)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            data = out.get("data", {})
            # JupyterLab ignores output metadata: the page only gets alt text from an <img alt>.
            assert "image/png" not in data, (
                f"cell {index}: a bare PNG output reaches the page without alt text; "
                "show figures with plots.show")
            page = data.get("text/html", "")
            for img in re.findall(r"<img [^>]*>", page):
                match = re.search(r'alt="([^"]*)"', img)
                assert match and len(match.group(1)) > 20, (
                    f"cell {index}: figure without a description (alt text)")
        assert "matplotlib.pyplot" not in cell.source and "plt.show" not in cell.source, (
            f"cell {index}: draw with precisionmed.plots.new_figure and show with plots.show"
        )


COLOUR_PATTERN = re.compile(
    r"""(color|c|cmap|facecolor|edgecolor)\s*=\s*["'](red|green|lime|jet|rainbow|hsv|"""
    r"""RdYlGn|Spectral)["']""")


def test_plots_use_the_colour_blind_safe_palette(root: Path) -> None:
    sources = list((root / "helpers" / "precisionmed").rglob("*.py"))
    offenders = []
    for source in sources:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if COLOUR_PATTERN.search(line):
                offenders.append(f"{source.relative_to(root)}:{number}: {line.strip()}")
    for path in LESSONS:
        for cell_source in _code(_nb(path)):
            if COLOUR_PATTERN.search(cell_source):
                offenders.append(f"{path.name}: {cell_source[:80]}")
    assert not offenders, "use precisionmed.plots palettes (Okabe–Ito, cividis):\n" + \
        "\n".join(offenders)


def _walk(widget: w.Widget) -> list[w.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()) or ():
        found.extend(_walk(child))
    return found


def _builders() -> list[tuple[str, object]]:
    from precisionmed.widgets import benchmark_cases

    return [(label, builder) for _, label, builder, _, _ in benchmark_cases()]


def test_every_widget_control_has_a_readable_label() -> None:
    builders = _builders()
    assert builders
    for label, builder in builders:
        box = builder()
        controls = [x for x in _walk(box) if isinstance(x, w.ValueWidget)
                    and not isinstance(x, (w.HTML, w.HTMLMath, w.Label, w.Image))]
        assert controls, label
        for control in controls:
            text = (control.description or "").strip()
            assert len(text) >= 3, f"{label}: a {type(control).__name__} has no label"


def learner_prose(nb: nbformat.NotebookNode, intro_only: bool = False) -> str:
    """Learner-facing sentences of a lesson: Markdown without code, tables, links, markup."""
    cells = [c for c in nb.cells if c.cell_type == "markdown"
             and not {"keypoints", "navigation"} & set(c.metadata.get("tags", []))]
    if intro_only:
        cells = cells[1:3]  # the first section after the title cell
    text = []
    for cell in cells:
        src = re.sub(r"```.*?```", " ", cell.source, flags=re.S)
        lines = [ln for ln in src.splitlines()
                 if not ln.strip().startswith(("|", "#", ">", "---"))]
        src = "\n".join(lines)
        src = re.sub(r"`[^`]*`", "", src)
        src = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", src)
        src = re.sub(r"[*_]", "", src)
        src = re.sub(r"^\s*[-•]\s*", "", src, flags=re.M)
        text.append(src)
    return "\n".join(text)


def test_reading_grade_report_and_start_here_target(capsys: pytest.CaptureFixture[str]) -> None:
    textstat = pytest.importorskip("textstat")
    rows = []
    for path in LESSONS:
        nb = _nb(path)
        whole = textstat.flesch_kincaid_grade(learner_prose(nb))
        intro = textstat.flesch_kincaid_grade(learner_prose(nb, intro_only=True))
        rows.append((path.name, whole, intro))
    with capsys.disabled():
        print("\nReading grade (Flesch–Kincaid, learner-facing prose):")
        for name, whole, intro in rows:
            print(f"  {name:48} whole lesson {whole:5.1f}   introduction {intro:5.1f}")
    start = rows[0]
    assert start[0] == "00-start-here.ipynb"
    assert start[1] <= START_GRADE_TARGET, f"lesson 00 reads at grade {start[1]:.1f}"


def test_navigation_links_are_generated_and_current() -> None:
    stale = course.update_navigation(check_only=True)
    assert not stale, f"run python -m precisionmed.course map (stale: {[p.name for p in stale]})"


def test_instructor_guide_schedule_is_current() -> None:
    assert course.update_instructor_guide(check_only=True), \
        "run python -m precisionmed.course map to regenerate the schedules"


def test_schedule_respects_day_length() -> None:
    for minutes in (210, 420):
        rows = course.schedule(minutes)
        for day in {r["day"] for r in rows}:
            items = [r for r in rows if r["day"] == day and r["item"] not in ("Break", "Lunch")]
            total = sum(r["minutes"] for r in items)
            assert total <= minutes or len(items) == 1
    assert any(r["item"] == "Lunch" for r in course.schedule(420))
    assert not any(r["item"] == "Lunch" for r in course.schedule(210))
    with pytest.raises(ValueError, match="at least 60"):
        course.schedule(30)
