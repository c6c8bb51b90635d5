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


# --- The sentences describe what is plotted, in every state of the panel's controls ---------

KILLS = (0.0, 0.05, 0.2, 0.3, 0.6, 1.0, 1.5)
SHARES = tuple(10 ** (-6 + 0.25 * i) for i in range(21))
GROWTHS = (0.05, 0.2, 0.3, 0.5)
SECOND = (0.0, 0.2, 0.6, 1.5)


def _window(result, drug: int) -> np.ndarray:
    """Indices of the plotted course on ``drug`` (the switch month belongs to both)."""
    months = result.months
    if result.switch_month is None:
        return np.arange(len(months)) if drug == 1 else np.arange(0)
    cut = int(np.searchsorted(months, result.switch_month - 1e-9))
    return np.arange(cut + 1) if drug == 1 else np.arange(cut, len(months))


def _check_shape(claim: str, total: np.ndarray) -> None:
    steps = np.diff(total)
    scale = np.maximum(total[:-1], 1e-300)
    if "shrinks to its smallest size" in claim:
        low = int(np.argmin(total))
        assert 0 < low < len(total) - 1 and total[-1] > total[low], claim
    elif "keeps shrinking" in claim or "shrinks again" in claim:
        assert np.all(steps < 0), claim
    elif "grows" in claim or "keeps growing" in claim:  # from the start, or on drug 2
        assert steps[0] > 0 and np.argmin(total) == 0 and total[-1] > total[0], claim
    elif "stays the same size" in claim:
        assert np.allclose(steps / scale, 0, atol=1e-9), claim
    else:
        raise AssertionError(f"no shape named in {claim!r}")


def _check_sizes(claim: str, result) -> None:
    """Every 'to N% of the start by month M' matches the plotted whole tumour."""
    import re

    for number, month in re.findall(r"to ([\d.,]+)% of the start by month ([\d.]+)", claim):
        i = int(np.argmin(np.abs(result.months - float(month))))
        assert float(number.replace(",", "")) == pytest.approx(result.total[i] * 100, rel=6e-3)
    for number, month in re.findall(r"to ([\d.,]+) times its starting size.*?by month ([\d.]+)",
                                    claim):
        i = int(np.argmin(np.abs(result.months - float(month))))
        assert float(number.replace(",", "")) == pytest.approx(result.total[i], rel=6e-3)
    if "too small for the chart" in claim:
        assert result.total[-1] < 1e-5 or min(result.total) < 1e-5


def _same_course(a, b) -> bool:
    """Both clones follow the same curves (so nothing in the top panel moves)."""
    return bool(np.allclose(a.sensitive, b.sensitive, rtol=1e-9, atol=0)
                and np.allclose(a.resistant, b.resistant, rtol=1e-9, atol=0))


def _sentences_are_true(kill: float, share: float, growth: float, switch: str,
                        second: float) -> set[str]:
    result = trials.simulate_resistance(kill_rate=kill, resistant_fraction=share,
                                        growth_rate=growth, switch=switch,
                                        second_kill_rate=second)
    text = result.summary()
    caption = trials.describe_resistance(result)
    sentences = text.split(". ")
    on_one = [s for s in sentences if s.startswith("On drug 1")]
    on_two = [s for s in sentences if "drug 2 (osimertinib)" in s]
    if result.switch_month is None or result.switch_month >= result.months[-1]:
        assert on_one and not on_two
        _check_shape(on_one[0], result.total)
    elif result.switch_month == 0:
        assert not on_one and on_two[0].startswith("Already at month 0")
        _check_shape(on_two[0], result.total)
    else:
        _check_shape(on_one[0], result.total[_window(result, 1)])
        _check_shape(on_two[0].split(", the tumour", 1)[1], result.total[_window(result, 2)])
    _check_sizes(text, result)
    # "changes nothing" is said exactly when moving that control really changes nothing.
    other = trials.simulate_resistance(kill_rate=kill, resistant_fraction=share,
                                       growth_rate=growth, switch=switch,
                                       second_kill_rate=1.5 - second if second != 0.75 else 0)
    same_for_drug2 = _same_course(other, result)
    assert ("drug 2's kill rate change" in text) == same_for_drug2, text
    flipped = trials.simulate_resistance(kill_rate=kill, resistant_fraction=share,
                                         growth_rate=growth, second_kill_rate=second,
                                         switch="never" if switch == "ctdna" else "ctdna")
    box_does_nothing = _same_course(flipped, result)
    said = any(phrase in text for phrase in (
        "switch box and drug 2's kill rate change nothing",
        "whether or not the switch box is ticked", "switching does not change the course",
        "ticking the switch box would not change the course"))
    assert said == box_does_nothing, text
    # Blood and scan claims.
    assert ("never reaches the blood test's limit" in text) == (result.detect_month is None)
    if result.switch_month is not None and result.switch_month < result.months[-1]:
        assert "thin dotted line" in text and "thin dotted line" in caption
    if "A scan shows growth on drug 1 at month" in text:
        assert result.progression_month is not None
        assert result.switch_month is None or result.progression_month <= result.switch_month
    if "would not show the regrowth" in text:
        assert result.progression_month is None
    # The caption tells the same story without the numbers: never "grows back" unless it does.
    if "grows back" in caption:
        assert "grows back" in text
    return {s.split(" (")[0][:40] for s in sentences}


def test_every_sentence_matches_the_plotted_course_over_a_grid_of_states():
    shapes = set()
    for kill in KILLS:
        for share in SHARES:
            for growth in GROWTHS:
                for switch in ("ctdna", "never"):
                    for second in SECOND:
                        shapes |= _sentences_are_true(kill, share, growth, switch, second)
    assert len(shapes) > 10  # many different courses were described, not one template


def test_no_resistant_cells_is_described_as_such():
    result = trials.simulate_resistance(resistant_fraction=0.0)
    assert "no resistant cells" in trials.describe_resistance(result)
    assert "never reaches" in result.summary()
