"""Small input checks shared by the package, so every public function fails kindly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def as_path(value: Any, what: str) -> Path:
    """Return ``value`` as a Path, or raise TypeError naming what was expected."""
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{what} must be a file or folder path (text), "
                        f"got {type(value).__name__} {value!r:.40}.")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{what} must not be empty.")
    return Path(value)


def existing_file(value: Any, what: str) -> Path:
    """Return ``value`` as the Path of an existing file, or raise a helpful error."""
    path = as_path(value, what)
    if not path.is_file():
        raise ValueError(f"There is no {what} at {path}.")
    return path


def existing_dir(value: Any, what: str) -> Path:
    """Return ``value`` as the Path of an existing folder, or raise a helpful error."""
    path = as_path(value, what)
    if not path.is_dir():
        raise ValueError(f"There is no folder for {what} at {path}.")
    return path


def require(value: Any, types: type | tuple[type, ...], what: str) -> Any:
    """Return ``value`` if it is an instance of ``types``; otherwise raise TypeError."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in (
            types if isinstance(types, tuple) else (types,))):
        names = (types.__name__ if isinstance(types, type)
                 else " or ".join(t.__name__ for t in types))
        raise TypeError(f"{what} must be a {names}, got {type(value).__name__}.")
    return value


def require_text(value: Any, what: str) -> str:
    """Return ``value`` if it is text; otherwise raise TypeError."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be text (a str), got {type(value).__name__}.")
    return value
