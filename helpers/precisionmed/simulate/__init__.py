"""Seeded simulators that write the course's simulated cohorts.

Each sub-module is one domain and defines ``ORDER`` (an int that sets the build order) and
``build(out_dir: Path) -> list[Path]``, which writes its files under ``out_dir`` using only
``numpy.random.default_rng`` with a fixed seed. ``python -m precisionmed.datasets build`` runs
them all. Sub-modules are discovered, so a new domain needs no edit here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

Builder = Callable[[Path], list[Path]]


def simulators() -> dict[str, ModuleType]:
    """Return every simulator module by short name, in build order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if callable(getattr(module, "build", None)):
            found.append((getattr(module, "ORDER", 100), info.name, module))
    return {name: module for _, name, module in sorted(found)}
