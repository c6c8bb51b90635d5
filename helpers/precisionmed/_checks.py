"""Small input checks shared by the package, so every public function fails kindly.

Numbers go through one checker (:func:`number`, :func:`whole`, :func:`share`). Something that
is not a number at all (text, ``None``, ``True``) raises :class:`NotANumberError`, which is
both a ``TypeError`` (Python's convention for a wrong type) and a ``ValueError`` (what a
learner's typo is), so code catching either works; a number out of range is a ``ValueError``.
"""

from __future__ import annotations

import math
import os
from numbers import Integral, Real
from pathlib import Path
from typing import Any


class NotANumberError(TypeError, ValueError):
    """A value that should be a number is not one (text, ``None``, ``True``/``False``, ...)."""


def number(what: str, value: object, low: float | None = None, high: float | None = None,
           *, low_open: bool = False, unit: str = "", hint: str = "") -> float:
    """``value`` as a finite float within ``[low, high]`` (``(low, high]`` if ``low_open``).

    ``what`` names the input in the message, ``unit`` (e.g. ``"kg"``) follows the bounds and
    ``hint`` is added at the end.

    >>> number("weight", 70, 20, 250, unit="kg")
    70.0
    """
    units = f" {unit}" if unit else ""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise NotANumberError(f"{what} must be a number{' in ' + unit if unit else ''}, got "
                              f"{type(value).__name__} {value!r:.40}.{hint}")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{what} must be a finite number, got {value!r}.{hint}")
    too_low = low is not None and (out <= low if low_open else out < low)
    too_high = high is not None and out > high
    if too_low or too_high:
        if low is not None and high is not None:
            rule = (f"above {low:g} and at most {high:g}{units}" if low_open
                    else f"between {low:g} and {high:g}{units}")
        elif low is not None:
            rule = f"{'above' if low_open else 'at least'} {low:g}{units}"
        else:
            rule = f"at most {high:g}{units}"
        raise ValueError(f"{what} must be {rule}, got {out:g}.{hint}")
    return out


def whole(what: str, value: object, low: int | None = None, high: int | None = None,
          hint: str = "") -> int:
    """``value`` as an int within ``[low, high]`` (whole numbers only; ``True`` is refused)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise NotANumberError(f"{what} must be a whole number, got "
                              f"{type(value).__name__} {value!r:.40}.{hint}")
    out = int(value)
    if low is not None and out < low or high is not None and out > high:
        rule = (f"between {low} and {high}" if low is not None and high is not None
                else f"at least {low}" if low is not None else f"at most {high}")
        raise ValueError(f"{what} must be a whole number {rule}, got {out}.{hint}")
    return out


def share(what: str, value: object, hint: str = " Give it as a share between 0 and 1, "
          "e.g. 0.3 for 30%.") -> float:
    """A share or probability between 0 and 1."""
    return number(what, value, 0.0, 1.0, hint=hint)


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
