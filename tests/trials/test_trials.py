"""precisionmed.trials: simulated trials, survival numbers through lifelines, dilution."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import logrank_test

from precisionmed import trials
from precisionmed.trials import dilution as dil


@pytest.fixture(scope="module")
def flaura() -> pd.DataFrame:
    return trials.simulate_pivotal("FLAURA")


# --- knowledge tables -----------------------------------------------------------------------

def test_pivotal_trial_numbers_match_the_fact_sheet():
    flaura = trials.pivotal_trial("FLAURA")
    assert (flaura["hazard_ratio"], flaura["median_drug_months"],
            flaura["median_control_months"]) == (0.46, 18.9, 10.2)
    assert trials.pivotal_trial("BRIM-3")["hazard_ratio"] == 0.26
    aura3 = trials.pivotal_trial("aura3")  # case and dashes ignored
    assert (aura3["hazard_ratio"], aura3["median_drug_months"]) == (0.30, 10.1)
    assert aura3["biomarker"] == "EGFR T790M"


def test_every_trial_row_names_a_source_with_a_year():
    for table in (trials.trial_table(), trials.single_arm_table()):
        assert table["source"].str.contains(r"(?:19|20)\d\d").all()
        assert set(table["status"]) == {"V"}


def test_unknown_trial_suggests_close_matches():
    with pytest.raises(ValueError, match="FLAURA"):
        trials.pivotal_trial("FLAURO")


def test_pivotal_without_a_control_median_asks_for_one():
    with pytest.raises(ValueError, match="control_median"):
        trials.simulate_pivotal("BRIM-3")
    brim = trials.simulate_pivotal("BRIM-3", control_median=2.0)
    assert brim.attrs["hazard_ratio"] == 0.26 and len(brim) == 675


# --- simulation -----------------------------------------------------------------------------

def test_same_seed_same_table_and_other_seed_differs():
    a = trials.simulate_trial(n_patients=300, seed=7)
    b = trials.simulate_trial(n_patients=300, seed=7)
    c = trials.simulate_trial(n_patients=300, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not a["months"].equals(c["months"])


def test_trial_table_shape_arms_and_censoring(flaura):
    assert list(flaura.columns) == ["patient_id", "marker_positive", "arm", "months", "event"]
    assert len(flaura) == 556
    assert flaura["arm"].value_counts().to_dict() == {trials.DRUG: 278, trials.CONTROL: 278}
    assert flaura["marker_positive"].all()
    censored = flaura[~flaura["event"]]
    assert 0 < len(censored) < len(flaura)
    # Nobody is followed beyond accrual + follow-up (24 + 24 months).
    assert flaura["months"].max() <= 48.0


def test_prevalence_sets_share_of_marker_positive_patients():
    trial = trials.simulate_trial(n_patients=5000, prevalence=0.141, seed=3)
    assert trial["marker_positive"].mean() == pytest.approx(0.141, abs=0.015)


def test_control_arm_is_the_same_whatever_the_drug_does():
    a = trials.simulate_trial(hazard_ratio=0.3, prevalence=0.2)
    b = trials.simulate_trial(hazard_ratio=0.9, prevalence=0.7)
    control_a = a[a["arm"] == trials.CONTROL]["months"].to_numpy()
    control_b = b[b["arm"] == trials.CONTROL]["months"].to_numpy()
    np.testing.assert_array_equal(control_a, control_b)


def test_selected_design_records_how_many_were_screened():
    trial = trials.simulate_trial(n_patients=600, prevalence=0.15, design=trials.SELECTED)
    assert trial["marker_positive"].all()
    assert trial.attrs["screened"] == 4000
    assert trials.patients_to_screen(556, 0.141) == 3944


def test_no_drug_effect_in_marker_negative_patients():
    trial = trials.simulate_trial(n_patients=4000, hazard_ratio=0.3, prevalence=0.5, seed=11)
    negatives = trial[~trial["marker_positive"]]
    hr, low, high = trials.hazard_ratio(negatives)
    assert low < 1.0 < high


def test_implied_median_and_hazard():
    assert trials.implied_median(10.2, 0.46) == pytest.approx(22.17, abs=0.01)
    assert trials.hazard_from_median(10.2) == pytest.approx(math.log(2) / 10.2)


# --- survival numbers agree with lifelines ----------------------------------------------------

def test_median_equals_lifelines_kaplan_meier(flaura):
    for arm in (trials.DRUG, trials.CONTROL):
        part = flaura[flaura["arm"] == arm]
        kmf = KaplanMeierFitter().fit(part["months"], part["event"])
        assert trials.median_months(flaura, arm) == kmf.median_survival_time_
        curve = trials.kaplan_meier(flaura)[arm]
        assert curve.median == kmf.median_survival_time_
        assert curve.at(12.0) == pytest.approx(float(kmf.predict(12.0)))


def test_hazard_ratio_and_logrank_equal_lifelines(flaura):
    data = pd.DataFrame({"T": flaura["months"], "E": flaura["event"],
                         "drug": (flaura["arm"] == trials.DRUG).astype(float)})
    summary = CoxPHFitter().fit(data, "T", "E").summary.loc["drug"]
    result = trials.compare_arms(flaura)
    assert result.hazard_ratio == pytest.approx(summary["exp(coef)"])
    assert result.ci_low == pytest.approx(summary["exp(coef) lower 95%"])
    assert result.ci_high == pytest.approx(summary["exp(coef) upper 95%"])
    drug, ctrl = flaura[flaura["arm"] == trials.DRUG], flaura[flaura["arm"] == trials.CONTROL]
    p = logrank_test(drug["months"], ctrl["months"], drug["event"], ctrl["event"]).p_value
    assert result.p_value == pytest.approx(p)
    assert result.ci_low < result.hazard_ratio < result.ci_high
    assert result.events == int(flaura["event"].sum())


def test_big_trial_recovers_the_input_hazard_ratio_and_median():
    big = trials.simulate_trial(n_patients=20000, hazard_ratio=0.46, design=trials.SELECTED,
                                followup_months=60, seed=2)
    result = trials.compare_arms(big)
    assert result.hazard_ratio == pytest.approx(0.46, abs=0.02)
    assert result.ci_low < 0.46 < result.ci_high
    assert result.median_control == pytest.approx(10.2, abs=0.4)
    assert result.median_drug == pytest.approx(10.2 / 0.46, abs=1.0)


def test_no_effect_gives_hazard_ratio_near_one_and_large_p():
    trial = trials.simulate_trial(n_patients=3000, hazard_ratio=1.0, seed=4)
    result = trials.compare_arms(trial)
    assert result.ci_low < 1.0 < result.ci_high
    assert result.p_value > 0.05


def test_sentence_reads_the_numbers(flaura):
    text = trials.compare_arms(flaura).sentence()
    assert text.startswith("HR 0.4") and "median" in text and "556 patients" in text


# --- dilution -------------------------------------------------------------------------------

@pytest.mark.parametrize("hr", [0.26, 0.46, 0.8])
def test_expected_hr_limits_as_prevalence_goes_to_zero_and_one(hr):
    assert trials.expected_hazard_ratio(0.0, hr) == pytest.approx(1.0)
    assert trials.expected_hazard_ratio(1e-6, hr) == pytest.approx(1.0, abs=1e-4)
    assert trials.expected_hazard_ratio(1.0, hr) == pytest.approx(hr)
    assert trials.expected_hazard_ratio(1 - 1e-6, hr) == pytest.approx(hr, abs=1e-4)
    assert trials.expected_hazard_ratio(0.3, hr, hr_negative=0.9) < trials.expected_hazard_ratio(
        0.3, hr)


def test_expected_hr_falls_steadily_with_prevalence():
    values = [trials.expected_hazard_ratio(p / 20, 0.46) for p in range(21)]
    assert all(a > b for a, b in zip(values, values[1:], strict=False))


@pytest.mark.parametrize("prevalence", [0.15, 0.5])
def test_expected_hr_matches_a_big_simulated_all_comers_trial(prevalence):
    big = trials.simulate_trial(n_patients=20000, hazard_ratio=0.46, prevalence=prevalence,
                                seed=5)
    observed = trials.hazard_ratio(big)[0]
    assert observed == pytest.approx(trials.expected_hazard_ratio(prevalence, 0.46), abs=0.03)
    assert observed > 0.46 + 0.1  # diluted


def test_compare_designs_shows_dilution():
    result = trials.compare_designs(0.15, 0.45)
    assert result.all_comers.hazard_ratio > result.selected.hazard_ratio + 0.25
    assert result.selected.ci_high < 1.0
    assert result.all_comers.ci_low < 1.0 < result.all_comers.ci_high
    assert result.screened == 4000
    assert "4,000" in result.verdict()


def test_grid_rows_equal_fitting_again():
    for p, hr in [(0.15, 0.45), (0.6, 0.3), (1.0, 0.8)]:
        from_grid = trials.compare_designs(p, hr)
        trial = dil._trial(p, hr, trials.ALL_COMERS)
        live = trials.compare_arms(trial)
        assert from_grid.all_comers.hazard_ratio == pytest.approx(live.hazard_ratio, abs=1e-4)
        assert from_grid.all_comers.ci_high == pytest.approx(live.ci_high, abs=1e-4)
        assert from_grid.all_comers.p_value == pytest.approx(live.p_value, abs=1e-6)
        assert from_grid.all_comers.median_drug == live.median_drug
        assert from_grid.all_comers.events == live.events


def test_off_grid_values_are_fitted_live():
    result = trials.compare_designs(0.33, 0.46)
    assert result.prevalence == 0.33
    live = trials.compare_arms(dil._trial(0.33, 0.46, trials.ALL_COMERS))
    assert result.all_comers.hazard_ratio == live.hazard_ratio


# --- basket ---------------------------------------------------------------------------------

def test_basket_trial_rates_and_pooled_row():
    basket = trials.simulate_basket(patients_per_basket=2000, seed=1)
    summary = trials.basket_summary(basket)
    assert list(summary["basket"]) == [*trials.ILLUSTRATIVE_BASKETS, "all baskets"]
    per = summary.iloc[:-1]
    assert np.allclose(per["rate"], per["true_rate"], atol=0.04)
    pooled = summary.iloc[-1]
    assert pooled["patients"] == 2000 * len(trials.ILLUSTRATIVE_BASKETS)
    assert pooled["true_rate"] == pytest.approx(np.mean(list(trials.ILLUSTRATIVE_BASKETS.values())))
    assert (summary["ci_low"] <= summary["rate"]).all()
    # The illustrative split averages close to the published pooled 75% (Drilon 2018).
    assert np.mean(list(trials.ILLUSTRATIVE_BASKETS.values())) == pytest.approx(0.75, abs=0.01)


def test_basket_is_seeded():
    a = trials.simulate_basket({"lung": 0.5, "thyroid": 0.9}, 20, seed=9)
    b = trials.simulate_basket({"lung": 0.5, "thyroid": 0.9}, 20, seed=9)
    pd.testing.assert_frame_equal(a, b)
    assert set(a["basket"]) == {"lung", "thyroid"}
