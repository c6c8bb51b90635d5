"""Lesson 07's simulated families and HPO knowledge tables: reproducible, realistic, sourced,
and each planted cause is found by the filters while the traps are not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from precisionmed import data, raredisease
from precisionmed.raredisease import simulate

MODES = {"RD-01": "de novo", "RD-02": "autosomal recessive", "RD-03": "compound heterozygous",
         "RD-04": "X-linked recessive"}


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    return data.load("raredisease/cases")


def test_build_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    written = simulate.build(tmp_path)
    root = data.datasets_dir()
    assert written
    for path in written:
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (root / rel).read_bytes(), rel


def test_trio_exome_counts_are_realistic(cases: pd.DataFrame) -> None:
    exome = data.load("raredisease/trio_exome")
    # ≈20,000 coding variants per person (1000 Genomes 2010: 20,000–23,000)
    assert cases["child_variants"].between(17_000, 23_000).all()
    assert 17_000 <= len(exome) <= 23_000
    # a few hundred rare (< 0.1%) and a few dozen private (absent) variants
    assert 150 <= int((exome["gnomad_af"] < 0.001).sum()) <= 600
    assert 20 <= int((exome["gnomad_af"] == 0).sum()) <= 90
    shares = exome["consequence"].value_counts(normalize=True)
    assert 0.45 <= shares["synonymous"] <= 0.55 and 0.40 <= shares["missense"] <= 0.52
    assert 150 <= int((exome["consequence"] == "frameshift").sum()) <= 320
    # about one true de novo coding variant: few pass quality and the filters
    passing = raredisease.quality_filter(exome)
    assert 1 <= len(raredisease.inheritance_filter(passing, "de novo", "female")) <= 4
    # while low-quality artefacts look de novo and must be filtered out
    assert len(raredisease.inheritance_filter(exome, "de novo", "female")) >= 10


@pytest.mark.parametrize("case_id,mode", list(MODES.items()))
def test_planted_cause_is_what_the_funnel_leaves(case_id: str, mode: str) -> None:
    key = data.load("raredisease/answer_key").set_index("case_id")
    result = raredisease.case_funnel(case_id).run(0.01, mode, raredisease.case_terms(case_id))
    assert sorted(result.finalists["variant_id"]) == sorted(key.loc[case_id, "variant_ids"]
                                                            .split(";"))
    assert key.loc[case_id, "mode"] == mode
    assert set(result.finalists["gene"]) == {key.loc[case_id, "gene"]}


def test_the_undiagnosed_case_leaves_nothing_in_any_mode() -> None:
    funnel = raredisease.case_funnel("RD-05")
    for mode in ("de novo", "autosomal recessive", "compound heterozygous"):
        assert funnel.run(0.01, mode, raredisease.case_terms("RD-05")).counts[-1] == 0
    assert data.load("raredisease/answer_key").set_index("case_id").loc["RD-05", "gene"] == \
        "none found"


def test_cis_trap_and_inherited_decoys() -> None:
    aiyana = raredisease.case_trio("RD-03")
    aspm = raredisease.frequency_filter(aiyana[aiyana["gene"] == "ASPM"], 0.01)
    assert len(aspm) == 2 and set(aspm["mother_gt"]) == {"0/1"} and set(aspm["father_gt"]) \
        == {"0/0"}
    pairs = raredisease.inheritance_filter(aiyana, "compound heterozygous", "female")
    assert "ASPM" not in set(pairs["gene"]) and "DHCR7" in set(pairs["gene"])
    lina = raredisease.case_trio("RD-01")
    kcnq2 = raredisease.frequency_filter(lina[lina["gene"] == "KCNQ2"], 0.01)
    assert len(kcnq2) == 1 and kcnq2["father_gt"].iloc[0] == "0/1"


def test_stored_extracts_add_up(cases: pd.DataFrame) -> None:
    extracts = data.load("raredisease/case_variants")
    for _, row in cases.iterrows():
        if row["case_id"] == "RD-01":
            assert row["not_stored"] == 0
            continue
        stored = extracts[extracts["case_id"] == row["case_id"]]
        assert stored["gnomad_af"].max() <= 0.01
        assert len(stored) + row["not_stored"] == row["child_variants"]
        assert row["not_stored_pass"] <= row["not_stored"]


def test_files_stay_small() -> None:
    root = data.datasets_dir()
    size = sum(p.stat().st_size for p in (root / "raredisease").iterdir())
    assert size < 1_700_000, f"datasets/raredisease is {size:,} bytes"


def test_recurring_family_is_added_beside_the_recurring_patients() -> None:
    family = data.load("patients/families")
    assert list(family["person_id"]) == ["PM-006", "PM-007", "PM-008"]
    assert list(family["role"]) == ["child", "mother", "father"]
    recurring = data.load("patients/recurring")
    assert list(recurring["patient_id"]) == [f"PM-00{i}" for i in range(1, 6)]
    assert raredisease.case_info("RD-01")["child"] == family["name"].iloc[0]


def test_hpo_subset_is_closed_sourced_and_licensed() -> None:
    terms = data.load("knowledge/rare_hpo_terms")
    genes = data.load("knowledge/rare_gene_phenotypes")
    ids = set(terms["hpo_id"])
    for parents in terms["parents"].dropna():
        assert set(parents.split(";")) <= ids
    assert set(genes["hpo_id"]) <= ids
    assert terms["source"].str.contains("HPO 2025-01-16").all()
    assert genes["source"].str.contains("phenotype.hpoa").all()
    for name in ("knowledge/rare_hpo_terms", "knowledge/rare_gene_phenotypes"):
        spec = data.schema(name)
        assert spec["version"] == "2025-01-16"
        assert "neither the content nor the logical relationships" in spec["licence"]
    # 12,680 diseases with a phenotype annotation in the 2025-01-16 release
    assert int(terms.loc[terms["hpo_id"] == "HP:0000001", "diseases_annotated"].iloc[0]) \
        == 12_680
    assert genes.groupby("gene")["disease_id"].nunique().eq(1).all()
    assert set(genes.loc[genes["gene"] == "DMD", "inheritance"]) == {"X-linked recessive"}


def test_case_loaders_refuse_bad_ids() -> None:
    for bad in ("RD-99", 3, None):
        with pytest.raises((ValueError, TypeError)):
            raredisease.case_funnel(bad)
