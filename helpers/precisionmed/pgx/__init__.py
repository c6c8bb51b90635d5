"""Pharmacogenomics: genotype → star alleles → diplotype → activity score → phenotype → drug.

Facts come only from the knowledge tables in ``datasets/knowledge/pgx_*.csv`` (CPIC, PharmVar
via PharmCAT/PyPGx, IWPC), each row with its source. Simplified for teaching — not medical
advice.

>>> from precisionmed import pgx
>>> pgx.phenotype("CYP2C19", "*17/*2")
'Intermediate Metabolizer'
>>> pgx.activity_score("CYP2D6", "*1/*10")
1.25
>>> round(pgx.warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*1", "White"), 1)
41.9
"""

from precisionmed.pgx.alleles import Allele, normalize_diplotype, parse_allele, parse_diplotype
from precisionmed.pgx.calling import (
    DiplotypeCall,
    call_diplotype,
    callable_alleles,
    expected_genotypes,
    genotypes_from_vcf,
)
from precisionmed.pgx.exposure import (
    ACTIVITY_FACTOR,
    WINDOW_MG_L,
    ExposureCurve,
    concentration_curve,
    predicted_exposure,
)
from precisionmed.pgx.phenotype import (
    METABOLIZER_TERMS,
    TRANSPORTER_TERMS,
    activity_score,
    allele_function,
    phenotype,
    phenotype_rule,
    risk_alleles,
)
from precisionmed.pgx.population import expected_mix, expected_mix_table, observed_mix_table
from precisionmed.pgx.recommend import Recommendation, drug_genes, drugs, recommend
from precisionmed.pgx.report import GlassBoxReport, glass_box
from precisionmed.pgx.tables import (
    ACTIVITY_GENES,
    GENES,
    POPULATIONS,
    alleles,
    load_allele_table,
    load_frequency_table,
    load_phenotype_table,
    load_recommendation_table,
    load_variant_table,
    panel,
)
from precisionmed.pgx.warfarin import (
    CYP2C9_DIPLOTYPES,
    FIXED_DOSE_MG_WEEK,
    RACES,
    VKORC1_GENOTYPES,
    cohort_doses,
    iwpc_cyp2c9,
    warfarin_terms,
    warfarin_weekly_dose,
    within_20_summary,
)

__all__ = [
    "ACTIVITY_FACTOR", "ACTIVITY_GENES", "CYP2C9_DIPLOTYPES", "FIXED_DOSE_MG_WEEK", "GENES",
    "METABOLIZER_TERMS", "POPULATIONS", "RACES", "TRANSPORTER_TERMS", "VKORC1_GENOTYPES",
    "WINDOW_MG_L", "Allele", "DiplotypeCall", "ExposureCurve", "GlassBoxReport", "Recommendation",
    "activity_score", "allele_function", "alleles", "call_diplotype", "callable_alleles",
    "cohort_doses", "concentration_curve", "drug_genes", "drugs", "expected_genotypes",
    "expected_mix", "expected_mix_table", "glass_box", "genotypes_from_vcf", "iwpc_cyp2c9",
    "load_allele_table", "load_frequency_table", "load_phenotype_table",
    "load_recommendation_table", "load_variant_table", "normalize_diplotype",
    "observed_mix_table", "panel", "parse_allele", "parse_diplotype", "phenotype",
    "phenotype_rule", "predicted_exposure", "recommend", "risk_alleles", "warfarin_terms",
    "warfarin_weekly_dose", "within_20_summary",
]
