"""Checks shared by every subtyping function: an expression matrix is a clean numeric table."""

from __future__ import annotations

import numpy as np
import pandas as pd


def check_expression(expression: object, name: str = "expression",
                     min_samples: int = 1, min_genes: int = 1) -> pd.DataFrame:
    """Return ``expression`` as a float DataFrame, or raise ``ValueError`` saying what is wrong.

    An expression matrix has samples (tumours) as rows and genes as columns, with numbers only
    (log2 expression), no missing values and no repeated gene names.
    """
    if not isinstance(expression, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame with tumours as rows and genes as "
                         f"columns, got {type(expression).__name__}.")
    if expression.shape[0] < min_samples or expression.shape[1] < min_genes:
        raise ValueError(f"{name} needs at least {min_samples} tumour(s) and {min_genes} "
                         f"gene(s); it has {expression.shape[0]} and {expression.shape[1]}.")
    duplicated = sorted({str(c) for c in expression.columns[expression.columns.duplicated()]})
    if duplicated:
        raise ValueError(f"{name} has repeated gene columns: {', '.join(duplicated[:10])}.")
    if all(isinstance(dtype, np.dtype) and dtype.kind in "fiu" for dtype in expression.dtypes):
        # Plain numpy numbers (the usual case): one conversion for the whole table instead of
        # one per column; C order, like the column-by-column path, so results are identical.
        values = np.array(expression.to_numpy(dtype=float), dtype=float, order="C", copy=True)
        return _finite(values, expression, name)
    bad = []
    columns = {}
    for position, (column, dtype) in enumerate(expression.dtypes.items()):
        series = expression.iloc[:, position]
        if pd.api.types.is_bool_dtype(dtype):
            bad.append(str(column))
            continue
        if not pd.api.types.is_numeric_dtype(dtype):
            # Object columns pass only if every value is already a number (text such as
            # "0" or "high" is refused rather than silently converted).
            is_number = series.map(lambda v: v is None or (
                isinstance(v, (int, float, np.integer, np.floating))
                and not isinstance(v, (bool, np.bool_))))
            if not is_number.all():
                bad.append(str(column))
                continue
            series = pd.to_numeric(series)
        columns[position] = series.to_numpy(dtype=float, na_value=np.nan)
    if bad:
        more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise ValueError(f"{name} must hold numbers only (log2 expression); these columns are "
                         f"not numeric: {', '.join(bad[:10])}{more}. Convert them with "
                         "pd.to_numeric or drop them (e.g. move an ID column to the index).")
    return _finite(np.column_stack([columns[i] for i in range(expression.shape[1])]),
                   expression, name)


def _finite(values: np.ndarray, expression: pd.DataFrame, name: str) -> pd.DataFrame:
    """``values`` as a DataFrame shaped like ``expression``, or say where values are missing."""
    finite = np.isfinite(values)
    if not finite.all():
        rows, cols = np.nonzero(~finite)
        where = ", ".join(f"{expression.index[r]}/{expression.columns[c]}"
                          for r, c in zip(rows[:5], cols[:5], strict=True))
        raise ValueError(f"{name} has {int((~finite).sum())} missing or infinite value(s) "
                         f"(tumour/gene: {where}{' …' if len(rows) > 5 else ''}). Remove or "
                         "fill them before subtyping.")
    return pd.DataFrame(values, index=expression.index, columns=expression.columns)
