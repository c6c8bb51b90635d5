"""Lesson 05's simulated cohort and knowledge tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from precisionmed import data
from precisionmed import subtyping as st
from precisionmed.data import recurring_patients
from precisionmed.subtyping import simulate as sim


def test_knowledge_tables_have_sources_and_status() -> None:
    for name in ("knowledge/subtype_pam50_centroids", "knowledge/subtype_intrinsic",
                 "knowledge/subtype_cms_colorectal", "knowledge/subtype_shared_features"):
        table = data.load(name)
        assert table["source"].str.len().min() > 10, name
        assert set(table["status"]) <= {"V", "D"}, name
        assert data.schema(name)["version"][:2] in ("19", "20"), name


def test_centroid_table_has_all_50_pam50_genes() -> None:
    table = data.load("knowledge/subtype_pam50_centroids")
    assert len(table) == 50 and table["gene"].is_unique
    assert {"ESR1", "ERBB2", "KRT5", "MKI67", "CDCA1", "KNTC2", "ORC6L"} <= set(table["gene"])
    assert dict(zip(table["gene"], table["hgnc_symbol"], strict=True))["KNTC2"] == "NDC80"


def test_expression_matrix_shape_scale_and_schema() -> None:
    expression = st.load_expression()
    spec = data.schema("subtyping/expression")
    assert expression.shape[0] >= 600 and expression.shape[1] >= 500
    assert list(expression.columns) == spec["genes"]
    assert list(expression.columns[:50]) == st.pam50_genes()
    assert expression.columns[50:].str.match(r"^(PROLIF|LUMIN|BASAL|IMMUNE|GENE)_\d+$").all()
    values = expression.to_numpy()
    assert 0 <= values.min() and values.max() < 16  # a log2 scale
    assert np.allclose(values, values.round(2))
    with pytest.raises(ValueError, match="not a table"):
        data.load("subtyping/expression")


def test_expression_loader_is_cached_and_returns_copies() -> None:
    first = st.load_expression()
    first.iloc[0, 0] = -99
    assert st.load_expression().iloc[0, 0] != -99


def test_amara_is_in_the_cohort_as_luminal_a() -> None:
    amara = next(p for p in recurring_patients() if p["patient_id"] == "PM-001")
    clinical = st.load_clinical()
    assert st.load_answer_key()["PM-001"] == amara["breast_subtype"] == "Luminal A"
    row = clinical.loc["PM-001"]
    assert row["age_years"] == amara["age_years"]
    assert (row["er_status"], row["pr_status"], row["her2_status"]) == (
        "positive", "positive", "negative")


def test_subtype_mix_follows_published_prevalence() -> None:
    truth = st.load_answer_key()
    intrinsic = data.load("knowledge/subtype_intrinsic").set_index("subtype")
    shares = truth.value_counts(normalize=True) * 100
    expected = intrinsic["prevalence_percent"] / intrinsic["prevalence_percent"].sum() * 100
    for subtype in st.SUBTYPES:
        assert abs(shares[subtype] - expected[subtype]) < 0.5, subtype


def test_modules_correlate_within_and_not_across() -> None:
    expression = st.load_expression()
    labs = st.load_clinical().loc[expression.index, "lab"]
    centred = st.centre_within_batches(expression, labs)
    prolif = centred.filter(like="PROLIF_").mean(axis=1)
    assert np.corrcoef(prolif, centred["MKI67"])[0, 1] > 0.5
    noise = centred.filter(like="GENE_")
    corr = np.corrcoef(noise.iloc[:, :30].to_numpy().T)
    assert np.abs(corr[np.triu_indices(30, 1)]).mean() < 0.1


def test_clinic_status_mostly_agrees_but_not_always() -> None:
    clinical = st.load_clinical()
    truth = st.load_answer_key().loc[clinical.index]
    er_pos = (clinical["er_status"] == "positive").groupby(truth).mean()
    assert er_pos["Luminal A"] > 0.9 and er_pos["Basal-like"] < 0.25
    her2 = (clinical["her2_status"] == "positive").groupby(truth).mean()
    assert her2["HER2-enriched"] > 0.5 > her2["Luminal A"]
    discordant = (truth == "Basal-like") & (clinical["er_status"] == "positive")
    assert 0 < discordant.sum() < 30


def test_simulation_is_reproducible_and_seeded(tmp_path: Path) -> None:
    a = sim.simulate_cohort()
    b = sim.simulate_cohort()
    assert a["expression"].equals(b["expression"])
    other = sim.simulate_cohort(seed=sim.SEED + 1)
    assert not other["expression"].equals(a["expression"])
    written = sim.build(tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert "subtyping/expression.matrix.csv" in names
    assert (tmp_path / "subtyping/expression.matrix.csv").read_bytes() == \
        data.path("subtyping/expression").read_bytes()


def test_subtype_counts_largest_remainder() -> None:
    counts = sim.subtype_counts({"a": 46, "b": 18, "c": 14, "d": 15, "e": 8}, 600)
    assert sum(counts.values()) == 600
    assert counts == {"a": 273, "b": 107, "c": 83, "d": 89, "e": 48}


def test_files_stay_small() -> None:
    size = data.path("subtyping/expression").stat().st_size
    assert size < 1_600_000


def test_pam50_history_and_normal_like_caveat() -> None:
    """Sørlie et al., PNAS 2001 split luminal tumours into A and B; the clinical PAM50 assay
    reports four subtypes; Normal-like is widely read as normal-tissue contamination."""
    table = data.load("knowledge/subtype_intrinsic").set_index("subtype")
    for subtype in ("Luminal A", "Luminal B"):
        assert "Sørlie et al., Proc Natl Acad Sci USA 2001" in table.loc[subtype, "source"]
    normal = table.loc["Normal-like"]
    assert "normal tissue" in normal["ihc_surrogate"]
    assert "four subtypes" in normal["source"]
