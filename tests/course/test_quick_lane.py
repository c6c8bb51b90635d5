"""The fast lane's list of slow tests names tests that exist (a typo would let one slip in)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from conftest import SLOW_TESTS  # noqa: E402


@pytest.mark.parametrize("entry", SLOW_TESTS)
def test_every_slow_entry_names_a_real_test(entry: str) -> None:
    file, _, function = entry.partition("::")
    path = TESTS / file
    assert path.is_file(), f"{entry}: no such test file"
    if function:
        assert re.search(rf"^def {re.escape(function)}\(", path.read_text(encoding="utf-8"),
                         re.M), f"{entry}: no such test function in {file}"


def test_quick_lane_leaves_out_browser_hub_and_slow_tests() -> None:
    sys.path.insert(0, str(TESTS.parent))
    import run

    markers = " ".join(run.QUICK_MARKERS)
    for marker in ("not slow", "not browser", "not classload"):
        assert marker in markers


def test_run_py_passes_pytest_options_on_and_refuses_them_elsewhere() -> None:
    import subprocess

    import run

    whole = run.test_command(["-x"], quick=True)
    assert whole[-1] == "-x" and "tests" in whole and "notebooks" in whole
    assert " ".join(run.QUICK_MARKERS) in " ".join(whole)
    named = run.test_command(["tests/course/test_quick_lane.py::test_quick_lane_leaves_out_"
                              "browser_hub_and_slow_tests", "-q"])
    assert "tests" not in named and "notebooks" not in named and "--nbval" in named
    topic = run.test_command(["tests/pgx"], quick=True)  # one topic's folder
    assert topic[-1] == "tests/pgx" and "tests" not in topic and "notebooks" not in topic
    root = TESTS.parent
    listed = subprocess.run([sys.executable, "run.py", "test", "--quick", "--numprocesses=0",
                             "--co", "-q", "tests/course/test_quick_lane.py"], cwd=root,
                            capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0, listed.stdout[-2000:] + listed.stderr[-2000:]
    assert "test_run_py_passes_pytest_options_on" in listed.stdout
    assert "notebooks/" not in listed.stdout
    refused = subprocess.run([sys.executable, "run.py", "launch", "--durations=5"], cwd=root,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "unrecognized arguments: --durations=5" in refused.stderr
