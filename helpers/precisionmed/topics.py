"""Where each topic's parts are: the one registry of the course's topic sub-packages.

A *topic* is a sub-package of :mod:`precisionmed` that owns one subject of the course
(``pgx``, ``oncology``, ``trials``, ...): its science modules, and by file name

- ``simulate.py`` — a dataset builder (``ORDER`` and ``build(out_dir) -> list[Path]``), run by
  ``python -m precisionmed.datasets build``;
- ``panels.py`` — the lesson's interactive panels (and ``BENCHMARK_CASES`` for the benchmark);
- ``exercises.py`` — the lesson's ``EXERCISES`` and ``QUESTIONS`` for :mod:`precisionmed.check`.

A topic taught in two lessons keeps the second lesson's parts beside the first, with the
lesson's short name as a suffix (``pgx/panels_warfarin.py``, ``pgx/exercises_warfarin.py``).
Topics are found by file, so nothing is imported until it is asked for, and a new topic is
registered by creating its folder.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

#: The parts a topic can have, by file-name stem.
PARTS = ("simulate", "panels", "exercises")
#: Sub-packages of the core that are not topics.
CORE_PACKAGES = frozenset({"widgets"})


def _root() -> Path:
    import precisionmed

    return Path(precisionmed.__path__[0])


def topic_names() -> list[str]:
    """Every topic sub-package, in alphabetical order.

    >>> "pgx" in topic_names() and "widgets" not in topic_names()
    True
    """
    root = _root()
    return sorted(
        info.name for info in pkgutil.iter_modules([str(root)])
        if info.ispkg and info.name not in CORE_PACKAGES and not info.name.startswith("_")
        and any(root.joinpath(info.name).glob(f"{part}*.py") for part in PARTS)
    )


def part_names(part: str) -> list[str]:
    """Dotted names of every topic module that is ``part`` (see :data:`PARTS`), sorted.

    ``part_names("exercises")`` lists ``precisionmed.pgx.exercises`` and
    ``precisionmed.pgx.exercises_warfarin``, among others.
    """
    if part not in PARTS:
        raise ValueError(f"Unknown topic part {part!r}; the parts are {', '.join(PARTS)}.")
    root = _root()
    names = []
    for topic in topic_names():
        for path in sorted(root.joinpath(topic).glob(f"{part}*.py")):
            if path.stem == part or path.stem.startswith(f"{part}_"):
                names.append(f"precisionmed.{topic}.{path.stem}")
    return names


def literal_keys(module_name: str, names: tuple[str, ...]) -> list[str] | None:
    """The string keys of the dict literals assigned to ``names`` in a topic module's source.

    Read with :mod:`ast`, so nothing is imported. Returns None when one of those dicts has a
    key that is not a literal string (the caller must then import the module to know).
    """
    if not isinstance(module_name, str):
        raise TypeError(f"module_name must be a dotted name such as "
                        f"'precisionmed.pgx.exercises', got {type(module_name).__name__}.")
    if (not isinstance(names, (tuple, list)) or not names
            or not all(isinstance(n, str) for n in names)):
        raise TypeError(f"names must be a tuple of variable names such as ('EXERCISES',), "
                        f"got {names!r:.60}.")
    parts = module_name.split(".")
    path = _root() / parts[1] / f"{parts[2]}.py" if len(parts) == 3 else None
    if parts[0] != "precisionmed" or path is None or not path.is_file():
        raise ValueError(f"Expected a topic module such as 'precisionmed.pgx.exercises', "
                         f"got {module_name!r:.60}.")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys: list[str] = []
    for node in tree.body:
        target = (node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1
                  else node.target if isinstance(node, ast.AnnAssign) else None)
        if not (isinstance(target, ast.Name) and target.id in names):
            continue
        if not isinstance(node.value, ast.Dict):
            return None
        for key in node.value.keys:
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            keys.append(key.value)
    return keys


def part_modules(part: str) -> list[ModuleType]:
    """Import and return every topic module that is ``part``, in :func:`part_names` order."""
    return [importlib.import_module(name) for name in part_names(part)]


__all__ = ["CORE_PACKAGES", "PARTS", "literal_keys", "part_modules", "part_names",
           "topic_names"]
