"""Lesson 06 data: computed from lesson 03's calls, reproducible, calibrated to the sources."""

from __future__ import annotations

import pandas as pd
import pytest

from precisionmed import data
from precisionmed import immunotherapy as im
from precisionmed.immunotherapy import simulate
from precisionmed.tables import format_frame


@pytest.fixture(scope="module")
def tumours() -> pd.DataFrame:
    return data.load("immunotherapy/tumours")


@pytest.fixture(scope="module")
def trial() -> pd.DataFrame:
    return data.load("immunotherapy/basket_trial")


def test_every_lesson03_tumour_has_a_row(tumours):
    clinical = data.load("oncology/clinical")
    assert list(tumours["patient_id"]) == list(clinical["patient_id"])


def test_tmb_is_counted_from_the_somatic_calls_not_drawn(tumours):
    maf = data.load("oncology/maf")
    key = data.load("oncology/answer_key")
    # Count by hand for three patients: somatic, SNV/indel, PASS.
    for pid in ("PM-005", "PM-001", "TB-0172"):
        rows = (maf["patient_id"] == pid) & (key["origin"] == "somatic") & \
            maf["variant_type"].isin(["SNV", "deletion", "insertion"]) & (maf["filter"] == "PASS")
        row = tumours[tumours["patient_id"] == pid].iloc[0]
        assert row["mutations_counted"] == int(rows.sum())
        assert row["tmb"] == pytest.approx(int(rows.sum()) / 0.25, abs=0.05)
    assert tumours.loc[tumours["patient_id"] == "PM-005", "mutations_counted"].iloc[0] == 1


def test_msi_h_exactly_where_lesson03_called_it(tumours):
    maf = data.load("oncology/maf")
    called = set(maf.loc[maf["alteration"] == "MSI-H", "patient_id"])
    msi_h = set(tumours.loc[tumours["msi_status"] == "MSI-H", "patient_id"])
    assert msi_h == called and len(called) > 5
    assert set(tumours.loc[tumours["mmr_ihc"] == "dMMR", "patient_id"]) == called
    for row in tumours.itertuples():
        assert row.msi_status == im.msi_status(row.msi_unstable, row.msi_tested)


def test_pdl1_counts_are_valid_and_only_for_solid_tumours(tumours):
    solid = tumours["viable_tumour_cells"].notna()
    assert set(tumours.loc[~solid, "cancer_type"]) <= {"AML", "CML"}
    stained = tumours[solid]
    assert (stained["viable_tumour_cells"] >= im.MIN_VIABLE_TUMOUR_CELLS).all()
    assert (stained["pdl1_tumour_cells"] <= stained["viable_tumour_cells"]).all()


def test_tmb_and_pdl1_are_nearly_unrelated(tumours):
    stained = tumours[tumours["viable_tumour_cells"].notna()]
    tps = stained["pdl1_tumour_cells"] / stained["viable_tumour_cells"]
    assert abs(stained["tmb"].astype(float).corr(tps.astype(float))) < 0.25  # Yarchoan: 0.084


def test_basket_trial_is_calibrated_to_keynote158_and_le2015(trial):
    key = data.load("immunotherapy/basket_answer_key")
    high = trial["tmb"] >= 10
    assert key.loc[high.to_numpy(), "response_probability"].mean() == pytest.approx(0.283,
                                                                                   abs=0.001)
    assert key.loc[~high.to_numpy(), "response_probability"].mean() == pytest.approx(0.065,
                                                                                    abs=0.001)
    assert trial.loc[high, "responded"].mean() == pytest.approx(0.283, abs=0.01)
    assert trial.loc[~high, "responded"].mean() == pytest.approx(0.065, abs=0.01)
    dmmr = key["dmmr"].to_numpy(dtype=bool)
    assert key.loc[dmmr, "response_probability"].unique().tolist() == pytest.approx([9 / 17],
                                                                                abs=1e-4)
    assert 0.10 < high.mean() < 0.25          # KEYNOTE-158: 15.9% TMB-high
    assert set(trial["tumour_type"]) == set(simulate.BASKET_TYPES)
    assert len(simulate.BASKET_TYPES) == 10


def test_response_chance_rises_with_tmb():
    key = data.load("immunotherapy/basket_answer_key")
    # true_tmb is stored to 3 decimals, so two patients can share it while their (4-decimal)
    # chances differ in the last digit; break such ties by the chance itself
    pmmr = key[~key["dmmr"].astype(bool)].sort_values(["true_tmb", "response_probability"])
    p = pmmr["response_probability"].to_numpy()
    assert (p[1:] >= p[:-1] - 1e-12).all() and p[-1] > p[0]


def test_basket_simulation_is_byte_reproducible():
    first, second = simulate.simulate_basket(), simulate.simulate_basket()
    a = format_frame(first["trial"], simulate.BASKET_SCHEMA)
    b = format_frame(second["trial"], simulate.BASKET_SCHEMA)
    assert a.equals(b)
    stored = data.load("immunotherapy/basket_trial")
    assert list(stored["responded"]) == list(first["trial"]["responded"])


def test_facts_have_sources_and_keynote_numbers():
    facts = im.facts()
    assert facts["source"].str.len().min() > 10
    assert im.fact("keynote158_orr_tmb_high") == 28.3
    assert im.fact("keynote158_orr_tmb_low") == 6.5
    assert im.fact("haslam_2018_responding") == 12.46
    with pytest.raises(ValueError, match="Did you mean"):
        im.fact("keynote158_orr_tmb_hi")


def test_kras_fragment_is_the_uniprot_sequence():
    row = data.load("immunotherapy/protein_fragments").iloc[0]
    seq = row["sequence"]
    assert row["uniprot"] == "P01116" and len(seq) == 80
    assert seq.startswith("MTEYKLVVVGAGGVGKSALTIQLIQNHFVDEYDPTIEDSYRKQVVIDGETCLLDILDTAG")
    assert (seq[11], seq[12], seq[60]) == ("G", "G", "Q")  # G12, G13, Q61
