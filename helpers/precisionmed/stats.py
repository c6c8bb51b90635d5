"""Small statistics shared by several topics (core: imports no topic).

- :func:`wilson_interval` — the Wilson score interval for a proportion (Wilson 1927; method 3
  of Newcombe, Stat Med 1998;17:857-72), the interval ``scipy.stats.binomtest(...)
  .proportion_ci(method="wilson")`` gives. It is a closed formula, written here so that lesson
  00's kernel does not load ``scipy.stats`` (about 50 MB) for one line.
- :func:`response_rates` — observed response rate per group with a 95% Wilson interval
  (lesson 00's trial, lesson 04's basket trial).
"""

from __future__ import annotations

import math
from statistics import NormalDist

import pandas as pd


def wilson_interval(responders: int, patients: int, confidence: float = 0.95
                    ) -> tuple[float, float]:
    """Wilson score interval (no continuity correction) for ``responders`` out of ``patients``.

    Returns ``(low, high)`` as proportions; ``low`` is exactly 0 when nobody responded and
    ``high`` exactly 1 when everybody did. Example: 81 of 263 gives about (0.2553, 0.3662),
    Newcombe's worked example.
    """
    for name, value in (("responders", responders), ("patients", patients)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number, got {value!r}.")
    if patients < 1 or not 0 <= responders <= patients:
        raise ValueError("Need at least one patient and between 0 and that many responders, "
                         f"got {responders} of {patients}.")
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) \
            or not 0 < confidence < 1:
        raise ValueError(f"confidence must be a number between 0 and 1, got {confidence!r}.")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    n, p = patients, responders / patients
    denominator = 2 * (n + z * z)
    centre = (2 * n * p + z * z) / denominator
    half_width = z / denominator * math.sqrt(4 * n * p * (1 - p) + z * z)
    low = 0.0 if responders == 0 else centre - half_width
    high = 1.0 if responders == patients else centre + half_width
    return low, high


def response_rates(trial: pd.DataFrame, by: list[str] | tuple[str, ...] = ("arm",)
                   ) -> pd.DataFrame:
    """Observed response rate per group with a 95% Wilson confidence interval.

    ``trial`` needs a boolean ``responded`` column and the columns named in ``by``.
    Returns columns ``by`` + ``patients``, ``responders``, ``rate``, ``ci_low``, ``ci_high``.
    """
    if not isinstance(trial, pd.DataFrame) or trial.empty:
        raise ValueError("response_rates needs a non-empty table of patients.")
    by = list(by)
    missing = [c for c in ["responded", *by] if c not in trial.columns]
    if missing:
        raise ValueError(f"The trial table lacks columns {missing}; it has {list(trial.columns)}.")
    rows = []
    for key, group in trial.groupby(by, sort=True, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        n = int(len(group))
        k = int(group["responded"].astype(bool).sum())
        low, high = wilson_interval(k, n)
        rows.append({**dict(zip(by, key, strict=True)), "patients": n, "responders": k,
                     "rate": k / n, "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)


__all__ = ["response_rates", "wilson_interval"]
