"""Every exercise in the lessons has an answer box right under it, and the examples the
lessons' exercise text gives are never the answer or a known misconception."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from precisionmed import check

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("0[0-5]-*.ipynb"))
EXERCISE = re.compile(r'check\.exercise\("([^"]+)",\s*my_answer\)')
EXAMPLE = re.compile(r"(?:such as|e\.g\.,?|for example,?|in the form of)\s+`([^`]+)`")


@pytest.mark.parametrize("path", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_every_exercise_has_an_answer_box_under_it(path: Path) -> None:
    cells = nbformat.read(str(path), as_version=4).cells
    keys = []
    for i, cell in enumerate(cells):
        match = EXERCISE.search(cell.source) if cell.cell_type == "code" else None
        if not match:
            continue
        keys.append(match.group(1))
        box = cells[i + 1]
        assert box.cell_type == "code" and box.source.strip() == f'answer_box("{match.group(1)}")'
        assert "nbval-ignore-output" in box.metadata.get("tags", [])
        assert "my_answer = ..." in cell.source  # the coders' form stays
    assert keys, path.name
    setup = next(c.source for c in cells if c.cell_type == "code" and "# Setup" in c.source)
    assert "from precisionmed.widgets.answers import answer_box" in setup


@pytest.mark.parametrize("path", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_exercise_text_examples_are_not_answers(path: Path) -> None:
    cells = nbformat.read(str(path), as_version=4).cells
    text = ""
    for cell in cells:
        if cell.cell_type == "markdown":
            text = cell.source
            continue
        match = EXERCISE.search(cell.source)
        if not match:
            continue
        key = match.group(1)
        for example in EXAMPLE.findall(text):
            fb = check.feedback(key, example)
            assert not fb.correct and fb.status != "almost", (path.name, key, example)
            assert not fb.reason.startswith("misconception:"), (path.name, key, example)


def test_the_lessons_give_examples() -> None:
    found = sum(len(EXAMPLE.findall(c.source)) for p in LESSONS
                for c in nbformat.read(str(p), as_version=4).cells if c.cell_type == "markdown")
    assert found >= 10
