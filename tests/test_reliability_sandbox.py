"""Lessons need no network and never write into datasets/."""

from __future__ import annotations

from pathlib import Path

import pytest
from kernelrun import BLOCK_NETWORK, CHECK_GUARDS, READ_ONLY_DATASETS, new_client, run_all, run_code

from precisionmed.course import lesson_paths
from precisionmed.datasets import verify

LESSONS = lesson_paths()


def test_guards_really_block() -> None:
    client, _ = new_client(LESSONS[0])
    with client.setup_kernel():
        run_code(client, BLOCK_NETWORK + READ_ONLY_DATASETS)
        out = run_code(client, "import socket\n"
                       "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
                       "except OSError as e:\n    print('blocked' if 'blocked' in str(e) else e)\n"
                       "try:\n    open(_ro_root + '/x.txt', 'w')\n"
                       "except PermissionError:\n    print('read-only')\n")
        assert out.split() == ["blocked", "read-only"]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_runs_offline_with_read_only_datasets(lesson: Path) -> None:
    client, nb = new_client(lesson)
    with client.setup_kernel():
        run_code(client, BLOCK_NETWORK + READ_ONLY_DATASETS)
        errors = run_all(client, nb)
        assert not errors, errors
        attempts = run_code(client, CHECK_GUARDS).split()
    assert attempts == ["0", "0"], "the lesson tried the network or wrote into datasets/"
    assert verify() == []
