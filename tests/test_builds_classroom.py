"""The classroom build of every lesson: no solutions, runs cleanly, exercises unanswered."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from buildcheck import run_build

from precisionmed.course import lesson_paths

LESSONS = lesson_paths()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_classroom_build_runs_without_solutions(lesson: Path, tmp_path: Path) -> None:
    source = nbformat.read(str(lesson), as_version=4)
    answers = [c.source for c in source.cells if "solution" in c.metadata.get("tags", [])]
    assert len(answers) >= 3
    nb = run_build(lesson, "classroom", tmp_path)  # fresh kernel, top to bottom, no error
    assert not [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    sources = "\n".join(c.source for c in nb.cells)
    for answer in answers:  # not even the code of a solution, folded or not
        assert answer.strip() not in sources
    assert "Correct!" not in json.dumps([c.get("outputs", []) for c in nb.cells])
    assert len(nb.cells) == len(source.cells) - len(answers) - sum(
        "instructor" in c.metadata.get("tags", []) for c in source.cells)
