"""Every lesson is stored clean: executed in order, no errors, no widget state, small."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from precisionmed.course import lesson_metadata, lesson_paths

LESSONS = lesson_paths()
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_lessons_exist_and_start_here_is_first() -> None:
    assert LESSONS and LESSONS[0].name == "00-start-here.ipynb"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_executed_in_order_without_errors(path: Path) -> None:
    nb = nbformat.read(str(path), as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert None not in counts, "some code cells were never run: execute the lesson and save"
    assert counts == list(range(1, len(counts) + 1)), "cells were run out of order"
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors:
            assert "raises-exception" in tags, f"stored error: {errors[0].get('ename')}"
        streams = [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
        assert not streams, f"stored warning/stderr output: {streams[0].text[:200]}"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_no_volatile_metadata_and_small(path: Path) -> None:
    nb = nbformat.read(str(path), as_version=4)
    assert "widgets" not in nb.metadata, "strip widget state (python -m precisionmed.course)"
    assert path.stat().st_size < 1_500_000, "lesson file too large: embedded images?"
    nbformat.validate(nb)


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_only_widget_cells_skip_output_comparison(path: Path) -> None:
    nb = nbformat.read(str(path), as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = set(cell.metadata.get("tags", []))
        shows_widget = any(WIDGET_MIME in o.get("data", {}) for o in cell.outputs)
        ignored = bool(tags & {"nbval-ignore-output", "nbval-skip"})
        assert shows_widget == ignored, (
            f"cell {index}: only cells that display widgets may skip output comparison"
        )
        assert "nbval-skip" not in tags, f"cell {index}: do not skip cells; they must run"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_metadata_is_valid(path: Path) -> None:
    meta = lesson_metadata(path)
    assert meta["teaching"] + meta["exercises"] > 0


def test_bad_metadata_is_reported(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["workbook"] = {"title": "x", "level": "Expert"}
    target = tmp_path / "99-bad.ipynb"
    nbformat.write(nb, str(target))
    with pytest.raises(ValueError, match="missing 'teaching'.*'level' must be one of"):
        lesson_metadata(target)
