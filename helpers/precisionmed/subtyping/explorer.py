"""The pure, cached layer behind lesson 05's clustering explorer.

:class:`SubtypeExplorer` answers "what do PCA and clustering show for k clusters, the n most
variable genes, with or without lab correction?" for a fixed cohort. Everything that does not
depend on a control is computed once: the centred matrix per batch setting, the gene ranking,
the gene–gene covariance (PCA for any n then needs only a small eigen-decomposition; released
once every offered gene count has its PCA), and each PCA, tree and k-means result is cached, so
moving a control back and forth is instant.

Clustering here runs on the first 10 principal components of the chosen genes (a common,
fast way to drop noise first); the lesson shows clustering on the genes themselves too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.linalg import eigh
from scipy.spatial.distance import pdist
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from precisionmed.subtyping._threads import single_thread
from precisionmed.subtyping.agreement import confusion_table
from precisionmed.subtyping.cohort import SUBTYPES
from precisionmed.subtyping.normalise import centre_genes, centre_within_batches
from precisionmed.subtyping.validate import check_expression

#: Choices offered by the widget.
K_RANGE = (2, 8)
GENE_CHOICES = (25, 50, 100, 200, 300, 500)
N_PCS = 10


@dataclass(frozen=True)
class ExplorerResult:
    """What the explorer shows for one setting of the controls."""

    k: int
    n_genes: int
    batch_corrected: bool
    scores: np.ndarray            # tumours × 2 (PC1, PC2)
    explained: np.ndarray         # share of variation of PC1 and PC2 (0–1)
    kmeans_labels: np.ndarray     # 1…k
    hierarchical_labels: np.ndarray
    ari_kmeans: float
    ari_hierarchical: float
    confusion: pd.DataFrame       # true subtype × k-means cluster
    heatmap: np.ndarray           # PAM50 genes (clustered) × tumours, tumours in tree order
    order: np.ndarray             # tumour order used by the heatmap
    truth_ordered: np.ndarray     # true subtype per tumour, in heatmap order
    pam50_in_top: int             # PAM50 genes among the chosen genes
    lab_pc1: float                # |correlation| of PC1 with the lab (1 = PC1 is the lab)
    genes: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        """One plain sentence with the numbers that matter."""
        return (f"k = {self.k}, top {self.n_genes} genes, lab correction "
                f"{'on' if self.batch_corrected else 'off'}: agreement with the true subtypes "
                f"(adjusted Rand index) is {self.ari_kmeans:.2f} for k-means and "
                f"{self.ari_hierarchical:.2f} for hierarchical clustering; PC1 follows the lab "
                f"with |r| = {self.lab_pc1:.2f}.")


def describe_explorer(result: ExplorerResult) -> str:
    """Alt text for the explorer figure."""
    if not isinstance(result, ExplorerResult):
        raise TypeError(f"result must be an ExplorerResult, got {type(result).__name__}.")
    lab = ("the first component mostly separates the two labs"
           if result.lab_pc1 > 0.5 else "the first component does not separate the labs")
    return (f"Three panels: tumours on the first two principal components, each marked "
            f"with the shape and number of one of {result.k} k-means clusters ({lab}); a "
            "heatmap of the 50 PAM50 genes with tumours ordered by hierarchical clustering "
            "and a strip of their true subtypes; and a table of true subtype against cluster "
            f"(adjusted Rand index {result.ari_kmeans:.2f}).")


def _pca_from_cov(centred: np.ndarray, cov: np.ndarray, idx: np.ndarray,
                  n_pcs: int) -> tuple[np.ndarray, np.ndarray]:
    sub = cov[np.ix_(idx, idx)]
    m = len(idx)
    n_pcs = min(n_pcs, m)
    values, vectors = eigh(sub, subset_by_index=[m - n_pcs, m - 1])
    values, vectors = values[::-1], vectors[:, ::-1]
    flip = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    flip[flip == 0] = 1
    vectors = vectors * flip
    scores = centred[:, idx] @ vectors
    explained = values / np.trace(sub)
    return scores, explained


class SubtypeExplorer:
    """Cached PCA and clustering of one cohort for any (k, number of genes, batch setting).

    Parameters
    ----------
    expression
        Tumours × genes, log2 (the raw matrix, batch effect included).
    labs
        Lab (batch) of each tumour, in row order.
    truth
        True subtype of each tumour (answer key), in row order, used only to score agreement.
    pam50
        The PAM50 gene names (rows of the heatmap).
    """

    def __init__(self, expression: pd.DataFrame, labs: Sequence[object],
                 truth: Sequence[object], pam50: Sequence[str], random_state: int = 0) -> None:
        frame = check_expression(expression, min_samples=10)
        self.index = frame.index
        self.raw = frame
        self.labs = np.asarray([str(x) for x in labs], dtype=object)
        self.truth = np.asarray([str(x) for x in truth], dtype=object)
        if not len(self.labs) == len(self.truth) == len(frame):
            raise ValueError("labs and truth need one entry per tumour.")
        missing = [g for g in pam50 if g not in frame.columns]
        if missing:
            raise ValueError(f"expression lacks PAM50 genes {missing}.")
        self.pam50 = list(pam50)
        self.random_state = random_state
        self._lab2 = (self.labs == sorted(set(self.labs))[-1]).astype(float)
        # Caches (plain dicts keyed by settings; lru_cache would keep `self` alive).
        self._prepared: dict[bool, tuple[np.ndarray, np.ndarray, list[str]]] = {}
        self._cov: dict[bool, np.ndarray] = {}
        self._pca: dict[tuple[bool, int], tuple[np.ndarray, np.ndarray]] = {}
        self._tree: dict[tuple[bool, int], np.ndarray] = {}
        self._kmeans: dict[tuple[bool, int, int], np.ndarray] = {}
        self._results: dict[tuple[int, int, bool], ExplorerResult] = {}
        self._gene_order: dict[bool, np.ndarray] = {}

    def warm(self, gene_choices: Sequence[int] = GENE_CHOICES,
             n_genes: int = 200) -> SubtypeExplorer:
        """Precompute what the widget needs first, for both lab settings.

        Centring, PCA and trees for each of ``gene_choices``, and k-means for every k at
        ``n_genes`` (the widget's starting gene count). Other k-means runs happen on first use
        (about 15 ms each) and are cached.
        """
        with single_thread():
            for batch in (False, True):
                for n in gene_choices:
                    self.tree(batch, int(n))
                for kk in range(K_RANGE[0], K_RANGE[1] + 1):
                    self.kmeans_labels(batch, n_genes, kk)
        if all((batch, int(n)) in self._pca for batch in (False, True) for n in GENE_CHOICES):
            # Every gene count the widget offers has its PCA: the gene-gene covariance (2 MB
            # per lab setting) is only needed again for another count, and is then recomputed
            # (one thread, the same numbers).
            self._cov.clear()
        return self

    def _prepare(self, batch: bool) -> tuple[np.ndarray, np.ndarray, list[str]]:
        if batch not in self._prepared:
            frame = centre_within_batches(self.raw, self.labs) if batch else self.raw
            centred = centre_genes(frame, how="mean").to_numpy()
            centred = np.ascontiguousarray(centred)
            variance = centred.var(axis=0, ddof=1)
            ranking = np.argsort(-variance, kind="stable")
            names = list(self.raw.columns)
            pam_idx = [names.index(g) for g in self.pam50]
            gene_tree = linkage(pdist(centred[:, pam_idx].T, metric="correlation"), "average")
            self._gene_order[batch] = np.asarray(pam_idx)[leaves_list(gene_tree)]
            self._prepared[batch] = (centred, ranking, names)
        return self._prepared[batch]

    def _covariance(self, batch: bool) -> np.ndarray:
        """Gene-gene covariance of the centred matrix (computed on one thread: repeatable)."""
        if batch not in self._cov:
            centred = self._prepare(batch)[0]
            with single_thread():
                self._cov[batch] = centred.T @ centred / (len(centred) - 1)
        return self._cov[batch]

    def pcs(self, batch: bool, n_genes: int) -> tuple[np.ndarray, np.ndarray]:
        """First 10 principal-component scores and explained shares for the top genes."""
        key = (batch, n_genes)
        if key not in self._pca:
            centred, ranking, _ = self._prepare(batch)
            self._pca[key] = _pca_from_cov(centred, self._covariance(batch), ranking[:n_genes],
                                           N_PCS)
        return self._pca[key]

    def tree(self, batch: bool, n_genes: int) -> np.ndarray:
        """Average-linkage tree (Euclidean) of tumours on the first 10 PCs."""
        key = (batch, n_genes)
        if key not in self._tree:
            scores, _ = self.pcs(batch, n_genes)
            self._tree[key] = linkage(pdist(scores), method="average")
        return self._tree[key]

    def kmeans_labels(self, batch: bool, n_genes: int, k: int) -> np.ndarray:
        """k-means labels 1…k (largest cluster first) on the first 10 PCs."""
        key = (batch, n_genes, k)
        if key not in self._kmeans:
            scores, _ = self.pcs(batch, n_genes)
            raw = KMeans(n_clusters=k, random_state=self.random_state,
                         n_init=10).fit_predict(scores)
            sizes = np.bincount(raw, minlength=k)
            order = sorted(range(k), key=lambda c: (-sizes[c], c))
            renumber = np.empty(k, dtype=int)
            for i, c in enumerate(order):
                renumber[c] = i + 1
            self._kmeans[key] = renumber[raw]
        return self._kmeans[key]

    def result(self, k: int, n_genes: int, batch_corrected: bool) -> ExplorerResult:
        """Everything the widget shows for one setting (cached)."""
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) \
                or not K_RANGE[0] <= k <= K_RANGE[1]:
            raise ValueError(f"k must be a whole number from {K_RANGE[0]} to {K_RANGE[1]}, "
                             f"got {k!r}.")
        n_all = self.raw.shape[1]
        if isinstance(n_genes, bool) or not isinstance(n_genes, (int, np.integer)) \
                or not N_PCS <= n_genes <= n_all:
            raise ValueError(f"n_genes must be a whole number from {N_PCS} to {n_all}, got "
                             f"{n_genes!r}.")
        batch = bool(batch_corrected)
        key = (int(k), int(n_genes), batch)
        if key not in self._results:
            # One thread: on a shared 2-core machine, thread pools that wait for busy cores
            # turn a 15 ms k-means into a second-long stall.
            with single_thread():
                self._results[key] = self._compute(int(k), int(n_genes), batch)
        return self._results[key]

    def _compute(self, k: int, n_genes: int, batch: bool) -> ExplorerResult:
        centred, ranking, names = self._prepare(batch)
        scores, explained = self.pcs(batch, int(n_genes))
        tree = self.tree(batch, int(n_genes))
        hier = fcluster(tree, t=int(k), criterion="maxclust")
        km = self.kmeans_labels(batch, int(n_genes), int(k))
        order = leaves_list(tree)
        heat = centred[np.ix_(order, self._gene_order[batch])].T
        cols = [str(c) for c in range(1, int(k) + 1)]
        confusion = confusion_table(self.truth, [str(x) for x in km], SUBTYPES, cols)
        chosen = {names[i] for i in ranking[: int(n_genes)]}
        lab_r = np.corrcoef(scores[:, 0], self._lab2)[0, 1] if self._lab2.std() > 0 else 0.0
        result = ExplorerResult(
            k=int(k), n_genes=int(n_genes), batch_corrected=batch,
            scores=scores[:, :2], explained=explained[:2], kmeans_labels=km,
            hierarchical_labels=hier,
            ari_kmeans=float(adjusted_rand_score(self.truth, km)),
            ari_hierarchical=float(adjusted_rand_score(self.truth, hier)),
            confusion=confusion, heatmap=heat, order=order,
            truth_ordered=self.truth[order],
            pam50_in_top=len(chosen & set(self.pam50)), lab_pc1=float(abs(lab_r)),
            genes=tuple(names[i] for i in ranking[: int(n_genes)]),
        )
        return result


@lru_cache(maxsize=1)
def course_explorer() -> SubtypeExplorer:
    """The explorer for the course's simulated cohort (built once per session)."""
    from precisionmed.subtyping.cohort import (
        load_answer_key,
        load_clinical,
        load_expression,
        pam50_genes,
    )

    expression = load_expression()
    clinical = load_clinical().loc[expression.index]
    truth = load_answer_key().loc[expression.index]
    return SubtypeExplorer(expression, clinical["lab"], truth, pam50_genes()).warm()
