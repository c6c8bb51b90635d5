"""The classroom build of every lesson: no solutions, exercises unanswered, the same code as the
learner copy (which the browser test runs top to bottom)."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from buildcheck import check_build, code_cells

from precisionmed.course import lesson_paths

LESSONS = lesson_paths()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_classroom_build_has_no_solutions(lesson: Path, tmp_path: Path) -> None:
    source = nbformat.read(str(lesson), as_version=4)
    answers = [c.source for c in source.cells if "solution" in c.metadata.get("tags", [])]
    assert len(answers) >= 3
    nb = check_build(lesson, "classroom", tmp_path)
    assert not [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    sources = "\n".join(c.source for c in nb.cells)
    for answer in answers:  # not even the code of a solution, folded or not
        assert answer.strip() not in sources
    assert len(nb.cells) == len(source.cells) - len(answers) - sum(
        "instructor" in c.metadata.get("tags", []) for c in source.cells)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_classroom_build_runs_the_learner_copys_code(lesson: Path) -> None:
    """Running the learner copy (the browser test does) runs exactly the classroom's code."""
    from precisionmed.course import build_notebook

    source = nbformat.read(str(lesson), as_version=4)
    classroom = build_notebook(copy.deepcopy(source), "classroom")
    learner = build_notebook(copy.deepcopy(source), "learner")
    assert code_cells(classroom) == code_cells(learner)
    assert len(code_cells(classroom)) >= 5
