"""Every lesson carries an instructor note that the instructor build keeps and the others drop."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from precisionmed import course

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")


def _notes(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if "instructor" in c.metadata.get("tags", [])]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_each_lesson_has_an_instructor_note_pointing_at_its_guide_section(lesson: Path) -> None:
    nb = nbformat.read(str(lesson), as_version=4)
    notes = _notes(nb)
    assert notes, f"{lesson.name} has no cell tagged 'instructor'"
    note = notes[0]
    assert "Demo live" in note and "../docs/instructor-guide.md" in note
    number = lesson.name[:2]
    assert f"### {number} · " in GUIDE, f"the instructor guide has no section for {number}"
    assert f"*{number} · " in note, "the note names its section of the guide"
    for target in ("learner", "classroom"):
        assert not _notes(course.build_notebook(nb, target))
    assert _notes(course.build_notebook(nb, "instructor")) == notes
