"""PAM50-style nearest-centroid classification: which subtype does a tumour resemble most.

Each subtype has a *centroid*: the average pattern of the 50 PAM50 genes in tumours of that
subtype (published; Parker et al., J Clin Oncol 2009, via the genefu model). A tumour is given
the subtype whose centroid its own (gene-centred) pattern resembles most, measured by Spearman
rank correlation, as the published model specifies. Simplified for teaching: the clinical PAM50
test (Prosigna) uses its own lab normalisation and also gives a risk score.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from precisionmed.subtyping.cohort import SUBTYPES, gene_aliases, load_centroids
from precisionmed.subtyping.normalise import centre_genes
from precisionmed.subtyping.validate import check_expression


def _rank_rows(values: np.ndarray) -> np.ndarray:
    ranks = rankdata(values, axis=1)
    ranks -= ranks.mean(axis=1, keepdims=True)
    norm = np.sqrt((ranks ** 2).sum(axis=1, keepdims=True))
    return ranks / np.where(norm > 0, norm, 1.0)


def spearman_to_centroids(expression: pd.DataFrame, centroids: pd.DataFrame) -> pd.DataFrame:
    """Spearman correlation of every tumour (row) with every centroid (column of ``centroids``).

    ``expression`` and ``centroids`` must share their genes (columns of the first, rows of the
    second). Returns tumours × subtypes.
    """
    frame = check_expression(expression)
    genes = list(centroids.index)
    missing = [g for g in genes if g not in frame.columns]
    if missing:
        raise ValueError(f"expression lacks the centroid genes {missing}.")
    if len(genes) < 3:
        raise ValueError("Need at least 3 genes to correlate patterns.")
    tumours = _rank_rows(frame[genes].to_numpy())
    cents = _rank_rows(centroids.to_numpy(dtype=float).T)
    return pd.DataFrame(tumours @ cents.T, index=frame.index, columns=list(centroids.columns))


def classify_pam50(expression: pd.DataFrame, centre: str | None = "median",
                   allow_missing: int = 0) -> pd.DataFrame:
    """Give each tumour a PAM50 intrinsic subtype by its nearest centroid (Spearman).

    Parameters
    ----------
    expression
        Tumours as rows, genes as columns, log2 expression (other genes may be present and are
        ignored). Current HGNC names NUF2, NDC80 and ORC6 are accepted for the model's CDCA1,
        KNTC2 and ORC6L.
    centre
        ``"median"`` (default) centres each PAM50 gene across the tumours given, as PAM50 does;
        this needs a cohort with a reasonable mix of subtypes. ``"mean"`` centres on the mean.
        ``None`` means the values are already centred (e.g. against a reference cohort).
    allow_missing
        How many PAM50 genes may be absent. The default 0 raises ``ValueError`` listing any
        missing gene. With a small number (say up to 5) the classifier warns
        (``UserWarning``) and uses the genes that are present; accuracy drops as genes go.

    Returns
    -------
    pandas.DataFrame
        One row per tumour: ``subtype`` (one of "Luminal A", "Luminal B", "HER2-enriched",
        "Basal-like", "Normal-like"), ``correlation`` (with the chosen centroid), ``margin``
        (how far ahead of the runner-up) and one column of correlations per subtype.

    Raises
    ------
    ValueError
        For missing PAM50 genes (beyond ``allow_missing``), non-numeric values, missing values,
        or too few tumours to centre.
    """
    if centre not in ("median", "mean", None):
        raise ValueError(f"centre must be 'median', 'mean' or None, got {centre!r}.")
    if isinstance(allow_missing, bool) or not isinstance(allow_missing, (int, np.integer)) \
            or not 0 <= allow_missing <= 40:
        raise ValueError(f"allow_missing must be a whole number from 0 to 40, got "
                         f"{allow_missing!r}.")
    if not isinstance(expression, pd.DataFrame):
        raise ValueError("expression must be a pandas DataFrame with tumours as rows and genes "
                         f"as columns, got {type(expression).__name__}.")
    centroids = load_centroids()
    aliases = gene_aliases()
    mapping = {a: g for a, g in aliases.items()
               if a in expression.columns and g not in expression.columns}
    # rename() copies the whole table; only the 50 PAM50 columns are used below.
    renamed = expression.rename(columns=mapping) if mapping else expression
    genes = list(centroids.index)
    missing = [g for g in genes if g not in renamed.columns]
    if len(missing) > allow_missing:
        raise ValueError(f"expression lacks {len(missing)} of the 50 PAM50 genes: "
                         f"{', '.join(missing)}. Add them (columns named by gene symbol), or "
                         "pass allow_missing=<number> to classify with fewer genes.")
    if missing:
        warnings.warn(f"Classifying with {50 - len(missing)} of the 50 PAM50 genes; missing: "
                      f"{', '.join(missing)}. Results are less reliable.", UserWarning,
                      stacklevel=2)
    present = [g for g in genes if g not in missing]
    frame = check_expression(renamed[present])
    if centre is not None:
        if len(frame) < 10:
            raise ValueError(f"Centring needs a cohort (at least 10 tumours, got {len(frame)}): "
                             "pass several tumours, or centre=None for values already centred.")
        frame = centre_genes(frame, how=centre)
    corr = spearman_to_centroids(frame, centroids.loc[present])
    values = corr.to_numpy()
    best = values.argmax(axis=1)
    ordered = np.sort(values, axis=1)
    out = pd.DataFrame({
        "subtype": [SUBTYPES[i] for i in best],
        "correlation": values[np.arange(len(values)), best],
        "margin": ordered[:, -1] - ordered[:, -2],
    }, index=frame.index)
    return pd.concat([out, corr[list(SUBTYPES)]], axis=1)
