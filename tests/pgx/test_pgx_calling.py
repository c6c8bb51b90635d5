"""Calling diplotypes from unphased genotypes, including the simulated VCF round trip."""

from __future__ import annotations

import pytest

from precisionmed import data, pgx
from precisionmed.vcf import read_vcf


def _none(gene: str) -> dict[str, str]:
    return {rsid: "0/0" for rsid in pgx.panel(gene)}


def test_reference_call() -> None:
    assert pgx.call_diplotype("CYP2C19", _none("CYP2C19")) == "*1/*1"
    assert pgx.call_diplotype("DPYD", _none("DPYD")) == "Reference/Reference"
    assert pgx.call_diplotype("VKORC1", {"rs9923231": "0/1"}) == "G/A"


def test_cyp2c19_star2_star17() -> None:
    g = _none("CYP2C19") | {"rs4244285": "0/1", "rs12248560": "0/1"}
    call = pgx.call_diplotype("CYP2C19", g)
    assert call.diplotype == "*2/*17" and not call.ambiguous


def test_tpmt_unphased_ambiguity_is_reported() -> None:
    g = _none("TPMT") | {"rs1800460": "0/1", "rs1142345": "0/1"}
    call = pgx.call_diplotype("TPMT", g)
    assert call.diplotype == "*1/*3A"
    assert call.alternatives == ("*3B/*3C",)
    assert call.ambiguous and "*3B/*3C" in call.note


def test_cyp2d6_copy_number() -> None:
    het_2 = _none("CYP2D6") | {"rs16947": "0/1", "rs1135840": "0/1"}
    call = pgx.call_diplotype("CYP2D6", het_2, copies=3)
    assert {call.diplotype, *call.alternatives} == {"*1/*2x2", "*1x2/*2"}
    hemi = _none("CYP2D6") | {"rs3892097": "1/1"}
    assert pgx.call_diplotype("CYP2D6", hemi, copies=1) == "*4/*5"
    assert pgx.call_diplotype("CYP2D6", hemi) == "*4/*4"


@pytest.mark.parametrize(("gene", "diplotype"), [
    ("CYP2C19", "*2/*17"), ("CYP2D6", "*17/*29"), ("CYP2D6", "*1/*41"), ("CYP2C9", "*2/*3"),
    ("SLCO1B1", "*1/*15"), ("NUDT15", "*3/*4"), ("DPYD", "Reference/c.557A>G"),
])
def test_expected_genotypes_round_trip(gene: str, diplotype: str) -> None:
    call = pgx.call_diplotype(gene, pgx.expected_genotypes(gene, diplotype))
    assert diplotype in {call.diplotype, *call.alternatives}


def test_simulated_vcf_matches_answer_key() -> None:
    vcf = read_vcf(data.path("pgx/genotypes"))
    key = data.load("pgx/answer_key")
    copies = dict(zip(*data.load("pgx/cyp2d6_copies").to_dict("list").values(), strict=True))
    genes = ["CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "SLCO1B1", "TPMT", "NUDT15", "DPYD"]
    mismatches = []
    for row in key.itertuples(index=False):
        genotypes = pgx.genotypes_from_vcf(vcf, row.patient_id)
        for gene in genes:
            call = pgx.call_diplotype(gene, genotypes,
                                      int(copies[row.patient_id]) if gene == "CYP2D6" else 2)
            truth = getattr(row, gene.lower())
            if truth not in {call.diplotype, *call.alternatives}:
                mismatches.append((row.patient_id, gene, truth, call.diplotype))
    assert mismatches == []


def test_recurring_patients_in_cohort() -> None:
    key = data.load("pgx/answer_key").set_index("patient_id")
    assert key.loc["PM-002", "cyp2c19"] == "*2/*3"
    assert key.loc["PM-003", "cyp2c9"] == "*1/*2" and key.loc["PM-003", "vkorc1"] == "G/A"
    assert key.loc["PM-004", "cyp2d6"] == "*1/*2x2"
    assert key.loc["PM-005", "dpyd"] == "Reference/c.1905+1G>A"
    assert key.loc["PM-001", "cyp2d6"] == "*17/*29"


def test_cohort_size_and_populations() -> None:
    patients = data.load("pgx/patients")
    assert len(patients) >= 1000
    assert patients["population"].value_counts().min() >= 200
    warf = patients[patients["on_warfarin"]]
    assert warf["true_dose_mg_week"].notna().all()
    assert patients.loc[~patients["on_warfarin"], "true_dose_mg_week"].isna().all()
