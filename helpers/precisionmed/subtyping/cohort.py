"""Load lesson 05's tables: the expression matrix, clinic results, answer key and PAM50 model.

The expression matrix is a wide file (one column per gene) whose schema lists its genes
collectively, so it has its own reader here; the other tables go through
:func:`precisionmed.data.load`. Everything is cached; each call returns a fresh copy.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from precisionmed import data

#: The five PAM50 intrinsic subtypes, in the course's order.
SUBTYPES: tuple[str, ...] = ("Luminal A", "Luminal B", "HER2-enriched", "Basal-like",
                             "Normal-like")
_CENTROID_COLUMNS = {"luminal_a": "Luminal A", "luminal_b": "Luminal B",
                     "her2_enriched": "HER2-enriched", "basal_like": "Basal-like",
                     "normal_like": "Normal-like"}
EXPRESSION = "subtyping/expression"


@lru_cache(maxsize=4)
def _read_matrix(path: str, mtime: float) -> pd.DataFrame:
    spec = data.schema(EXPRESSION)
    genes = list(spec["genes"])
    id_col = spec["matrix"]["id_column"]
    header = pd.read_csv(path, nrows=0).columns.tolist()
    if header != [id_col, *genes]:
        missing = [g for g in genes if g not in header]
        extra = [c for c in header if c not in genes and c != id_col]
        raise ValueError(f"{EXPRESSION} does not match its schema: missing columns "
                         f"{missing[:10]}, unexpected columns {extra[:10]}.")
    frame = pd.read_csv(path, index_col=0, dtype={id_col: str})
    if frame.empty:
        raise ValueError(f"{EXPRESSION} is empty.")
    values = frame.to_numpy()
    if not np.issubdtype(values.dtype, np.floating) and not np.issubdtype(values.dtype,
                                                                           np.integer):
        raise ValueError(f"{EXPRESSION} holds values that are not numbers.")
    if not np.isfinite(values.astype(float)).all():
        raise ValueError(f"{EXPRESSION} has missing values.")
    if frame.index.duplicated().any():
        raise ValueError(f"{EXPRESSION} repeats a patient_id.")
    frame.index.name = id_col
    return frame.astype(float)


def load_expression() -> pd.DataFrame:
    """The simulated expression matrix: tumours (``patient_id``) as rows, genes as columns.

    Values are log2 expression and still contain the lab batch effect. Checked against its
    schema (gene names and order, numbers only, no gaps) and cached.
    """
    path = data.path(EXPRESSION)
    return _read_matrix(str(path), path.stat().st_mtime).copy()


def load_clinical() -> pd.DataFrame:
    """Clinic results and outcomes per tumour, indexed by ``patient_id``."""
    table = data.load("subtyping/clinical")
    table.index = pd.Index(table.pop("patient_id").astype(str).tolist(), name="patient_id")
    return table


def load_answer_key() -> pd.Series:
    """The true simulated subtype of each tumour (a Series indexed by ``patient_id``)."""
    table = data.load("subtyping/answer_key")
    index = pd.Index(table["patient_id"].astype(str).tolist(), name="patient_id")
    return pd.Series(table["true_subtype"].astype(str).tolist(), index=index,
                     name="true_subtype")


def pam50_genes() -> list[str]:
    """The 50 PAM50 genes, as named in the published model."""
    return list(data.load("knowledge/subtype_pam50_centroids")["gene"])


@lru_cache(maxsize=1)
def _centroids() -> pd.DataFrame:
    table = data.load("knowledge/subtype_pam50_centroids").set_index("gene")
    out = table[list(_CENTROID_COLUMNS)].astype(float).rename(columns=_CENTROID_COLUMNS)
    out.index.name = "gene"
    return out


def load_centroids() -> pd.DataFrame:
    """The published PAM50 centroids: genes as rows, the five subtypes as columns."""
    return _centroids().copy()


def gene_aliases() -> dict[str, str]:
    """Map current HGNC symbols to the model's older names (e.g. ``NUF2`` → ``CDCA1``)."""
    table = data.load("knowledge/subtype_pam50_centroids")
    pairs = zip(table["gene"], table["hgnc_symbol"], strict=True)
    return {str(h): str(g) for g, h in pairs if g != h}
