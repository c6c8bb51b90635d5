"""Bad input to precisionmed.trials raises only ValueError, with a message."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precisionmed import trials

anything = st.one_of(st.none(), st.booleans(), st.text(max_size=5),
                     st.integers(-10**6, 10**6),
                     st.floats(allow_nan=True, allow_infinity=True),
                     st.lists(st.integers(), max_size=2))

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _only_value_error(func, *args, **kwargs) -> None:
    try:
        func(*args, **kwargs)
    except ValueError as exc:
        assert str(exc).strip(), "a ValueError needs a message"


@FAST
@given(n=anything, hr=anything, prevalence=anything, median=anything)
def test_simulate_trial_fuzz(n, hr, prevalence, median):
    _only_value_error(trials.simulate_trial, n_patients=n, hazard_ratio=hr,
                      prevalence=prevalence, control_median=median)


@FAST
@given(p=anything, hr=anything, hr_neg=anything)
def test_expected_hazard_ratio_fuzz(p, hr, hr_neg):
    _only_value_error(trials.expected_hazard_ratio, p, hr, hr_neg)


@FAST
@given(k=anything, f=anything, g=anything, switch=st.one_of(anything, st.just("ctdna")))
def test_simulate_resistance_fuzz(k, f, g, switch):
    _only_value_error(trials.simulate_resistance, kill_rate=k, resistant_fraction=f,
                      growth_rate=g, switch=switch)


@FAST
@given(rates=st.dictionaries(st.text(max_size=4), anything, max_size=3), k=anything,
       seed=anything)
def test_simulate_basket_fuzz(rates, k, seed):
    _only_value_error(trials.simulate_basket, rates, k, seed)


@pytest.mark.parametrize("kwargs, words", [
    ({"n_patients": -5}, "n_patients"),
    ({"hazard_ratio": 0}, "hazard ratio is above 0"),
    ({"hazard_ratio": -0.5}, "hazard_ratio"),
    ({"prevalence": 1.5}, "between 0 and 1"),
    ({"prevalence": -0.1}, "between 0 and 1"),
    ({"design": "random"}, "design"),
    ({"prevalence": 0.0, "design": "biomarker-selected"}, "prevalence above 0"),
    ({"seed": -1}, "seed"),
])
def test_simulate_trial_messages(kwargs, words):
    with pytest.raises(ValueError, match=words):
        trials.simulate_trial(**kwargs)


@pytest.mark.parametrize("bad", [pd.DataFrame(), "trial", pd.DataFrame({"arm": ["control"]})])
def test_survival_functions_reject_empty_or_wrong_tables(bad):
    for func in (trials.compare_arms, trials.kaplan_meier, trials.hazard_ratio):
        with pytest.raises(ValueError):
            func(bad)


def test_survival_needs_both_arms_and_some_events():
    trial = trials.simulate_trial(n_patients=40)
    with pytest.raises(ValueError, match="both arms"):
        trials.compare_arms(trial[trial["arm"] == trials.DRUG])
    quiet = trial.assign(event=False)
    with pytest.raises(ValueError, match="No patient progressed"):
        trials.hazard_ratio(quiet)
    with pytest.raises(ValueError, match="no arm"):
        trials.median_months(trial, "placebo")


def test_other_messages():
    with pytest.raises(ValueError, match="prevalence above 0"):
        trials.patients_to_screen(10, 0)
    with pytest.raises(ValueError, match="switch"):
        trials.simulate_resistance(switch="sometimes")
    with pytest.raises(ValueError, match="at least one"):
        trials.simulate_basket({})
    with pytest.raises(ValueError, match="prevalence must be above 0"):
        trials.compare_designs(0.0, 0.5)
    with pytest.raises(ValueError, match="trial name"):
        trials.pivotal_trial("")
