"""How well do two ways of grouping tumours agree? Adjusted Rand index and confusion tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score


def _labels(values: Sequence[object] | pd.Series | np.ndarray, name: str) -> np.ndarray:
    arr = np.asarray(list(values), dtype=object)
    if arr.ndim != 1 or len(arr) == 0:
        raise ValueError(f"{name} must be a non-empty list of labels, one per tumour.")
    if pd.isna(pd.Series(arr)).any():
        raise ValueError(f"{name} has missing labels.")
    return np.array([str(a) for a in arr], dtype=object)


def _pair(a: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(a, pd.Series) and isinstance(b, pd.Series) and not a.index.equals(b.index):
        if set(a.index) != set(b.index):
            raise ValueError("The two label sets are for different tumours.")
        b = b.loc[a.index]
    x, y = _labels(a, "first labels"), _labels(b, "second labels")
    if len(x) != len(y):
        raise ValueError(f"Label lists differ in length ({len(x)} vs {len(y)}).")
    return x, y


def adjusted_rand(truth: Sequence[object], predicted: Sequence[object]) -> float:
    """Adjusted Rand index: 1 = the same grouping, about 0 = no better than chance.

    Only *which tumours are grouped together* counts, not the names of the groups, so it can
    compare unnamed clusters (1, 2, 3 …) with named subtypes.
    """
    x, y = _pair(truth, predicted)
    return float(adjusted_rand_score(x, y))


def confusion_table(truth: Sequence[object], predicted: Sequence[object],
                    truth_order: Sequence[str] | None = None,
                    predicted_order: Sequence[str] | None = None) -> pd.DataFrame:
    """Count tumours for each (true label, predicted label) pair: rows truth, columns predicted."""
    x, y = _pair(truth, predicted)
    rows = list(truth_order) if truth_order is not None else sorted(set(x))
    cols = list(predicted_order) if predicted_order is not None else sorted(set(y))
    table = pd.crosstab(pd.Categorical(x, categories=rows), pd.Categorical(y, categories=cols),
                        dropna=False)
    table.index.name, table.columns.name = "truth", "predicted"
    table.index, table.columns = list(rows), list(cols)
    return table.astype(int)


def match_clusters(truth: Sequence[object], clusters: Sequence[object]) -> dict[str, str]:
    """Name each cluster after the true group it overlaps most (one-to-one where possible).

    Uses the Hungarian algorithm on the confusion table; clusters left over (more clusters
    than groups) take the name of the group they overlap most.
    """
    x, y = _pair(truth, clusters)
    table = confusion_table(x, y)
    cost = -table.to_numpy()
    rows, cols = linear_sum_assignment(cost)
    names = {str(table.columns[c]): str(table.index[r]) for r, c in zip(rows, cols, strict=True)}
    for c in table.columns:
        if str(c) not in names:
            names[str(c)] = str(table[c].idxmax())
    return names


def percent_agreement(truth: Sequence[object], predicted: Sequence[object]) -> float:
    """Percentage of tumours whose predicted label equals the true label."""
    x, y = _pair(truth, predicted)
    return float((x == y).mean() * 100)
