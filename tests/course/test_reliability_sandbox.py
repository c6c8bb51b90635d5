"""Lessons need no network and never write into datasets/.

The lessons are not run here: nbval runs each one in the sandboxed kernel
(``kernelrun.SANDBOX_KERNEL``, installed by ``conftest.py``), so a lesson that reached for the
network or wrote into datasets/ fails nbval. These tests check that the sandbox is real.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kernelrun import SANDBOX_KERNEL, install_sandbox_kernel, new_client, run_code

from precisionmed.course import lesson_paths

LESSONS = lesson_paths()
ATTEMPTS = ("import socket\n"
            "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except OSError as e:\n    print('blocked' if 'blocked' in str(e) else e)\n"
            "try:\n    open(_ro_root + '/x.txt', 'w')\n"
            "except PermissionError:\n    print('read-only')\n"
            "print(len(_blocked_connections), len(_write_attempts))\n")


def test_the_sandboxed_kernel_really_blocks(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A kernel started from the sandbox spec refuses the network and writes into datasets/
    before any cell has set anything up."""
    monkeypatch.setenv("JUPYTER_PATH", install_sandbox_kernel(tmp_path))
    client, _ = new_client(LESSONS[0], kernel_name=SANDBOX_KERNEL)
    with client.setup_kernel():
        out = run_code(client, ATTEMPTS)
    assert out.split() == ["blocked", "read-only", "1", "1"]


def test_a_plain_kernel_is_not_sandboxed() -> None:
    """The guards come from the sandbox spec, not from something every kernel does (so the
    test above could fail)."""
    client, _ = new_client(LESSONS[0])
    with client.setup_kernel():
        out = run_code(client, "print('_ro_root' in dir())")
    assert out.split() == ["False"]


def test_nbval_runs_the_lessons_in_the_sandboxed_kernel(pytestconfig: pytest.Config) -> None:
    if not pytestconfig.getoption("nbval", default=False):
        pytest.skip("nbval is not active in this run (the README's test command turns it on)")
    assert pytestconfig.option.nbval_kernel_name == SANDBOX_KERNEL


def test_sandbox_spec_runs_this_python(tmp_path: Path) -> None:
    import sys

    install_sandbox_kernel(tmp_path)
    spec = json.loads((tmp_path / "kernels" / SANDBOX_KERNEL / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable
    startup = tmp_path / "ipython" / "profile_default" / "startup" / "00-sandbox.py"
    assert "_no_network" in startup.read_text() and "_read_only" in startup.read_text()
