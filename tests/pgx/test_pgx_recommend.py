"""Every drug's recommendations, looked up through the knowledge table."""

from __future__ import annotations

import pytest

from precisionmed import pgx

CASES = [
    ("clopidogrel", {"CYP2C19": "*1/*1"}, {"CYP2C19": "Normal Metabolizer"}, "standard dose",
     "Strong"),
    ("clopidogrel", {"CYP2C19": "*1/*2"}, {"CYP2C19": "Intermediate Metabolizer"}, "prasugrel",
     "Strong"),
    ("clopidogrel", {"CYP2C19": "*2/*3"}, {"CYP2C19": "Poor Metabolizer"}, "Avoid clopidogrel",
     "Strong"),
    ("codeine", {"CYP2D6": "*1/*2x2"}, {"CYP2D6": "Ultrarapid Metabolizer"}, "Avoid codeine",
     "Strong"),
    ("codeine", {"CYP2D6": "*1/*4"}, {"CYP2D6": "Intermediate Metabolizer"}, "label-recommended",
     "Moderate"),
    ("codeine", {"CYP2D6": "*4/*4"}, {"CYP2D6": "Poor Metabolizer"}, "not relieve pain",
     "Strong"),
    # tamoxifen: CPIC grades intermediate metabolizers by activity score (1.0 Optional,
    # 0.25-0.75 Moderate); *17/*29 scores 1.0
    ("tamoxifen", {"CYP2D6": "*17/*29"}, {"CYP2D6": "Intermediate Metabolizer"},
     "aromatase inhibitor", "Optional"),
    ("tamoxifen", {"CYP2D6": "*1/*1"}, {"CYP2D6": "Normal Metabolizer"}, "20 mg", "Strong"),
    ("mercaptopurine", {"TPMT": "*1/*3A", "NUDT15": "*1/*1"},
     {"TPMT": "Intermediate Metabolizer", "NUDT15": "Normal Metabolizer"}, "30–80%", "Strong"),
    ("mercaptopurine", {"TPMT": "*1/*1", "NUDT15": "*3/*3"},
     {"TPMT": "Normal Metabolizer", "NUDT15": "Poor Metabolizer"}, "10 mg/m²", "Strong"),
    ("azathioprine", {"TPMT": "*3A/*3A", "NUDT15": "*1/*1"},
     {"TPMT": "Poor Metabolizer", "NUDT15": "Normal Metabolizer"}, "not a thiopurine",
     "Strong"),
    ("azathioprine", {"TPMT": "*1/*1", "NUDT15": "*1/*1"},
     {"TPMT": "Normal Metabolizer", "NUDT15": "Normal Metabolizer"}, "normal dose", "Strong"),
    # DPYD: activity score 1.0 Strong, 1.5 Moderate, 0 and 0.5 Strong
    ("fluorouracil", {"DPYD": "Reference/c.1905+1G>A"}, {"DPYD": "Intermediate Metabolizer"},
     "50%", "Strong"),
    ("capecitabine", {"DPYD": "c.1905+1G>A/c.1679T>G"}, {"DPYD": "Poor Metabolizer"}, "Avoid",
     "Strong"),
    ("capecitabine", {"DPYD": "Reference/Reference"}, {"DPYD": "Normal Metabolizer"}, "label",
     "Strong"),
    ("simvastatin", {"SLCO1B1": "*1/*5"}, {"SLCO1B1": "Decreased Function"}, "20 mg", None),
    ("simvastatin", {"SLCO1B1": "*5/*15"}, {"SLCO1B1": "Poor Function"}, "another statin", None),
    ("simvastatin", {"SLCO1B1": "*1/*1"}, {"SLCO1B1": "Normal Function"}, "desired", None),
    ("abacavir", {"HLA-B": "*57:01/*07:02"}, {"HLA-B": "*57:01 Positive"}, "not recommended",
     "Strong"),
    ("abacavir", {"HLA-B": "*07:02/*08:01"}, {"HLA-B": "*57:01 Negative"}, "standard", "Strong"),
    ("carbamazepine", {"HLA-B": "*15:02/*07:02"}, {"HLA-B": "*15:02 Positive"}, "do not use",
     "Strong"),
    ("carbamazepine", {"HLA-B": "*57:01/*07:02"}, {"HLA-B": "*15:02 Negative"}, "standard", None),
    # CPIC allopurinol guideline (Hershfield et al. 2013; 2015 update), Table 2
    ("allopurinol", {"HLA-B": "*58:01/*07:02"}, {"HLA-B": "*58:01 Positive"}, "contraindicated",
     "Strong"),
    ("allopurinol", {"HLA-B": "*07:02/*08:01"}, {"HLA-B": "*58:01 Negative"}, "as usual",
     "Strong"),
    ("warfarin", {"CYP2C9": "*1/*3"}, {"CYP2C9": "Intermediate Metabolizer"}, "algorithm", None),
    ("warfarin", {"CYP2C9": "*3/*3"}, {"CYP2C9": "Poor Metabolizer"}, "another anticoagulant",
     None),
]


@pytest.mark.parametrize(("drug", "diplotypes", "phenotypes", "phrase", "strength"), CASES)
def test_recommendation(drug, diplotypes, phenotypes, phrase, strength) -> None:
    rec = pgx.recommend(drug, diplotypes)
    assert rec.phenotypes == phenotypes
    assert phrase in rec.text
    assert rec.strength == strength
    assert "CPIC" in rec.source


def test_every_drug_covered() -> None:
    assert {c[0] for c in CASES} == set(pgx.drugs())
    assert set(pgx.drugs()) >= {"clopidogrel", "codeine", "mercaptopurine", "azathioprine",
                                "fluorouracil", "capecitabine", "simvastatin", "abacavir",
                                "carbamazepine", "warfarin", "tamoxifen", "allopurinol"}


def test_drug_name_case_and_extra_genes() -> None:
    rec = pgx.recommend("Clopidogrel", {"CYP2C19": "*17/*17", "CYP2D6": "*1/*1"})
    assert rec.phenotypes == {"CYP2C19": "Ultrarapid Metabolizer"}


def test_every_table_row_is_sourced_and_reachable() -> None:
    table = pgx.load_recommendation_table()
    assert table["source"].str.len().min() > 10
    terms = set(pgx.METABOLIZER_TERMS) | set(pgx.TRANSPORTER_TERMS)
    for phen in table["phenotype"]:
        assert phen in terms or phen.endswith((" Positive", " Negative"))
