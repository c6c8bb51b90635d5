"""Lesson 06 science: pinned published rules and worked examples, and friendly errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precisionmed import immunotherapy as im

KRAS_1_20 = "MTEYKLVVVGAGGVGKSALT"  # UniProt P01116, residues 1–20


# --- TMB ----------------------------------------------------------------------------------------

def test_tmb_is_mutations_per_megabase():
    assert im.tmb(12, 0.8) == pytest.approx(15.0)
    assert im.tmb(0, 1.1) == 0.0
    assert im.tmb(1, 0.25) == pytest.approx(4.0)  # one mutation on the course's panel


def test_tmb_high_uses_the_fda_2020_cutoff_of_10():
    assert im.TMB_HIGH_CUTOFF == 10.0
    assert im.tmb_high(10.0) and im.tmb_high(10.1)
    assert not im.tmb_high(9.99)


@pytest.mark.parametrize("mutations,panel", [(-1, 1.0), (1.5, 1.0), (3, 0), (3, -0.5),
                                             ("3", 1.0), (3, math.nan), (True, 1.0)])
def test_tmb_refuses_bad_input(mutations, panel):
    with pytest.raises(ValueError):
        im.tmb(mutations, panel)


# --- MSI ----------------------------------------------------------------------------------------

def test_msi_bethesda_two_of_five_is_msi_h():
    assert im.msi_status(2, 5) == "MSI-H"
    assert im.msi_status(5, 5) == "MSI-H"
    assert im.msi_status(1, 5) == "MSI-L"
    assert im.msi_status(0, 5) == "MSS"


def test_msi_thirty_percent_threshold_on_larger_panels():
    assert im.msi_status(3, 10) == "MSI-H"   # exactly 30%
    assert im.msi_status(2, 10) == "MSI-L"   # 20%
    assert im.msi_status(0, 10) == "MSS"


@pytest.mark.parametrize("unstable,tested", [(6, 5), (0, 0), (1, 0), (-1, 5), (2, -5),
                                             (2.5, 5), (None, 5)])
def test_msi_refuses_impossible_counts(unstable, tested):
    with pytest.raises(ValueError):
        im.msi_status(unstable, tested)


# --- PD-L1 --------------------------------------------------------------------------------------

def test_tps_worked_examples():
    assert im.pdl1_tps(220, 400) == pytest.approx(55.0)
    assert im.pdl1_tps(60, 200) == pytest.approx(30.0)
    assert im.pdl1_tps(0, 100) == 0.0
    assert im.pdl1_tps(100, 100) == 100.0


def test_cps_counts_immune_cells_and_is_capped_at_100():
    assert im.pdl1_cps(30, 15, 5, 200) == pytest.approx(25.0)
    assert im.pdl1_cps(0, 1, 0, 100) == pytest.approx(1.0)   # CPS ≥ 1 from one immune cell
    assert im.pdl1_cps(90, 80, 40, 100) == 100.0            # 210 → reported as 100
    assert im.CPS_MAX == 100.0


def test_cps_can_exceed_tps_but_not_the_other_way_round():
    assert im.pdl1_cps(10, 20, 0, 100) > im.pdl1_tps(10, 100)


@pytest.mark.parametrize("args", [(101, 100), (1, 0), (-1, 10), (1.5, 10)])
def test_tps_refuses_more_positive_than_viable_cells(args):
    with pytest.raises(ValueError):
        im.pdl1_tps(*args)


def test_cps_refuses_more_positive_tumour_cells_than_viable():
    with pytest.raises(ValueError, match="cannot be more"):
        im.pdl1_cps(201, 0, 0, 200)
    with pytest.raises(ValueError):
        im.pdl1_cps(1, 1, 1, 0)


# --- peptides -----------------------------------------------------------------------------------

def test_kras_g12c_nine_mers_in_order_of_start():
    peptides = im.mutant_peptides(KRAS_1_20, 12, "C")
    assert peptides == ["YKLVVVGAC", "KLVVVGACG", "LVVVGACGV", "VVVGACGVG", "VVGACGVGK",
                        "VGACGVGKS", "GACGVGKSA", "ACGVGKSAL", "CGVGKSALT"]
    assert all("C" in p and len(p) == 9 for p in peptides)


def test_kras_g12d_ten_mer_window_from_letter_10():
    # The G12D 10-letter window that starts at letter 10 (G10 A11 D12 …).
    assert "GADGVGKSAL" in im.mutant_peptides(KRAS_1_20, 12, "D", length=10)


def test_windows_past_the_ends_are_left_out():
    assert im.mutant_peptides(KRAS_1_20, 1, "A", length=9) == ["ATEYKLVVV"]
    assert im.mutant_peptides(KRAS_1_20, 20, "A", length=9) == ["GGVGKSALA"]
    assert len(im.mutant_peptides(KRAS_1_20, 3, "A", length=9)) == 3
    assert im.mutant_peptides("MTEYK", 3, "A", length=9) == []


def test_peptide_windows_record_where_the_change_sits():
    windows = im.peptide_windows(KRAS_1_20, 12, "C", 9)
    assert [(w.start, w.end) for w in windows][0] == (4, 12)
    assert all(w.sequence[w.offset - 1] == "C" for w in windows)


@pytest.mark.parametrize("args", [(KRAS_1_20, 0, "C"), (KRAS_1_20, 21, "C"),
                                  (KRAS_1_20, 12, "X"), (KRAS_1_20, 12, "CC"),
                                  ("MTEYK1LV", 2, "A"), ("", 1, "A"), (KRAS_1_20, 12, "")])
def test_mutant_peptides_refuses_bad_letters_and_positions(args):
    with pytest.raises(ValueError):
        im.mutant_peptides(*args)


# --- the toy score ------------------------------------------------------------------------------

def test_toy_score_is_labelled_a_toy_and_rewards_anchors():
    assert "toy" in im.TOY_LABEL and "not a real predictor" in im.TOY_LABEL
    assert "toy" in (im.toy_binding_score.__doc__ or "").lower()
    assert im.toy_binding_score("ALAAAAAAV") > im.toy_binding_score("ADAAAAAAD")
    assert 0.0 <= im.toy_binding_score("GGGGGGGGG") <= 1.0


def test_more_mutations_more_chances():
    assert im.chance_any_visible(0, 0.2) == 0.0
    assert im.chance_any_visible(1, 0.2) == pytest.approx(0.2)
    assert im.chance_any_visible(2, 0.2) == pytest.approx(0.36)
    values = [im.chance_any_visible(n, 0.05) for n in range(0, 60, 5)]
    assert values == sorted(values)


# --- counting noise -----------------------------------------------------------------------------

def test_small_panels_give_a_wider_range():
    small, big = im.tmb_noise(8, 0.25), im.tmb_noise(8, 30)
    assert (small.high - small.low) > 5 * (big.high - big.low)
    assert small.expected_mutations == pytest.approx(2.0)
    # Poisson(2): P(count >= 3, i.e. TMB >= 12 ≥ 10) = 1 − e^−2 (1 + 2 + 2) = 0.3233
    assert small.wrong_side == pytest.approx(1 - math.exp(-2) * 5, abs=1e-6)
    assert big.wrong_side < 0.001


def test_noise_probabilities_sum_to_one():
    noise = im.tmb_noise(20, 1.1)
    assert noise.probabilities.sum() == pytest.approx(1.0, abs=1e-9)
    assert noise.true_high and noise.low < 20 < noise.high


# --- cut-off metrics ----------------------------------------------------------------------------

def test_cutoff_metrics_small_worked_example():
    tmb_values = [2, 5, 12, 15, 30, 8]
    responded = [False, True, True, False, True, False]
    result = im.cutoff_metrics(tmb_values, responded, 10)
    assert (result.treated, result.responders, result.responders_treated) == (3, 3, 2)
    assert result.sensitivity == pytest.approx(2 / 3)
    assert result.specificity == pytest.approx(2 / 3)
    assert result.response_rate_treated == pytest.approx(2 / 3)
    assert result.missed_responders == 1


def test_cutoff_above_everyone_treats_nobody():
    result = im.cutoff_metrics([1, 2], [True, False], 100)
    assert result.treated == 0 and math.isnan(result.response_rate_treated)
    assert result.sensitivity == 0.0 and result.specificity == 1.0


@pytest.mark.parametrize("values,flags", [([], []), ([1, 2], [True]), ([-1], [True]),
                                          ([1], ["yes"]), ([math.nan], [True])])
def test_cutoff_metrics_refuses_bad_lists(values, flags):
    with pytest.raises(ValueError):
        im.cutoff_metrics(values, flags, 10)


# --- fuzzing: only ValueError, always with a message ---------------------------------------------

anything = st.one_of(st.none(), st.booleans(), st.integers(-5, 500), st.floats(allow_nan=True),
                     st.text(max_size=12), st.lists(st.integers(-2, 2), max_size=3))


@settings(max_examples=150, deadline=None)
@given(anything, anything, anything, anything)
def test_public_functions_fail_kindly(a, b, c, d):
    calls = [lambda: im.tmb(a, b), lambda: im.msi_status(a, b), lambda: im.pdl1_tps(a, b),
             lambda: im.pdl1_cps(a, b, c, d), lambda: im.mutant_peptides(a, b, c),
             lambda: im.toy_binding_score(a), lambda: im.chance_any_visible(a, b),
             lambda: im.tmb_noise(a, b), lambda: im.tmb_high(a),
             lambda: im.cutoff_metrics(a, b, c), lambda: im.response_probability(a, b, c)]
    for call in calls:
        try:
            call()
        except ValueError as err:
            assert str(err).strip()


def test_fuzz_suite_picks_up_the_new_module():
    from test_fuzz_public_api import FUNCTIONS

    names = {name for name, _ in FUNCTIONS}
    for public in ("tmb", "msi_status", "pdl1_tps", "pdl1_cps", "mutant_peptides",
                   "toy_binding_score"):
        assert f"precisionmed.immunotherapy.{public}" in names
    assert "precisionmed.immunotherapy.panels.cutoff_panel" in names


# --- the tables that replaced three static charts (same numbers, no chart) ----------------------

def test_visible_chance_table_rises_and_never_rounds_up_to_certainty() -> None:
    from precisionmed.immunotherapy import plotting as ip

    table = ip.visible_chance_table(0.5, [1, 2, 3, 10])
    assert list(table["mutations"]) == [1, 2, 3, 10]
    # 1 − 0.5ⁿ: 50%, 75%, 88%, then 99.9% shown as "more than 99%", never "100%"
    assert list(table.iloc[:, 1]) == ["50%", "75%", "88%", "more than 99%"]
    with pytest.raises(ValueError):
        ip.visible_chance_table(1.5, [1])


def test_eligible_vs_responding_table_keeps_haslam_and_prasad_numbers() -> None:
    from precisionmed.immunotherapy import plotting as ip

    table = ip.eligible_vs_responding_table({"2018": (43.63, 12.46)}).iloc[0]
    # Haslam & Prasad 2019 (JAMA Netw Open): 43.63% eligible, 12.46% estimated to respond
    assert (table["eligible"], table["estimated to respond"]) == ("43.6%", "12.5%")
    assert table["of the eligible, respond"] == "29%"
    with pytest.raises(ValueError):
        ip.eligible_vs_responding_table({"2018": "many"})


def test_side_effects_table_splits_treatment_and_trial() -> None:
    from precisionmed.immunotherapy import plotting as ip

    table = ip.side_effects_table([("nivolumab + ipilimumab (CheckMate 067)", 55.0),
                                   ("chemotherapy (KEYNOTE-177)", 66.0)])
    assert list(table["treatment"]) == ["nivolumab + ipilimumab", "chemotherapy"]
    assert list(table["trial"]) == ["CheckMate 067", "KEYNOTE-177"]
    assert list(table["grade 3 or worse"]) == ["55%", "66%"]
    with pytest.raises(ValueError):
        ip.side_effects_table([])
