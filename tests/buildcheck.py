"""Shared check for the learner/classroom builds (imported by two test files so that
pytest-xdist's --dist loadfile can run them on two workers)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from precisionmed.check import NOT_ANSWERED
from precisionmed.course import build_notebook

PLACEHOLDER = re.compile(r"^\s*my_(answer|choice)\s*=\s*\.\.\.", flags=re.M)


def run_build(lesson: Path, target: str, tmp_path: Path) -> nbformat.NotebookNode:
    """Build ``lesson`` for ``target``, execute it in a fresh kernel and check it."""
    nb = build_notebook(nbformat.read(str(lesson), as_version=4), target)
    path = tmp_path / lesson.name
    nbformat.write(nb, str(path))
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(lesson.parent)}})
    client.execute()
    placeholders = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors or "raises-exception" in cell.metadata.get("tags", []), errors
        if PLACEHOLDER.search(cell.source):
            placeholders += 1
            text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            assert NOT_ANSWERED in text, (
                f"placeholder cell did not say 'not answered':\n{cell.source}"
            )
    assert placeholders >= 3, f"{lesson.name}: fewer than 3 exercise placeholders"
    return nb
