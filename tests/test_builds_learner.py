"""The learner build of every lesson: solutions folded away, runs cleanly."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from buildcheck import run_build

from precisionmed import course

LESSONS = course.lesson_paths()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_learner_build_runs_with_folded_solutions(lesson: Path, tmp_path: Path) -> None:
    source = nbformat.read(str(lesson), as_version=4)
    n_solutions = sum("solution" in c.metadata.get("tags", []) for c in source.cells)
    nb = run_build(lesson, "learner", tmp_path)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == n_solutions >= 3
    for cell in solutions:
        assert cell.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}


def test_instructor_build_is_the_source(tmp_path: Path) -> None:
    written = course.build("instructor", tmp_path, progress=False)
    assert [p.name for p in written] == [p.name for p in LESSONS]
    source = nbformat.read(str(LESSONS[0]), as_version=4)
    built = nbformat.read(str(written[0]), as_version=4)
    assert built.cells == source.cells


def test_unknown_build_target_is_refused() -> None:
    with pytest.raises(ValueError, match="learner, classroom, instructor"):
        course.build_notebook(nbformat.v4.new_notebook(), "student")
