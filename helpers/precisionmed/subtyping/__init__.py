"""Molecular subtyping of tumours from gene expression (lesson 05).

Data flow: ``cohort`` loads the simulated matrix, clinic results and the published PAM50 model
→ ``normalise`` centres genes and removes lab batch effects → ``cluster`` finds groups (PCA,
hierarchical, k-means, silhouette) → ``pam50`` classifies by nearest centroid → ``agreement``
compares groupings → the core ``precisionmed.survival`` compares outcomes; ``receptors``
groups tumours by the clinic's ER/PR/HER2 tests. ``plotting`` draws on given axes and
``explorer`` is the cached pure layer behind the lesson's widget.

Expression matrices always have tumours as rows and genes as columns (log2 values).
"""

from __future__ import annotations

from precisionmed.subtyping.agreement import (
    adjusted_rand,
    confusion_table,
    match_clusters,
    percent_agreement,
)
from precisionmed.subtyping.cluster import (
    PCAResult,
    choose_k,
    cut_tree,
    hierarchical,
    hierarchical_tree,
    kmeans,
    pca,
)
from precisionmed.subtyping.cohort import (
    SUBTYPES,
    gene_aliases,
    load_answer_key,
    load_centroids,
    load_clinical,
    load_expression,
    pam50_genes,
)
from precisionmed.subtyping.normalise import centre_genes, centre_within_batches, top_variable_genes
from precisionmed.subtyping.pam50 import classify_pam50, spearman_to_centroids
from precisionmed.subtyping.receptors import RECEPTOR_GROUPS, receptor_group, receptor_groups
from precisionmed.subtyping.validate import check_expression

__all__ = [
    "RECEPTOR_GROUPS", "SUBTYPES", "PCAResult", "adjusted_rand", "centre_genes",
    "centre_within_batches", "check_expression", "choose_k", "classify_pam50", "confusion_table",
    "cut_tree", "gene_aliases", "hierarchical", "hierarchical_tree", "kmeans", "load_answer_key",
    "load_centroids", "load_clinical", "load_expression", "match_clusters", "pam50_genes", "pca",
    "percent_agreement", "receptor_group", "receptor_groups", "spearman_to_centroids",
    "top_variable_genes",
]
