"""The classroom build of every lesson: no solutions, runs cleanly, exercises unanswered."""

from __future__ import annotations

from pathlib import Path

import pytest
from buildcheck import run_build

from precisionmed.course import lesson_paths

LESSONS = lesson_paths()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_classroom_build_runs_without_solutions(lesson: Path, tmp_path: Path) -> None:
    nb = run_build(lesson, "classroom", tmp_path)
    assert not [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
