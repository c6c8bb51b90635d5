"""Find groups without being told them: PCA, hierarchical clustering, k-means, choosing k.

All functions take tumours as rows and genes as columns (usually centred first) and are
deterministic: k-means uses a fixed ``random_state`` and several starts (``n_init``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

from precisionmed.subtyping._threads import single_thread
from precisionmed.subtyping.validate import check_expression

LINKAGES = ("average", "complete", "ward", "single")
METRICS = ("correlation", "euclidean")


def _k(k: object, n: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k < n:
        raise ValueError(f"The number of clusters must be a whole number from 2 to {n - 1} "
                         f"(fewer than the tumours), got {k!r}.")
    return int(k)


@dataclass(frozen=True)
class PCAResult:
    """Principal components of an expression matrix.

    ``scores`` (tumours × PCs), ``explained`` (share of variance per PC, 0–1) and
    ``loadings`` (genes × PCs: how much each gene contributes).
    """

    scores: pd.DataFrame
    explained: np.ndarray
    loadings: pd.DataFrame


def pca(expression: pd.DataFrame, n_components: int = 10) -> PCAResult:
    """Principal component analysis of a (centred) expression matrix.

    The first component is the direction in which tumours differ most; a scatter plot of the
    first two shows the main structure. Signs are fixed so each component's largest loading is
    positive (reproducible plots).
    """
    frame = check_expression(expression, min_samples=3, min_genes=2)
    limit = min(frame.shape)
    if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)) \
            or not 1 <= n_components <= limit:
        raise ValueError(f"n_components must be a whole number from 1 to {limit}, got "
                         f"{n_components!r}.")
    # For tall matrices (more tumours than genes) the covariance route is faster and leaner.
    solver = "covariance_eigh" if frame.shape[1] <= frame.shape[0] else "full"
    model = PCA(n_components=int(n_components), svd_solver=solver)
    with single_thread():  # a C-ordered copy and one thread: fast and steady
        scores = model.fit_transform(np.ascontiguousarray(frame.to_numpy()))
    components = model.components_.copy()
    flip = np.sign(components[np.arange(len(components)),
                              np.abs(components).argmax(axis=1)])
    flip[flip == 0] = 1
    components *= flip[:, None]
    scores *= flip[None, :]
    names = [f"PC{i}" for i in range(1, int(n_components) + 1)]
    return PCAResult(pd.DataFrame(scores, index=frame.index, columns=names),
                     model.explained_variance_ratio_.copy(),
                     pd.DataFrame(components.T, index=frame.columns, columns=names))


def hierarchical_tree(expression: pd.DataFrame, method: str = "average",
                      metric: str = "correlation") -> np.ndarray:
    """The linkage matrix of hierarchical clustering of tumours (scipy format).

    ``metric="correlation"`` treats tumours with the same *pattern* as close, whatever their
    overall level; ``method="ward"`` requires ``metric="euclidean"``.
    """
    if method not in LINKAGES:
        raise ValueError(f"method must be one of {LINKAGES}, got {method!r}.")
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}.")
    if method == "ward" and metric != "euclidean":
        raise ValueError("Ward linkage needs metric='euclidean'.")
    frame = check_expression(expression, min_samples=3, min_genes=2)
    distances = pdist(np.ascontiguousarray(frame.to_numpy()), metric=metric)
    if not np.isfinite(distances).all():
        raise ValueError("Some tumours have the same value for every gene, so a correlation "
                         "distance is undefined; use metric='euclidean'.")
    return linkage(distances, method=method)


def cut_tree(tree: np.ndarray, k: int) -> np.ndarray:
    """Cut a linkage matrix into ``k`` clusters; labels 1…k numbered in tree (leaf) order."""
    if not isinstance(tree, np.ndarray):
        raise TypeError("tree must be a linkage matrix (numpy array) from hierarchical_tree().")
    if tree.ndim != 2 or tree.shape[1] != 4 or len(tree) < 1 \
            or not np.issubdtype(tree.dtype, np.number):
        raise ValueError("tree must be a linkage matrix with 4 numeric columns, as returned by "
                         "hierarchical_tree().")
    n = tree.shape[0] + 1
    k = _k(k, n)
    raw = fcluster(tree, t=k, criterion="maxclust")
    order = leaves_list(tree)
    renumber: dict[int, int] = {}
    for leaf in order:
        renumber.setdefault(int(raw[leaf]), len(renumber) + 1)
    return np.array([renumber[int(r)] for r in raw])


def hierarchical(expression: pd.DataFrame, k: int, method: str = "average",
                 metric: str = "correlation") -> pd.Series:
    """Hierarchical clustering of tumours into ``k`` groups (labels 1…k), indexed like the rows."""
    frame = check_expression(expression, min_samples=3, min_genes=2)
    labels = cut_tree(hierarchical_tree(frame, method, metric), _k(k, len(frame)))
    return pd.Series(labels, index=frame.index, name="cluster")


def kmeans(expression: pd.DataFrame, k: int, random_state: int = 0,
           n_init: int = 10) -> pd.Series:
    """k-means clustering into ``k`` groups (labels 1…k, numbered by size, largest first).

    Deterministic for a given ``random_state``; ``n_init`` starts guard against a poor start.
    """
    frame = check_expression(expression, min_samples=3)
    k = _k(k, len(frame))
    model = KMeans(n_clusters=k, random_state=random_state, n_init=n_init)
    with single_thread():  # steady timing on busy 2-core machines; same result
        raw = model.fit_predict(np.ascontiguousarray(frame.to_numpy()))
    sizes = np.bincount(raw, minlength=k)
    order = sorted(range(k), key=lambda c: (-sizes[c], c))
    renumber = {c: i + 1 for i, c in enumerate(order)}
    return pd.Series([renumber[int(r)] for r in raw], index=frame.index, name="cluster")


def choose_k(expression: pd.DataFrame, ks: Sequence[int] = range(2, 9),
             method: str = "kmeans", random_state: int = 0) -> pd.DataFrame:
    """Average silhouette width for each number of clusters ``k`` (higher = clearer groups).

    The silhouette compares how close each tumour is to its own cluster with the nearest other
    cluster (from −1 to 1). ``method`` is ``"kmeans"`` or ``"hierarchical"``.
    Returns a table with columns ``k`` and ``silhouette``.
    """
    if method not in ("kmeans", "hierarchical"):
        raise ValueError(f"method must be 'kmeans' or 'hierarchical', got {method!r}.")
    frame = check_expression(expression, min_samples=3)
    ks = [_k(k, len(frame)) for k in ks]
    if not ks:
        raise ValueError("Give at least one k to try.")
    tree = hierarchical_tree(frame) if method == "hierarchical" else None
    rows = []
    for k in ks:
        if tree is not None:
            labels = cut_tree(tree, k)
            metric = "correlation"
        else:
            labels = kmeans(frame, k, random_state=random_state).to_numpy()
            metric = "euclidean"
        with single_thread():
            score = silhouette_score(frame.to_numpy(), labels, metric=metric) \
                if len(set(labels)) > 1 else float("nan")
        rows.append({"k": k, "silhouette": float(score)})
    return pd.DataFrame(rows)
