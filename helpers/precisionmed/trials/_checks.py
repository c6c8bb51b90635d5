"""Input checks of the trials modules, built on the course's one number checker (``_checks``)."""

from __future__ import annotations

import pandas as pd

from precisionmed._checks import number  # noqa: F401  (re-exported for the trials modules)
from precisionmed._checks import share as _share
from precisionmed._checks import whole as _whole


def whole(name: str, value: object, low: int = 0, high: int | None = None) -> int:
    """A whole number, at least ``low`` (0 unless said) and at most ``high``."""
    return _whole(name, value, low, high)


def share(name: str, value: object) -> float:
    """A share between 0 and 1 (e.g. 0.14 for 14%)."""
    return _share(name, value, hint=" Give it as a share between 0 and 1, e.g. 0.14 for 14%.")


#: The smallest hazard ratio accepted: a thousandth of the risk (no trial comes near it, and
#: far smaller values underflow the expected-rate sums to zero).
MIN_HAZARD_RATIO = 0.001


def hazard_ratio(name: str, value: object) -> float:
    """A hazard ratio: a positive number, at least 0.001 (1 = no difference)."""
    hint = " A hazard ratio is above 0; 1 means no difference, 0.5 halves the risk."
    out = number(name, value, 0.0, 100.0, low_open=True, hint=hint)
    if out < MIN_HAZARD_RATIO:
        raise ValueError(f"{name} must be at least {MIN_HAZARD_RATIO:g}, got {out:g}.{hint}")
    return out


def months(name: str, value: object, low_open: bool = True) -> float:
    """A positive duration in months."""
    return number(name, value, 0.0, 1200.0, low_open=low_open)


def seed(value: object) -> int:
    """A seed for ``numpy.random.default_rng``: a whole number ≥ 0."""
    return whole("seed", value, 0)


def table(name: str, frame: object, columns: list[str]) -> pd.DataFrame:
    """A non-empty ``DataFrame`` with the given columns."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}.")
    if frame.empty:
        raise ValueError(f"{name} is empty: it needs at least one patient (row).")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks columns {missing}; it has {list(frame.columns)}. "
                         "Make it with precisionmed.trials.simulate_trial().")
    return frame


def instance(name: str, value: object, kind: type, hint: str) -> None:
    """Raise a ValueError naming what ``value`` should be unless it is a ``kind``."""
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be {hint}, got {type(value).__name__}.")


def axes(ax: object) -> None:
    """A matplotlib ``Axes`` to draw on."""
    from matplotlib.axes import Axes

    instance("ax", ax, Axes, "a matplotlib Axes, e.g. from plots.new_figure(alt=...)")


def figure(fig: object) -> None:
    """A matplotlib ``Figure`` to draw on."""
    from matplotlib.figure import Figure

    instance("fig", fig, Figure, "a matplotlib Figure, e.g. from plots.new_figure(alt=...)")
