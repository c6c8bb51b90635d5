"""The course's one survival module, checked against hand-worked Kaplan–Meier and log-rank sums."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import chi2

from precisionmed import survival, trials

# Four patients: events at months 1, 2 and 4, one censored at 3. By hand (product-limit):
# S(1) = 3/4, S(2) = 3/4 · 2/3 = 1/2, S(3) = 1/2 (censoring does not step), S(4) = 0.
TIME, EVENT = [1.0, 2.0, 3.0, 4.0], [True, True, False, True]


def test_kaplan_meier_matches_the_product_limit_by_hand() -> None:
    curve = survival.kaplan_meier(TIME, EVENT, ["all"] * 4)["all"]
    assert [curve.at(m) for m in (0.5, 1, 2, 3, 4)] == pytest.approx([1, 0.75, 0.5, 0.5, 0])
    assert curve.median == 2.0 and (curve.patients, curve.events) == (4, 3)
    table = survival.km_summary(TIME, EVENT, ["all"] * 4, at_months=3.5)
    assert table.loc["all", "event_free_percent"] == pytest.approx(50.0)


def test_log_rank_matches_the_observed_minus_expected_sum_by_hand() -> None:
    # a: events at 1 and 3; b: events at 2 and 4. Risk sets (a, b) = (2,2), (1,2), (1,1), (0,1).
    # E_a = 2/4 + 1/3 + 1/2 + 0 = 4/3; V = 1/4 + 2/9 + 1/4 + 0 = 13/18; O_a = 2.
    statistic = (2 - 4 / 3) ** 2 / (13 / 18)
    p = survival.logrank_p([1, 3, 2, 4], [True] * 4, ["a", "a", "b", "b"])
    assert p == pytest.approx(float(chi2.sf(statistic, 1)))
    assert p == pytest.approx(0.4328, abs=1e-4)


def test_hazard_ratio_of_identical_groups_is_one() -> None:
    time = np.tile([2.0, 4.0, 6.0, 8.0, 10.0], 2)
    hr, low, high = survival.hazard_ratio(time, [True] * 10, [True] * 5 + [False] * 5)
    assert hr == pytest.approx(1.0, abs=1e-6) and low < 1 < high


def test_lesson_04_reaches_the_same_numbers_through_its_trial_table() -> None:
    trial = trials.simulate_pivotal("FLAURA")
    direct = survival.kaplan_meier(trial["months"], trial["event"], trial["arm"])
    for arm, curve in trials.kaplan_meier(trial).items():
        assert curve.median == direct[arm].median
    assert trials.logrank_p(trial) == pytest.approx(
        survival.logrank_p(trial["months"], trial["event"], trial["arm"]))


@pytest.mark.parametrize("bad, match", [
    (dict(time="12"), "column of values"),
    (dict(time=[1, "x"]), "numbers"),
    (dict(time=[1, math.nan]), "0 or more"),
    (dict(event=[True, "yes"]), "True/False"),
    (dict(group=["a"]), "same, non-zero length"),
])
def test_bad_columns_get_a_clear_error(bad: dict, match: str) -> None:
    args = {"time": [1.0, 2.0], "event": [True, False], "group": ["a", "b"], **bad}
    with pytest.raises(ValueError, match=match):
        survival.kaplan_meier(**args)


def test_group_and_treatment_errors_name_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="No patients in group 'c'"):
        survival.km_summary(TIME, EVENT, ["a", "a", "b", "b"], order=["a", "c"])
    with pytest.raises(ValueError, match="some patients True and some False"):
        survival.hazard_ratio(TIME, EVENT, [True] * 4)
    with pytest.raises(ValueError, match="month must be"):
        survival.kaplan_meier(TIME, EVENT, ["a"] * 4)["a"].at(-1)
