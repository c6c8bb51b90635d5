"""precisionmed.trials.resistance: clonal evolution under therapy and ctDNA in blood."""

from __future__ import annotations

import numpy as np
import pytest

from precisionmed import trials
from precisionmed.trials import resistance


def test_no_resistant_cells_means_no_relapse():
    result = trials.simulate_resistance(resistant_fraction=0.0, horizon_months=60)
    assert not result.relapsed
    assert result.detect_month is None and result.switch_month is None
    assert np.all(np.diff(result.total) < 0)  # keeps shrinking
    assert np.all(result.vaf_resistant == 0)


def test_default_course_for_wei():
    result = trials.simulate_resistance()
    assert result.relapsed
    assert 0 < result.nadir_size < 0.2
    # Blood finds T790M before a scan would show growth; the switch happens then.
    assert result.detect_month < result.progression_month
    assert result.switch_month == result.detect_month
    assert result.lead_time == pytest.approx(result.progression_month - result.detect_month)
    assert "month" in result.summary()


@pytest.mark.parametrize("low, high", [(0.4, 0.6), (0.6, 1.0), (0.8, 1.5)])
def test_higher_kill_rate_gives_a_deeper_nadir(low, high):
    weak = trials.simulate_resistance(kill_rate=low, switch="never")
    strong = trials.simulate_resistance(kill_rate=high, switch="never")
    assert strong.nadir_size < weak.nadir_size


def test_resistant_vaf_rises_after_the_nadir():
    result = trials.simulate_resistance(switch="never")
    after = result.months >= result.nadir_month
    assert np.all(np.diff(result.vaf_resistant[after]) > 0)
    assert np.all(np.diff(result.resistant) > 0)  # the resistant clone only grows on drug 1
    # The truncal mutation (every tumour cell) falls first, then rises with the regrowth.
    i = int(np.searchsorted(result.months, result.nadir_month))
    assert result.vaf_truncal[i] < result.vaf_truncal[0] < result.vaf_truncal[-1]


def test_more_resistant_cells_at_start_relapse_sooner():
    few = trials.simulate_resistance(resistant_fraction=1e-4, switch="never", horizon_months=60)
    many = trials.simulate_resistance(resistant_fraction=1e-2, switch="never", horizon_months=60)
    assert many.progression_month < few.progression_month


def test_switch_of_drug_shrinks_the_tumour_again():
    kept = trials.simulate_resistance(switch="never")
    switched = trials.simulate_resistance(switch="ctdna")
    end = -1
    assert switched.total[end] < kept.total[end]
    after = switched.months > switched.switch_month
    assert np.all(np.diff(switched.total[after]) < 0)
    assert np.all(switched.months[switched.total != kept.total] > switched.switch_month)


def test_switch_at_progression_comes_later_than_at_ctdna():
    by_blood = trials.simulate_resistance(switch="ctdna")
    by_scan = trials.simulate_resistance(switch="progression")
    assert by_scan.switch_month == by_scan.progression_month
    assert by_scan.switch_month > by_blood.switch_month


def test_vaf_is_half_the_tumour_share_of_blood_dna():
    result = trials.simulate_resistance(baseline_tumour_fraction=0.2)
    assert result.vaf_truncal[0] == pytest.approx(0.1)
    assert np.all(result.vaf_resistant <= result.vaf_truncal + 1e-15)
    assert np.all(result.vaf_truncal < 0.5)


def test_blood_tests_follow_the_schedule():
    result = trials.simulate_resistance(test_every=3.0, horizon_months=24)
    np.testing.assert_allclose(result.test_months, np.arange(0, 24.1, 3.0))
    assert result.detect_month in set(result.test_months)
    i = list(result.test_months).index(result.detect_month)
    assert result.test_vaf_resistant[i] >= resistance.DETECTION_LIMIT
    assert np.all(result.test_vaf_resistant[:i] < resistance.DETECTION_LIMIT)


def test_doubling_time():
    assert trials.doubling_time(0.2) == pytest.approx(3.4657, abs=1e-3)
