"""Shared check for the learner/classroom builds (imported by two test files so that
pytest-xdist's --dist loadfile can run them on two workers).

The builds are not executed here. Their code cells are the source's code cells without the
solutions, the same in both builds (checked below), and the browser test runs the learner copy
top to bottom in JupyterLab, where it checks that nothing fails, every exercise placeholder says
"not answered" and no solution hands an answer back. So one execution covers both builds.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from precisionmed.course import build_notebook

PLACEHOLDER = re.compile(r"^\s*my_(answer|choice)\s*=\s*\.\.\.", flags=re.M)


def code_cells(nb: nbformat.NotebookNode) -> list[str]:
    """The sources of ``nb``'s code cells, in order."""
    return [c.source for c in nb.cells if c.cell_type == "code"]


def check_build(lesson: Path, target: str, tmp_path: Path) -> nbformat.NotebookNode:
    """Build ``lesson`` for ``target``, write it into ``tmp_path`` and check its shape.

    Every code cell of the build is a code cell of the source that is not a solution (in
    order), its outputs are cleared, and at least three exercise placeholders are left.
    """
    source = nbformat.read(str(lesson), as_version=4)
    nb = build_notebook(source, target)
    nbformat.write(nb, str(tmp_path / lesson.name))
    expected = [c.source for c in source.cells if c.cell_type == "code"
                and "solution" not in c.metadata.get("tags", [])]
    assert code_cells(nb) == expected, f"{lesson.name}: the {target} build's code cells are " \
        "not the source's code cells without the solutions"
    assert not [c for c in nb.cells if c.get("outputs")], "a built cell kept its outputs"
    placeholders = sum(bool(PLACEHOLDER.search(s)) for s in code_cells(nb))
    assert placeholders >= 3, f"{lesson.name}: fewer than 3 exercise placeholders"
    return nb
