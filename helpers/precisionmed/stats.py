"""Small statistics shared by several topics (core: imports no topic).

- :func:`response_rates` — observed response rate per group with a 95% Wilson interval
  (lesson 00's trial, lesson 04's basket trial).
"""

from __future__ import annotations

import pandas as pd
from scipy.stats import binomtest


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
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        rows.append({**dict(zip(by, key, strict=True)), "patients": n, "responders": k,
                     "rate": k / n, "ci_low": float(ci.low), "ci_high": float(ci.high)})
    return pd.DataFrame(rows)


__all__ = ["response_rates"]
