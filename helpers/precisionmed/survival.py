"""Survival analysis for every lesson: one wrapper over lifelines (core: imports no topic).

A Kaplan–Meier curve shows the share of patients still free of the event (progression,
relapse) over time, counting people whose follow-up ended early (*censored*) correctly. The
log-rank test asks whether groups' curves differ by more than chance; a Cox model's hazard
ratio says how much lower (below 1) or higher the risk is in one group at any moment.

Every function takes plain columns (``time`` in months, ``event`` True when it happened,
``group`` or ``treated`` per patient), checks them once with a friendly ``ValueError``, and
is the only place the course calls lifelines. Lesson 04 reaches it through
:mod:`precisionmed.trials.survival` (which reads a trial table's ``arm``, ``months`` and
``event`` columns), lesson 05 directly.

>>> curves = kaplan_meier([1, 2, 3, 4], [True, True, False, True], ["a", "a", "b", "b"])
>>> float(curves["a"].median)
1.0
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test


@dataclass(frozen=True)
class SurvivalData:
    """Checked survival inputs: time (months, ≥ 0), event (True = it happened), group."""

    time: np.ndarray
    event: np.ndarray
    group: np.ndarray


@dataclass(frozen=True)
class SurvivalCurve:
    """One Kaplan–Meier curve: step times (months) and the share still event-free."""

    label: str
    months: np.ndarray
    survival: np.ndarray
    median: float
    patients: int
    events: int

    def at(self, month: float) -> float:
        """Share event-free at ``month`` (the curve's value just after that time)."""
        if isinstance(month, bool) or not isinstance(month, (int, float, np.number)) \
                or not math.isfinite(float(month)) or float(month) < 0:
            raise ValueError(f"month must be a number of months, 0 or more, got {month!r}.")
        index = int(np.searchsorted(self.months, float(month), side="right")) - 1
        return float(self.survival[max(index, 0)])


def check(time: Sequence[float], event: Sequence[bool], group: Sequence[object]) -> SurvivalData:
    """Turn three columns into :class:`SurvivalData`, or say clearly what is wrong with them."""
    for name, value in (("time", time), ("event", event), ("group", group)):
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            raise ValueError(f"{name} must be a column of values (one per patient), "
                             f"got {value!r:.40}.")
    try:
        t = np.asarray(list(time), dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("time must be numbers (months).") from exc
    e_raw = list(event)
    if not all(isinstance(v, (bool, np.bool_)) or (isinstance(v, (int, np.integer))
                                                  and v in (0, 1)) for v in e_raw):
        raise ValueError("event must be True/False (or 1/0) for each patient.")
    e = np.asarray(e_raw, dtype=bool)
    g = np.asarray([str(x) for x in group], dtype=object)
    if not len(t) == len(e) == len(g) or len(t) == 0:
        raise ValueError(f"time, event and group must have the same, non-zero length "
                         f"({len(t)}, {len(e)}, {len(g)}).")
    if not np.isfinite(t).all() or (t < 0).any():
        raise ValueError("time must be numbers of months, 0 or more, with no gaps.")
    return SurvivalData(t, e, g)


def _groups(data: SurvivalData, order: Sequence[str] | None) -> list[str]:
    groups = [str(g) for g in order] if order is not None else sorted(set(data.group))
    for name in groups:
        if not (data.group == name).any():
            raise ValueError(f"No patients in group {name!r}; the groups are "
                             f"{sorted(set(data.group))}.")
    return groups


def _fit(data: SurvivalData, name: str) -> KaplanMeierFitter:
    mask = data.group == name
    return KaplanMeierFitter().fit(data.time[mask], data.event[mask], label=name)


def kaplan_meier(time: Sequence[float], event: Sequence[bool], group: Sequence[object],
                 order: Sequence[str] | None = None) -> dict[str, SurvivalCurve]:
    """One Kaplan–Meier curve per group (in ``order``, default sorted), keyed by group."""
    data = check(time, event, group)
    curves = {}
    for name in _groups(data, order):
        kmf = _fit(data, name)
        table = kmf.survival_function_
        mask = data.group == name
        curves[name] = SurvivalCurve(
            label=name, months=table.index.to_numpy(float),
            survival=table.iloc[:, 0].to_numpy(float),
            median=float(kmf.median_survival_time_), patients=int(mask.sum()),
            events=int(data.event[mask].sum()))
    return curves


def km_summary(time: Sequence[float], event: Sequence[bool], group: Sequence[object],
               at_months: float = 60.0, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Per group: patients, events, median time to event and share event-free at ``at_months``.

    Returns a table indexed by group with columns ``patients``, ``events``,
    ``median_months`` (NaN when fewer than half had an event) and ``event_free_percent``
    (Kaplan–Meier estimate at ``at_months``).
    """
    data = check(time, event, group)
    rows = []
    for name in _groups(data, order):
        kmf = _fit(data, name)
        mask = data.group == name
        median = float(kmf.median_survival_time_)
        rows.append({"group": name, "patients": int(mask.sum()),
                     "events": int(data.event[mask].sum()),
                     "median_months": median if np.isfinite(median) else float("nan"),
                     "event_free_percent": float(kmf.predict(at_months)) * 100})
    return pd.DataFrame(rows).set_index("group")


def logrank_p(time: Sequence[float], event: Sequence[bool], group: Sequence[object]) -> float:
    """p-value of the log-rank test that all groups share one survival curve."""
    data = check(time, event, group)
    if len(set(data.group)) < 2:
        raise ValueError("The log-rank test needs at least two groups.")
    return float(multivariate_logrank_test(data.time, data.group, data.event).p_value)


def hazard_ratio(time: Sequence[float], event: Sequence[bool],
                 treated: Sequence[bool]) -> tuple[float, float, float]:
    """Hazard ratio of ``treated`` vs not, with its 95% CI, from a Cox model.

    ``treated`` is True/False (or 1/0) per patient; both groups must be present.
    """
    data = check(time, event, ["x"] * len(list(time)))
    flags = check(time, treated, ["x"] * len(list(time))).event
    if flags.all() or not flags.any():
        raise ValueError("treated must mark some patients True and some False.")
    if not data.event.any():
        raise ValueError("No patient had the event, so there is no hazard ratio to estimate.")
    frame = pd.DataFrame({"months": data.time, "event": data.event,
                          "drug": flags.astype(float)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cph = CoxPHFitter().fit(frame, duration_col="months", event_col="event")
    row = cph.summary.loc["drug"]
    return (float(row["exp(coef)"]), float(row["exp(coef) lower 95%"]),
            float(row["exp(coef) upper 95%"]))


def plot_km(ax: object, time: Sequence[float], event: Sequence[bool], group: Sequence[object],
            order: Sequence[str] | None = None, colours: dict[str, str] | None = None) -> None:
    """Draw one Kaplan–Meier curve per group on ``ax`` (share event-free, in %, over months)."""
    for name, curve in kaplan_meier(time, event, group, order).items():
        ax.step(curve.months, curve.survival * 100, where="post",  # type: ignore[attr-defined]
                label=f"{name} (n={curve.patients})", color=(colours or {}).get(name),
                linewidth=2)
    ax.set_xlabel("Months since diagnosis")  # type: ignore[attr-defined]
    ax.set_ylabel("Free of relapse (%)")  # type: ignore[attr-defined]
    ax.set_ylim(0, 102)  # type: ignore[attr-defined]
    ax.legend(loc="lower left", fontsize=9, frameon=False)  # type: ignore[attr-defined]


__all__ = ["SurvivalCurve", "SurvivalData", "check", "hazard_ratio", "kaplan_meier",
           "km_summary", "logrank_p", "plot_km"]
