"""Shared test set-up.

matplotlib is switched to Agg *inside this process only* (``matplotlib.use``), never through
the ``MPLBACKEND`` environment variable: nbval's kernels inherit the environment, and a kernel
with ``MPLBACKEND=Agg`` draws no inline figures, so stored outputs would stop matching.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.pop("MPLBACKEND", None)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT
