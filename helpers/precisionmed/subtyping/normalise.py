"""Make tumours comparable: centre (and optionally scale) each gene, remove lab batch effects.

Gene expression values are log2 numbers; a gene's typical level says little, its *differences*
between tumours say a lot. Centring subtracts each gene's median (or mean) so 0 means "a typical
tumour"; batch centring does this separately inside each lab, which removes a lab's systematic
offset when the labs measured similar mixes of tumours.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from precisionmed.subtyping.validate import check_expression

CENTRES = ("median", "mean")


def _centre_values(values: np.ndarray, how: str) -> np.ndarray:
    if how == "median":
        return np.median(values, axis=0)
    return values.mean(axis=0)


def centre_genes(expression: pd.DataFrame, how: str = "median",
                 scale: bool = False) -> pd.DataFrame:
    """Subtract each gene's median (or mean) across tumours; optionally divide by its SD.

    Parameters
    ----------
    expression
        Tumours as rows, genes as columns, log2 values.
    how
        ``"median"`` (the PAM50 convention) or ``"mean"``.
    scale
        Also divide each gene by its standard deviation (z-scores), so every gene counts the
        same in distances; genes that never vary are left at 0.

    >>> import pandas as pd
    >>> centre_genes(pd.DataFrame({"A": [1.0, 2.0, 6.0]}))["A"].tolist()
    [-1.0, 0.0, 4.0]
    """
    if how not in CENTRES:
        raise ValueError(f"how must be one of {CENTRES}, got {how!r}.")
    frame = check_expression(expression)
    out = _own_values(frame)
    out -= _centre_values(out, how)
    if scale:
        sd = out.std(axis=0, ddof=1) if len(out) > 1 else np.zeros(out.shape[1])
        sd = np.where(sd > 0, sd, 1.0)
        out /= sd
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)


def _own_values(frame: pd.DataFrame) -> np.ndarray:
    """The numbers of a table :func:`check_expression` just made, to change in place.

    That table is already a private copy, so a second copy would only cost memory; a
    read-only view (pandas copy-on-write) is copied once.
    """
    values = frame.to_numpy()
    return values if values.flags.writeable else values.copy()


def centre_within_batches(expression: pd.DataFrame, batches: Sequence[object] | pd.Series,
                          how: str = "median") -> pd.DataFrame:
    """Centre each gene separately inside each batch (e.g. each lab): simple batch correction.

    ``batches`` gives one label per tumour, in the same order as the rows (or a Series indexed
    like ``expression``). This removes a batch's constant offset per gene; it assumes each
    batch holds a similar mix of tumours (otherwise it also removes real biology).
    """
    if how not in CENTRES:
        raise ValueError(f"how must be one of {CENTRES}, got {how!r}.")
    frame = check_expression(expression)
    if isinstance(batches, pd.Series):
        if not batches.index.equals(frame.index):
            try:
                batches = batches.loc[frame.index]
            except KeyError as exc:
                raise ValueError("batches is indexed differently from expression; give one "
                                 "batch label per tumour.") from exc
        labels = batches.to_numpy()
    else:
        labels = np.asarray(list(batches), dtype=object)
    if len(labels) != len(frame):
        raise ValueError(f"batches has {len(labels)} labels but expression has {len(frame)} "
                         "tumours; give one batch label per tumour.")
    if pd.isna(pd.Series(labels)).any():
        raise ValueError("batches has missing labels; every tumour needs a batch.")
    values = _own_values(frame)
    for label in pd.unique(pd.Series(labels)):
        rows = labels == label
        values[rows] -= _centre_values(values[rows], how)
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def top_variable_genes(expression: pd.DataFrame, n: int) -> list[str]:
    """Return the ``n`` genes whose values vary most across tumours (largest variance first).

    Ties are broken by gene order, so the result is reproducible.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a whole number of genes, at least 1; got {n!r}.")
    frame = check_expression(expression, min_samples=2)
    if n > frame.shape[1]:
        raise ValueError(f"Asked for the top {n} genes but there are only {frame.shape[1]}.")
    variance = frame.to_numpy().var(axis=0, ddof=1)
    order = np.argsort(-variance, kind="stable")[: int(n)]
    return [str(frame.columns[i]) for i in order]
