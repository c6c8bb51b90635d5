"""Lesson 07's science: finding the one variant that explains a child's rare disease.

Simplified for teaching, not for care. Public pieces:

- :func:`acmg_classify` (ACMG/AMP 2015 combining rules) with :func:`acmg_points`,
  :func:`points_class` and :func:`posterior_probability` (the Bayesian points view,
  Tavtigian 2018/2020), and :func:`classify` for both at once;
- :func:`inheritance_filter`, :func:`frequency_filter`, :func:`consequence_filter`,
  :func:`quality_filter` for a trio's exome table;
- :func:`phenotype_score`, :func:`rank_genes` (with :func:`describe_standing`), :func:`resnik`
  and :func:`ontology` for HPO phenotype matching with information content.
"""

from __future__ import annotations

from precisionmed.raredisease.acmg import (
    CLASSES,
    CRITERIA,
    Classification,
    acmg_classify,
    acmg_points,
    classify,
    parse_criterion,
    points_class,
    posterior_probability,
)
from precisionmed.raredisease.cases import (
    case_funnel,
    case_ids,
    case_info,
    case_terms,
    case_trio,
)
from precisionmed.raredisease.phenotype import (
    describe_standing,
    disease_genes,
    gene_terms,
    ontology,
    phenotype_score,
    rank_genes,
    resnik,
    term_table,
)
from precisionmed.raredisease.variants import (
    CONSEQUENCES,
    FUNNEL_STEPS,
    LOSS_OF_FUNCTION,
    MODES,
    PROTEIN_ALTERING,
    FunnelResult,
    TrioFunnel,
    child_variants,
    consequence_filter,
    frequency_filter,
    funnel,
    inheritance_filter,
    normalise_chrom,
    quality_filter,
)

__all__ = [
    "CLASSES", "CONSEQUENCES", "CRITERIA", "FUNNEL_STEPS", "LOSS_OF_FUNCTION", "MODES",
    "PROTEIN_ALTERING", "FunnelResult", "TrioFunnel", "funnel",
    "Classification", "acmg_classify", "acmg_points", "case_funnel", "case_ids",
    "case_info", "case_terms", "case_trio", "child_variants", "classify",
    "consequence_filter", "describe_standing", "disease_genes", "frequency_filter", "gene_terms",
    "inheritance_filter", "normalise_chrom", "ontology", "parse_criterion",
    "phenotype_score", "points_class", "posterior_probability", "quality_filter",
    "rank_genes", "resnik", "term_table",
]
