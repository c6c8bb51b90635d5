"""Where each topic's parts are: the one registry of the course's topic sub-packages.

A *topic* is a sub-package of :mod:`precisionmed` that owns one subject of the course
(``pgx``, ``oncology``, ``trials``, ...): its science modules, and by file name

- ``simulate.py`` — a dataset builder (``ORDER`` and ``build(out_dir) -> list[Path]``), run by
  ``python -m precisionmed.datasets build``;
- ``panels.py`` — the lesson's interactive panels (and ``BENCHMARK_CASES`` for the benchmark);
- ``exercises.json`` — the lesson's exercises and multiple-choice questions as data (prompts,
  answers, hints, feedback) for :mod:`precisionmed.check`, with ``exercises.py`` beside it
  when an answer is worked out from the course data (its functions, named in the JSON).

A topic taught in two lessons keeps the second lesson's parts beside the first, with the
lesson's short name as a suffix (``pgx/panels_warfarin.py``, ``pgx/exercises_warfarin.py``).
Topics are found by file, so nothing is imported until it is asked for, and a new topic is
registered by creating its folder.
"""

from __future__ import annotations

import importlib
import json
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
    def has_parts(folder: Path) -> bool:
        return (any(folder.glob(f"{part}*.py") for part in PARTS)
                or any(folder.glob("exercises*.json")))

    return sorted(
        info.name for info in pkgutil.iter_modules([str(root)])
        if info.ispkg and info.name not in CORE_PACKAGES and not info.name.startswith("_")
        and has_parts(root / info.name)
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
    suffixes = ("py", "json") if part == "exercises" else ("py",)
    for topic in topic_names():
        stems = {path.stem for suffix in suffixes
                 for path in root.joinpath(topic).glob(f"{part}*.{suffix}")}
        names += [f"precisionmed.{topic}.{stem}" for stem in sorted(stems)
                  if stem == part or stem.startswith(f"{part}_")]
    return names


def items_file(module_name: str) -> Path:
    """The data file of an exercises part: ``precisionmed.pgx.exercises`` → ``pgx/exercises.json``.

    Nothing is imported.
    """
    if not isinstance(module_name, str):
        raise TypeError(f"module_name must be a dotted name such as "
                        f"'precisionmed.pgx.exercises', got {type(module_name).__name__}.")
    parts = module_name.split(".")
    if len(parts) != 3 or parts[0] != "precisionmed" or not parts[2].startswith("exercises"):
        raise ValueError(f"Expected an exercises part such as 'precisionmed.pgx.exercises', "
                         f"got {module_name!r:.60}.")
    return _root() / parts[1] / f"{parts[2]}.json"


def item_keys(module_name: str) -> list[str]:
    """The exercise and question keys in an exercises part's data file (nothing is imported).

    >>> "pgx-1" in item_keys("precisionmed.pgx.exercises")
    True
    """
    path = items_file(module_name)
    if not path.is_file():
        raise ValueError(f"{module_name} has no data file {path.name} beside it.")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [*raw.get("exercises", {}), *raw.get("questions", {})]


def part_modules(part: str) -> list[ModuleType]:
    """Import and return every topic module that is ``part``, in :func:`part_names` order."""
    return [importlib.import_module(name) for name in part_names(part)]


__all__ = ["CORE_PACKAGES", "PARTS", "item_keys", "items_file", "part_modules",
           "part_names", "topic_names"]
