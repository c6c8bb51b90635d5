"""Code style: ruff is configured in pyproject.toml and clean on code and notebooks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def test_ruff_is_clean(root: Path) -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([ruff, "check", "--no-cache", "."], cwd=root, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
