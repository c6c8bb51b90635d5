"""The lessons as a course: metadata, executing lessons, and builds for learners and classes.

Command line::

    python -m precisionmed.course execute notebooks/00-start-here.ipynb   # re-run and save
    python -m precisionmed.course list                                   # lessons and minutes
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

LEVELS = ("Introductory", "Intermediate", "Advanced")
METADATA_KEYS = {
    "title": str, "level": str, "teaching": int, "exercises": int, "questions": list,
    "objectives": list, "keypoints": list, "requires": list, "datasets": list,
}


def project_root() -> Path:
    """Return the repository root (the folder holding ``notebooks/`` and ``datasets/``)."""
    from precisionmed.data import datasets_dir

    return datasets_dir().parent


def lesson_paths(root: Path | None = None) -> list[Path]:
    """Return the lesson notebooks ``notebooks/NN-*.ipynb`` in course order."""
    base = Path(root) if root is not None else project_root()
    return sorted((base / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def lesson_metadata(path: Path) -> dict[str, Any]:
    """Read and validate a lesson's ``workbook`` metadata.

    Raises
    ------
    ValueError
        Naming every missing or wrongly typed key.
    """
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    meta = nb.metadata.get("workbook")
    if not isinstance(meta, dict):
        raise ValueError(f"{Path(path).name} has no 'workbook' metadata.")
    problems = []
    for key, kind in METADATA_KEYS.items():
        if key not in meta:
            problems.append(f"missing {key!r}")
        elif not isinstance(meta[key], kind) or isinstance(meta[key], bool):
            problems.append(f"{key!r} should be {kind.__name__}")
    if meta.get("level") not in LEVELS:
        problems.append(f"'level' must be one of {LEVELS}")
    for key in ("questions", "objectives", "keypoints"):
        if isinstance(meta.get(key), list) and not meta[key]:
            problems.append(f"{key!r} is empty")
    for key in ("teaching", "exercises"):
        if isinstance(meta.get(key), int) and meta[key] < 0:
            problems.append(f"{key!r} must not be negative")
    if problems:
        raise ValueError(f"{Path(path).name}: " + "; ".join(problems))
    return dict(meta)


def strip_volatile(nb: Any) -> Any:
    """Remove run-to-run noise that must not be committed (widget state, timings)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def execute(path: Path, timeout: int = 120, save: bool = True) -> Any:
    """Run a lesson top to bottom in a fresh kernel (working directory: its folder).

    Saves the executed notebook in place when ``save`` (after :func:`strip_volatile`).
    Returns the executed notebook.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"No notebook at {path}.")
    nb = nbformat.read(str(path), as_version=4)
    env_backend = os.environ.pop("MPLBACKEND", None)  # kernels must use the inline backend
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    strip_volatile(nb)
    if save:
        nbformat.write(nb, str(path))
    return nb


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m precisionmed.course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="run lessons in a fresh kernel and save their outputs")
    ex.add_argument("notebooks", nargs="*", type=Path,
                    help="lesson files (default: every lesson)")
    sub.add_parser("list", help="list lessons with level and minutes")
    args = parser.parse_args(argv)
    if args.command == "execute":
        paths = args.notebooks or lesson_paths()
        for i, nb_path in enumerate(paths, start=1):
            started = time.perf_counter()
            print(f"[{i}/{len(paths)}] executing {nb_path} ...", flush=True)
            execute(nb_path)
            print(f"      done in {time.perf_counter() - started:.1f} s", flush=True)
        return 0
    for nb_path in lesson_paths():
        meta = lesson_metadata(nb_path)
        print(f"{nb_path.name}: {meta['title']} — {meta['level']}, "
              f"{meta['teaching']} + {meta['exercises']} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
