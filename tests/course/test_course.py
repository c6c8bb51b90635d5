"""Course-level checks: the README's course map is generated and current; Binder links."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from precisionmed import course


def test_course_map_in_readme_is_current() -> None:
    assert course.update_readme(check_only=True), (
        "README course map is stale: run python -m precisionmed.course map"
    )


def test_course_map_lists_every_lesson_with_binder_link() -> None:
    table = course.course_map()
    for path in course.lesson_paths():
        assert f"](notebooks/{path.name})" in table
        assert course.binder_url(f"notebooks/{path.name}") in table


def test_readme_binder_badge_opens_start_here(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\[!\[[^\]]+\]\(https://mybinder\.org/badge_logo\.svg\)\]\(([^)]+)\)",
                      readme)
    assert badge, "Binder badge missing"
    assert badge.group(1) == course.binder_url("notebooks/00-start-here.ipynb")
    assert re.match(r"^https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/[\w.-]+\?urlpath=lab/tree/"
                    r"build/learner/notebooks/00-start-here\.ipynb$", badge.group(1)), (
        "the badge must open the learner copy (solutions folded away), not the source")


def test_binder_url_refuses_non_notebooks() -> None:
    with pytest.raises(ValueError, match="ipynb"):
        course.binder_url("README.md")


def test_readme_test_command_is_what_ci_runs(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert "`python3 run.py test`" in readme
    assert re.search(r"^python3 run\.py test$", ci, flags=re.M)
    sys.path.insert(0, str(root))
    import run

    assert " ".join(run.TEST_ARGS[1:]) in readme.replace("\n", " ")


def test_benchmark_runs_and_writes_json(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "run.py"), "--lessons", "00", "--repeat", "1",
         "--widgets", "start", "--skip-datasets", "--out", str(out)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    import json

    report = json.loads(out.read_text())
    lesson = report["lessons"][0]
    assert lesson["lesson"] == "00-start-here.ipynb" and lesson["seconds_median"] > 0
    assert lesson["kernel_peak_mb"] > 50
    assert all(w["changes"] >= 30 for w in report["widgets"])
    assert "dataset_build_seconds" not in report  # skipped here; the build has its own test
    assert "p95 ms" in result.stdout
