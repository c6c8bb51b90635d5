"""Issue #13 corrections on the pharmacogenomics side, each pinned to its published source."""

from __future__ import annotations

import pytest

from precisionmed import data
from precisionmed.pgx.recommend import warfarin_adjustments
from precisionmed.pgx.tables import load_frequency_table


def test_cpic_2017_rs12777823_lowers_the_warfarin_dose_by_10_to_25_percent():
    """CPIC warfarin guideline 2017 (Johnson et al.), Figure 2: African American rs12777823 A
    carriers: decrease the dose by 10–25%."""
    table = warfarin_adjustments().set_index("finding")
    row = table.loc["rs12777823 A carrier (near CYP2C18)"]
    assert (row["low_percent"], row["high_percent"]) == (10, 25)
    assert row["adjustment"].startswith("Lower")
    star = table.loc["CYP2C9 *5, *6, *8 or *11 carrier (one copy)"]
    assert (star["low_percent"], star["high_percent"]) == (15, 30)


def test_iwpc_race_term_is_described_as_residual_factors_not_vkorc1():
    spec = data.schema("knowledge/pgx_warfarin_adjustments")
    assert "race coefficient stands in for such residual factors" in spec["description"]
    assert "not for VKORC1 frequency" in spec["description"]


def test_tamoxifen_outcome_effect_is_stated_as_contested():
    """Rae et al., JNCI 2012 (ATAC) and Ahern et al., Am J Epidemiol 2017."""
    spec = data.schema("knowledge/pgx_recommendations")
    assert "contested" in spec["description"]
    assert any("Rae et al." in s for s in spec["sources"])
    assert "aromatase inhibitor" in spec["description"]


def test_hla_alleles_covered_are_listed_in_the_recommendation_schema():
    text = data.schema("knowledge/pgx_recommendations")["description"]
    for allele in ("HLA-B*57:01", "HLA-B*15:02", "HLA-B*58:01", "HLA-A*31:01"):
        assert allele in text


def test_cyp2c9_south_asian_values_are_a_sourced_estimate_with_star3_above_star2():
    """Rosemary et al., Fundam Clin Pharmacol 2005 (south India): *2 0.04, *3 0.08. They
    replace the AMR stand-in, which had *2 (9.9%) far above *3 (3.7%)."""
    freq = load_frequency_table()
    sas = freq[(freq["gene"] == "CYP2C9") & (freq["population"] == "SAS")].set_index("allele")
    assert sas.loc["*2", "frequency"] == pytest.approx(0.04)
    assert sas.loc["*3", "frequency"] == pytest.approx(0.08)
    assert (sas.loc[["*2", "*3"], "basis"] == "V").all()
    assert sas.loc["*3", "frequency"] > sas.loc["*2", "frequency"]
    assert "Rosemary" in sas.loc["*3", "source"]


def test_dpyd_testing_advice_from_the_current_fluoropyrimidine_labels() -> None:
    from precisionmed.pgx.recommend import label_advice

    for drug in ("capecitabine", "fluorouracil"):
        advice = label_advice(drug)
        assert "DPYD" in advice["advice"] and "before starting" in advice["advice"]
        assert "unless treatment must start at once" in advice["advice"]
        assert advice["label_date"].startswith("2025") and advice["status"] == "V"
    with pytest.raises(ValueError, match="label advice"):
        label_advice("aspirin")
