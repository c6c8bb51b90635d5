"""Does the subtype change the outlook? Kaplan–Meier curves by group, through lifelines.

A Kaplan–Meier curve shows the share of patients still free of relapse over time, counting
people whose follow-up ended early (censored) correctly. The log-rank test asks whether the
groups' curves differ by more than chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test


@dataclass(frozen=True)
class SurvivalData:
    """Checked survival inputs: time (months, > 0), event (True = relapse/death), group."""

    time: np.ndarray
    event: np.ndarray
    group: np.ndarray


def _check(time: Sequence[float], event: Sequence[bool],
           group: Sequence[object]) -> SurvivalData:
    try:
        t = np.asarray(list(time), dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("time must be numbers (months).") from exc
    e_raw = list(event)
    if not all(isinstance(v, (bool, np.bool_)) or v in (0, 1) for v in e_raw):
        raise ValueError("event must be True/False (or 1/0) for each patient.")
    e = np.asarray(e_raw, dtype=bool)
    g = np.asarray([str(x) for x in group], dtype=object)
    if not len(t) == len(e) == len(g) or len(t) == 0:
        raise ValueError(f"time, event and group must have the same, non-zero length "
                         f"({len(t)}, {len(e)}, {len(g)}).")
    if not np.isfinite(t).all() or (t <= 0).any():
        raise ValueError("time must be positive numbers of months with no gaps.")
    return SurvivalData(t, e, g)


def km_summary(time: Sequence[float], event: Sequence[bool], group: Sequence[object],
               at_months: float = 60.0, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Per group: patients, events, median time to event and share event-free at ``at_months``.

    Returns a table indexed by group with columns ``patients``, ``events``,
    ``median_months`` (NaN when fewer than half had an event) and ``event_free_percent``
    (Kaplan–Meier estimate at ``at_months``).
    """
    data = _check(time, event, group)
    groups = list(order) if order is not None else sorted(set(data.group))
    rows = []
    for name in groups:
        mask = data.group == name
        if not mask.any():
            raise ValueError(f"No patients in group {name!r}.")
        kmf = KaplanMeierFitter().fit(data.time[mask], data.event[mask])
        median = float(kmf.median_survival_time_)
        rows.append({"group": name, "patients": int(mask.sum()),
                     "events": int(data.event[mask].sum()),
                     "median_months": median if np.isfinite(median) else float("nan"),
                     "event_free_percent": float(kmf.predict(at_months)) * 100})
    return pd.DataFrame(rows).set_index("group")


def logrank_p(time: Sequence[float], event: Sequence[bool], group: Sequence[object]) -> float:
    """p-value of the log-rank test that all groups share one survival curve."""
    data = _check(time, event, group)
    if len(set(data.group)) < 2:
        raise ValueError("The log-rank test needs at least two groups.")
    return float(multivariate_logrank_test(data.time, data.group, data.event).p_value)


def plot_km(ax: object, time: Sequence[float], event: Sequence[bool], group: Sequence[object],
            order: Sequence[str] | None = None, colours: dict[str, str] | None = None) -> None:
    """Draw one Kaplan–Meier curve per group on ``ax`` (share event-free, in %, over months)."""
    data = _check(time, event, group)
    groups = list(order) if order is not None else sorted(set(data.group))
    for name in groups:
        mask = data.group == name
        kmf = KaplanMeierFitter().fit(data.time[mask], data.event[mask])
        table = kmf.survival_function_
        colour = (colours or {}).get(name)
        ax.step(table.index.to_numpy(), table.iloc[:, 0].to_numpy() * 100, where="post",
                label=f"{name} (n={int(mask.sum())})", color=colour, linewidth=2)
    ax.set_xlabel("Months since diagnosis")
    ax.set_ylabel("Free of relapse (%)")
    ax.set_ylim(0, 102)
    ax.legend(loc="lower left", fontsize=9, frameon=False)
