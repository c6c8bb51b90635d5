"""Pinned diplotype → phenotype and activity-score cases from the CPIC tables (fact sheet A)."""

from __future__ import annotations

import pytest

from precisionmed import pgx

CASES = [
    # CYP2C19 (CPIC 2022 rules via PharmCAT)
    ("CYP2C19", "*1/*1", "Normal Metabolizer"),
    ("CYP2C19", "*1/*38", "Normal Metabolizer"),
    ("CYP2C19", "*1/*17", "Rapid Metabolizer"),
    ("CYP2C19", "*17/*1", "Rapid Metabolizer"),
    ("CYP2C19", "*17/*17", "Ultrarapid Metabolizer"),
    ("CYP2C19", "*1/*2", "Intermediate Metabolizer"),
    ("CYP2C19", "*1/*3", "Intermediate Metabolizer"),
    ("CYP2C19", "*2/*17", "Intermediate Metabolizer"),
    ("CYP2C19", "*3/*17", "Intermediate Metabolizer"),
    ("CYP2C19", "*1/*9", "Likely Intermediate Metabolizer"),
    ("CYP2C19", "*9/*9", "Likely Intermediate Metabolizer"),
    ("CYP2C19", "*2/*2", "Poor Metabolizer"),
    ("CYP2C19", "*2/*3", "Poor Metabolizer"),
    ("CYP2C19", "*3/*3", "Poor Metabolizer"),
    ("CYP2C19", "*2/*4", "Poor Metabolizer"),
    ("CYP2C19", "*2/*9", "Likely Poor Metabolizer"),
    # CYP2D6 (Caudle 2020 consensus)
    ("CYP2D6", "*1/*1", "Normal Metabolizer"),
    ("CYP2D6", "*1/*2", "Normal Metabolizer"),
    ("CYP2D6", "*1/*10", "Normal Metabolizer"),
    ("CYP2D6", "*1/*41", "Normal Metabolizer"),
    ("CYP2D6", "*1/*4", "Intermediate Metabolizer"),
    ("CYP2D6", "*10/*10", "Intermediate Metabolizer"),
    ("CYP2D6", "*4/*10", "Intermediate Metabolizer"),
    ("CYP2D6", "*4/*41", "Intermediate Metabolizer"),
    ("CYP2D6", "*17/*29", "Intermediate Metabolizer"),
    ("CYP2D6", "*41/*41", "Intermediate Metabolizer"),
    ("CYP2D6", "*4/*4", "Poor Metabolizer"),
    ("CYP2D6", "*4/*5", "Poor Metabolizer"),
    ("CYP2D6", "*5/*5", "Poor Metabolizer"),
    ("CYP2D6", "*3/*6", "Poor Metabolizer"),
    ("CYP2D6", "*4x2/*4", "Poor Metabolizer"),
    ("CYP2D6", "*1x2/*1", "Ultrarapid Metabolizer"),
    ("CYP2D6", "*1/*2x2", "Ultrarapid Metabolizer"),
    ("CYP2D6", "*1x2/*4", "Normal Metabolizer"),
    ("CYP2D6", "*36+*10/*10", "Intermediate Metabolizer"),
    ("CYP2D6", "*9/*41", "Intermediate Metabolizer"),
    # CYP2C9 (activity score)
    ("CYP2C9", "*1/*1", "Normal Metabolizer"),
    ("CYP2C9", "*1/*2", "Intermediate Metabolizer"),
    ("CYP2C9", "*1/*3", "Intermediate Metabolizer"),
    ("CYP2C9", "*2/*2", "Intermediate Metabolizer"),
    ("CYP2C9", "*2/*3", "Poor Metabolizer"),
    ("CYP2C9", "*3/*3", "Poor Metabolizer"),
    ("CYP2C9", "*1/*8", "Intermediate Metabolizer"),
    # TPMT, NUDT15
    ("TPMT", "*1/*1", "Normal Metabolizer"),
    ("TPMT", "*1/*3A", "Intermediate Metabolizer"),
    ("TPMT", "*3C/*1", "Intermediate Metabolizer"),
    ("TPMT", "*3A/*3A", "Poor Metabolizer"),
    ("TPMT", "*3A/*3C", "Poor Metabolizer"),
    ("TPMT", "*2/*3B", "Poor Metabolizer"),
    ("NUDT15", "*1/*1", "Normal Metabolizer"),
    ("NUDT15", "*1/*3", "Intermediate Metabolizer"),
    ("NUDT15", "*3/*3", "Poor Metabolizer"),
    ("NUDT15", "*1/*4", "Indeterminate"),
    # DPYD (activity score)
    ("DPYD", "Reference/Reference", "Normal Metabolizer"),
    ("DPYD", "Reference/c.85T>C", "Normal Metabolizer"),
    ("DPYD", "Reference/c.1905+1G>A", "Intermediate Metabolizer"),
    ("DPYD", "Reference/c.2846A>T", "Intermediate Metabolizer"),
    ("DPYD", "c.1129-5923C>G/c.2846A>T", "Intermediate Metabolizer"),
    ("DPYD", "c.1905+1G>A/c.2846A>T", "Poor Metabolizer"),
    ("DPYD", "c.1905+1G>A/c.1679T>G", "Poor Metabolizer"),
    # SLCO1B1
    ("SLCO1B1", "*1/*1", "Normal Function"),
    ("SLCO1B1", "*1/*37", "Normal Function"),
    ("SLCO1B1", "*1/*14", "Normal Function"),
    ("SLCO1B1", "*14/*14", "Increased Function"),
    ("SLCO1B1", "*1/*5", "Decreased Function"),
    ("SLCO1B1", "*1/*15", "Decreased Function"),
    ("SLCO1B1", "*5/*5", "Poor Function"),
    ("SLCO1B1", "*5/*15", "Poor Function"),
    ("SLCO1B1", "*15/*15", "Poor Function"),
    # HLA-B
    ("HLA-B", "*57:01/*07:02", "*57:01 Positive"),
    ("HLA-B", "*07:02/*57:01", "*57:01 Positive"),
    ("HLA-B", "*15:02/*40:01", "*15:02 Positive"),
]


@pytest.mark.parametrize(("gene", "diplotype", "expected"), CASES)
def test_phenotype_pinned(gene: str, diplotype: str, expected: str) -> None:
    assert pgx.phenotype(gene, diplotype) == expected


def test_at_least_sixty_cases_across_all_genes() -> None:
    assert len(CASES) >= 60
    assert {g for g, _, _ in CASES} == set(pgx.GENES) - {"VKORC1"}


@pytest.mark.parametrize(("gene", "diplotype"), [(g, d) for g, d, _ in CASES if g != "HLA-B"])
def test_order_does_not_matter(gene: str, diplotype: str) -> None:
    a, b = diplotype.split("/")
    assert pgx.phenotype(gene, f"{b}/{a}") == pgx.phenotype(gene, diplotype)


@pytest.mark.parametrize(("gene", "diplotype", "score"), [
    ("CYP2D6", "*1/*10", 1.25), ("CYP2D6", "*10/*10", 0.5), ("CYP2D6", "*4/*10", 0.25),
    ("CYP2D6", "*1x2/*1", 3.0), ("CYP2D6", "*4x2/*1", 1.0), ("CYP2D6", "*1/*4", 1.0),
    ("CYP2D6", "*36+*10/*1", 1.25), ("CYP2D6", "*17/*29", 1.0), ("CYP2C9", "*1/*2", 1.5),
    ("CYP2C9", "*1/*3", 1.0), ("CYP2C9", "*2/*2", 1.0), ("CYP2C9", "*2/*3", 0.5),
    ("CYP2C9", "*3/*3", 0.0), ("DPYD", "Reference/c.1905+1G>A", 1.0),
    ("DPYD", "c.2846A>T/c.1129-5923C>G", 1.0), ("DPYD", "Reference/Reference", 2.0),
])
def test_activity_score_pinned(gene: str, diplotype: str, score: float) -> None:
    assert pgx.activity_score(gene, diplotype) == pytest.approx(score)


def test_cyp2d6_activity_one_is_intermediate_not_normal() -> None:
    # The 2020 consensus moved AS 1.0 from normal to intermediate.
    assert pgx.activity_score("CYP2D6", "*1/*4") == 1.0
    assert pgx.phenotype("CYP2D6", "*1/*4") == "Intermediate Metabolizer"


def test_hla_b_risk_allele_argument() -> None:
    assert pgx.phenotype("HLA-B", "*57:01/*07:02", risk_allele="*15:02") == "*15:02 Negative"
    assert pgx.phenotype("HLA-B", "*07:02/*08:01") == (
        "*15:02 Negative; *57:01 Negative; *58:01 Negative")


def test_hla_b_5801_is_cpics_allopurinol_risk_allele() -> None:
    """CPIC HLA-B/allopurinol guideline (Hershfield et al. 2013; 2015 update): carriers of
    HLA-B*58:01 (one copy is enough) are 'Positive'; the allele was once mislabelled here."""
    assert pgx.allele_function("HLA-B", "*58:01") == "Risk allele"
    assert "*58:01" in pgx.risk_alleles("HLA-B")
    assert pgx.phenotype("HLA-B", "*58:01/*44:02") == "*58:01 Positive"
    assert pgx.phenotype("HLA-B", "*58:01/*57:01", risk_allele="*58:01") == "*58:01 Positive"
    assert pgx.phenotype("HLA-B", "*07:02/*08:01", risk_allele="*58:01") == "*58:01 Negative"


def test_hla_coverage_names_hla_a_3101_for_carbamazepine() -> None:
    from precisionmed.pgx.tables import HLA_COVERAGE

    assert HLA_COVERAGE == {"HLA-B*57:01": "abacavir", "HLA-B*15:02": "carbamazepine",
                            "HLA-B*58:01": "allopurinol"}
    text = pgx.recommend("carbamazepine", {"HLA-B": "*07:02/*08:01"}).text
    assert "HLA-A*31:01" in text and "not type HLA-A" in text


def test_terms_are_cpic_terms() -> None:
    allowed = set(pgx.METABOLIZER_TERMS) | set(pgx.TRANSPORTER_TERMS)
    for gene, diplotype, _ in CASES:
        if gene != "HLA-B":
            assert pgx.phenotype(gene, diplotype) in allowed


def test_activity_score_rejects_function_genes() -> None:
    with pytest.raises(ValueError, match="activity score"):
        pgx.activity_score("CYP2C19", "*1/*2")


def test_vkorc1_has_no_phenotype_term() -> None:
    with pytest.raises(ValueError, match="VKORC1"):
        pgx.phenotype("VKORC1", "G/A")
