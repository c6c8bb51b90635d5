"""Seeded randomised trials of a targeted drug, and a basket trial.

Simplified for teaching. Time to progression is drawn from an exponential distribution (a
constant risk per month), so a median ``m`` months means a hazard of ``ln 2 / m`` per month and
a hazard ratio ``hr`` divides the median by ``hr``. Real trials are not exactly exponential:
FLAURA's control median of 10.2 months and HR 0.46 imply 22.2 months on osimertinib, where the
trial saw 18.9. Every random draw comes from ``numpy.random.default_rng(seed)``, so the same
seed gives the same table.

The drug works only in marker-positive patients (hazard ratio ``hazard_ratio``); in
marker-negative patients it is no better than control unless ``hr_negative`` says otherwise.
An *all-comers* trial enrols everyone, so the marker-negative patients dilute the effect; a
*biomarker-selected* trial tests tumours first and enrols only marker-positive patients.
Basket trials are in :mod:`precisionmed.trials.basket`.
"""

from __future__ import annotations

import difflib
import math

import numpy as np
import pandas as pd

from precisionmed.trials import _checks

#: Arm labels used in every simulated trial table.
DRUG = "targeted drug"
CONTROL = "control"
ARMS = (DRUG, CONTROL)

#: Trial designs.
ALL_COMERS = "all-comers"
SELECTED = "biomarker-selected"
DESIGNS = (ALL_COMERS, SELECTED)

#: Default seed of the lesson's trials.
SEED = 20260404

#: Columns of a simulated trial table.
TRIAL_COLUMNS = ["patient_id", "marker_positive", "arm", "months", "event"]

def trial_table() -> pd.DataFrame:
    """Return the curated pivotal randomised trials (``knowledge/trial_randomised``).

    Columns include ``trial``, ``biomarker``, ``drug``, ``comparator``,
    ``median_drug_months``, ``median_control_months``, ``hazard_ratio`` and ``source``.
    """
    from precisionmed import data

    return data.load("knowledge/trial_randomised")


def single_arm_table() -> pd.DataFrame:
    """Return the curated single-arm and basket trials (``knowledge/trial_single_arm``)."""
    from precisionmed import data

    return data.load("knowledge/trial_single_arm")


def pivotal_trial(name: str) -> dict[str, object]:
    """Return one row of :func:`trial_table` as a dict, e.g. ``pivotal_trial("FLAURA")``.

    Raises
    ------
    ValueError
        If no trial has that name (the message suggests close matches).
    """
    table = trial_table()
    names = [str(t) for t in table["trial"]]
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"Give a trial name such as 'FLAURA'; known trials: {', '.join(names)}.")
    lookup = {n.lower().replace("-", "").replace(" ", ""): n for n in names}
    key = name.strip().lower().replace("-", "").replace(" ", "")
    if key not in lookup:
        close = difflib.get_close_matches(name.strip(), names, n=3, cutoff=0.4)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"No trial called {name!r} in the table.{hint} Known trials: "
                         f"{', '.join(names)}.")
    row = table[table["trial"] == lookup[key]].iloc[0]
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def hazard_from_median(median_months: float) -> float:
    """Monthly hazard of an exponential survival curve with this median (``ln 2 / median``)."""
    return math.log(2) / _checks.months("median_months", median_months)


def implied_median(control_median: float, hazard_ratio: float) -> float:
    """Median of the drug arm implied by a control median and a hazard ratio (exponential).

    >>> round(implied_median(10.2, 0.46), 1)
    22.2
    """
    return (_checks.months("control_median", control_median)
            / _checks.hazard_ratio("hazard_ratio", hazard_ratio))


def patients_to_screen(n_positive: int, prevalence: float) -> int:
    """How many patients must be tested, on average, to find ``n_positive`` marker-positive ones.

    >>> patients_to_screen(300, 0.141)
    2128
    """
    n = _checks.whole("n_positive", n_positive, 0)
    p = _checks.share("prevalence", prevalence)
    if p == 0:
        raise ValueError("With a prevalence of 0 no marker-positive patient can be found; "
                         "give a prevalence above 0.")
    return int(math.ceil(n / p - 1e-9))


def simulate_trial(n_patients: int = 600, hazard_ratio: float = 0.46,
                   control_median: float = 10.2, prevalence: float = 1.0,
                   design: str = ALL_COMERS, hr_negative: float = 1.0,
                   accrual_months: float = 24.0, followup_months: float = 24.0,
                   dropout_per_year: float = 0.05, seed: int = SEED) -> pd.DataFrame:
    """Simulate a 1:1 randomised trial of a targeted drug against control.

    Parameters
    ----------
    n_patients
        Patients randomised (split as evenly as possible between the arms).
    hazard_ratio
        True hazard ratio of the drug in marker-positive patients (below 1 = drug better).
    control_median
        Median time to progression in the control arm, in months.
    prevalence
        Share of patients whose tumour carries the marker (0–1). In a biomarker-selected trial
        every enrolled patient is marker-positive; prevalence then only sets how many were
        screened (``attrs["screened"]``).
    design
        ``"all-comers"`` or ``"biomarker-selected"``.
    hr_negative
        Hazard ratio of the drug in marker-negative patients (1 = no effect).
    accrual_months, followup_months
        Patients join evenly over ``accrual_months``; the analysis happens ``followup_months``
        after the last one joined. Anyone without progression by then is *censored*.
    dropout_per_year
        Share of patients per year who leave the trial early (also censored).
    seed
        Seed for ``numpy.random.default_rng``. The draws do not depend on the other
        parameters, so moving a slider changes the patients smoothly.

    Returns
    -------
    pandas.DataFrame
        Columns ``patient_id``, ``marker_positive``, ``arm`` (``"targeted drug"`` or
        ``"control"``), ``months`` (time followed, rounded to 0.01) and ``event`` (True if the
        disease progressed; False if censored). ``attrs`` holds the parameters.
    """
    n = _checks.whole("n_patients", n_patients, 2, 100_000)
    hr = _checks.hazard_ratio("hazard_ratio", hazard_ratio)
    hr_neg = _checks.hazard_ratio("hr_negative", hr_negative)
    median = _checks.months("control_median", control_median)
    p = _checks.share("prevalence", prevalence)
    if design not in DESIGNS:
        raise ValueError(f"design must be one of {DESIGNS}, got {design!r}.")
    accrual = _checks.months("accrual_months", accrual_months, low_open=False)
    follow = _checks.months("followup_months", followup_months)
    dropout = _checks.number("dropout_per_year", dropout_per_year, 0.0, 10.0)
    rng = np.random.default_rng(_checks.seed(seed))

    # Same draws whatever the parameters (common random numbers).
    marker_draw = rng.random(n)
    on_drug = rng.permutation(n) < (n + 1) // 2
    event_draw = rng.exponential(1.0, n)
    joined = rng.uniform(0.0, accrual, n)
    dropout_draw = rng.exponential(1.0, n)

    if design == SELECTED:
        if p == 0:
            raise ValueError("A biomarker-selected trial needs a prevalence above 0: with no "
                             "marker-positive patients nobody can be enrolled.")
        marker = np.ones(n, dtype=bool)
    else:
        marker = marker_draw < p
    base = math.log(2) / median
    hazard = np.full(n, base)
    hazard[on_drug & marker] *= hr
    hazard[on_drug & ~marker] *= hr_neg
    progression = event_draw / hazard
    censor = (accrual + follow) - joined
    if dropout > 0:
        censor = np.minimum(censor, dropout_draw / (dropout / 12.0))
    observed = np.minimum(progression, censor)
    event = progression <= censor
    frame = pd.DataFrame({
        "patient_id": [f"P-{i + 1:04d}" for i in range(n)],
        "marker_positive": marker,
        "arm": np.where(on_drug, DRUG, CONTROL),
        "months": np.round(np.maximum(observed, 0.01), 2),
        "event": event,
    })
    frame.attrs.update({
        "design": design, "hazard_ratio": hr, "hr_negative": hr_neg, "control_median": median,
        "prevalence": p, "seed": int(seed), "n_patients": n,
        "screened": patients_to_screen(n, p) if design == SELECTED else n,
    })
    return frame


def simulate_pivotal(name: str, n_patients: int | None = None, seed: int = SEED,
                     **kwargs: float) -> pd.DataFrame:
    """Simulate a biomarker-selected trial with a pivotal trial's control median and HR.

    ``simulate_pivotal("FLAURA")`` uses FLAURA's control median (10.2 months) and hazard ratio
    (0.46) and its number of patients; other keyword arguments go to :func:`simulate_trial`.

    Raises
    ------
    ValueError
        For an unknown trial, or one whose control median is not in the table (pass
        ``control_median=`` yourself then).
    """
    row = pivotal_trial(name)
    params: dict[str, object] = {"hazard_ratio": row["hazard_ratio"],
                                 "control_median": row["median_control_months"]}
    params.update(kwargs)
    if params["control_median"] is None:
        raise ValueError(f"The table has no control median for {row['trial']}; pass "
                         "control_median=... (in months) to simulate it.")
    n = int(row["n_patients"]) if n_patients is None else n_patients
    frame = simulate_trial(n_patients=n, design=SELECTED, prevalence=1.0, seed=seed,
                           **params)  # type: ignore[arg-type]
    frame.attrs["trial"] = row["trial"]
    return frame
