"""Lessons survive what learners do: Restart & Run All twice, and re-running widget cells
after moving their controls."""

from __future__ import annotations

from pathlib import Path

import pytest
from jupyter_core.utils import run_sync
from kernelrun import MOVE_CONTROLS, new_client, run_all, run_code

from precisionmed.course import lesson_paths

LESSONS = lesson_paths()


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_restart_and_run_all_twice_then_rerun_widget_cells(lesson: Path) -> None:
    client, nb = new_client(lesson)
    with client.setup_kernel():
        for attempt in (1, 2):
            if attempt == 2:
                run_sync(client.km.restart_kernel)()
                run_sync(client.kc.wait_for_ready)(timeout=60)
                assert run_code(client, "print('x' in dir())").strip() == "False", \
                    "the kernel did not restart"
            errors = run_all(client, nb)
            assert not errors, f"Restart & Run All #{attempt}: {errors}"
        moved = run_code(client, MOVE_CONTROLS)
        assert int(moved.split()[-1]) >= 1, f"no widget control was moved: {moved[-500:]}"
        widget_cells = [(i, c) for i, c in enumerate(nb.cells)
                        if "nbval-ignore-output" in c.metadata.get("tags", [])]
        assert widget_cells
        for index, cell in widget_cells:
            client.execute_cell(cell, index)
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, f"re-running widget cell {index}: {errors[0].evalue}"
        # Running everything once more without a restart (as learners often do) also works.
        assert not run_all(client, nb)
