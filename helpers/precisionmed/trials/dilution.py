"""Why targeted drugs are tested in biomarker-selected patients: dilution of the hazard ratio.

If a drug works only in marker-positive patients, a trial that enrols everyone ("all-comers")
mixes patients it helps with patients it does not. The all-comers hazard ratio is then pulled
towards 1. Roughly (simplified for teaching), it is the ratio of the two arms' progression
rates (progressions per patient-month), with the drug arm a mix of both groups —
:func:`expected_hazard_ratio`.

:func:`compare_designs` simulates both designs for one prevalence and true hazard ratio.
Fitting a Cox model takes tens of milliseconds, so the widget's grid of slider values is fitted
once by the dataset build (``datasets/trials/dilution_grid.csv``) and looked up here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from matplotlib.figure import Figure

from precisionmed.trials import _checks
from precisionmed.trials.randomised import (
    ALL_COMERS,
    SEED,
    SELECTED,
    patients_to_screen,
    simulate_trial,
)
from precisionmed.trials.survival import (
    Comparison,
    SurvivalCurve,
    compare_arms,
    hazard_ratio,
    kaplan_meier,
    logrank_p,
    plot_km,
)

#: Settings shared by the lesson's dilution trials and the precomputed grid.
GRID_PATIENTS = 600
GRID_CONTROL_MEDIAN = 10.2  # FLAURA control arm (Soria et al., N Engl J Med 2018)
GRID_ACCRUAL = 24.0
GRID_FOLLOWUP = 24.0
GRID_SEED = SEED
#: Slider values fitted in advance: prevalence 5%–100% by 5%; hazard ratio 0.20–1.00 by 0.05.
GRID_PREVALENCE = tuple(round(0.05 * i, 2) for i in range(1, 21))
GRID_HAZARD_RATIO = tuple(round(0.20 + 0.05 * i, 2) for i in range(17))
GRID_TABLE = "trials/dilution_grid"


def _event_probability(hazard: float, accrual: float, followup: float) -> float:
    """Chance of progressing before the analysis for uniform entry over ``accrual`` months."""
    if accrual <= 0:
        return 1.0 - math.exp(-hazard * followup)
    mean_survival = (math.exp(-hazard * followup)
                     - math.exp(-hazard * (followup + accrual))) / (hazard * accrual)
    return 1.0 - mean_survival


def expected_hazard_ratio(prevalence: float, hr_positive: float, hr_negative: float = 1.0,
                          control_median: float = GRID_CONTROL_MEDIAN,
                          accrual_months: float = GRID_ACCRUAL,
                          followup_months: float = GRID_FOLLOWUP) -> float:
    """Expected all-comers hazard ratio when the drug's effect differs by marker.

    Computed as a *rate ratio*: progressions per patient-month on the drug divided by
    progressions per patient-month on control, with the drug arm a mix of marker-positive
    (share ``prevalence``, hazard ratio ``hr_positive``) and marker-negative patients
    (``hr_negative``), exponential times, entry spread evenly over ``accrual_months`` and the
    analysis ``followup_months`` after the last patient joined. It equals ``hr_negative`` at
    prevalence 0 and ``hr_positive`` at prevalence 1, and is close to what a Cox model finds in
    a large simulated trial (simplified for teaching).

    >>> round(expected_hazard_ratio(0.5, 0.46), 2)
    0.67
    """
    p = _checks.share("prevalence", prevalence)
    hr_pos = _checks.hazard_ratio("hr_positive", hr_positive)
    hr_neg = _checks.hazard_ratio("hr_negative", hr_negative)
    base = math.log(2) / _checks.months("control_median", control_median)
    accrual = _checks.months("accrual_months", accrual_months, low_open=False)
    follow = _checks.months("followup_months", followup_months)
    events = months = 0.0
    for share, hr in ((p, hr_pos), (1.0 - p, hr_neg)):
        if share == 0:
            continue
        chance = _event_probability(base * hr, accrual, follow)
        events += share * chance
        months += share * chance / (base * hr)  # expected follow-up = P(event) / hazard
    return (events / months) / base


def grid_rows() -> pd.DataFrame:
    """Fit every grid point (both designs) with lifelines; used by the dataset build."""
    rows = []
    for hr in GRID_HAZARD_RATIO:
        selected = _fit(_trial(1.0, hr, SELECTED))
        for p in GRID_PREVALENCE:
            mixed = _fit(_trial(p, hr, ALL_COMERS))
            rows.append({"prevalence": p, "true_hr": hr,
                         **{f"all_{k}": v for k, v in mixed.items()},
                         **{f"selected_{k}": v for k, v in selected.items()}})
    return pd.DataFrame(rows)


def _fit(trial: pd.DataFrame) -> dict[str, float]:
    hr, low, high = hazard_ratio(trial)
    return {"hr": hr, "ci_low": low, "ci_high": high, "p_value": logrank_p(trial),
            "events": int(trial["event"].sum())}


@lru_cache(maxsize=512)
def _trial(prevalence: float, hazard_ratio: float, design: str) -> pd.DataFrame:
    return simulate_trial(n_patients=GRID_PATIENTS, hazard_ratio=hazard_ratio,
                          control_median=GRID_CONTROL_MEDIAN, prevalence=prevalence,
                          design=design, accrual_months=GRID_ACCRUAL,
                          followup_months=GRID_FOLLOWUP, seed=GRID_SEED)


@lru_cache(maxsize=512)
def _curves(prevalence: float, hazard_ratio: float, design: str) -> dict[str, SurvivalCurve]:
    trial = _trial(prevalence, hazard_ratio, design)
    curves = {}
    for arm, part in trial.groupby("arm", sort=False):
        months = part["months"].to_numpy(float)
        event = part["event"].to_numpy(bool)
        # The control arm is the same at every grid point (same seed, no drug): fit it once.
        curves[str(arm)] = _arm_curve(str(arm), months.tobytes(), event.tobytes(), part)
    return curves


_ARM_CACHE: dict[tuple[str, bytes, bytes], SurvivalCurve] = {}


def _arm_curve(arm: str, months: bytes, event: bytes, part: pd.DataFrame) -> SurvivalCurve:
    key = (arm, months, event)
    if key not in _ARM_CACHE:
        if len(_ARM_CACHE) > 1024:
            _ARM_CACHE.clear()
        _ARM_CACHE[key] = kaplan_meier(part)[arm]
    return _ARM_CACHE[key]


def warm_selected_trials() -> None:
    """Fit, once per session, the biomarker-selected trial of every grid hazard ratio.

    The selected trial does not depend on prevalence, and the control arm is the same in every
    trial, so after this a slider move refits only the all-comers drug arm's Kaplan–Meier curve
    (keeps each update under 50 ms).
    """
    for hr in GRID_HAZARD_RATIO:
        _curves(1.0, hr, SELECTED)


@lru_cache(maxsize=1)
def _grid() -> dict[tuple[float, float], tuple]:
    from precisionmed import data

    table = data.load(GRID_TABLE)
    out = {}
    for row in table.itertuples(index=False):
        out[(round(float(row.prevalence), 2), round(float(row.true_hr), 2))] = row
    return out


@dataclass(frozen=True)
class DilutionResult:
    """An all-comers and a biomarker-selected trial of the same drug, side by side."""

    prevalence: float
    true_hr: float
    expected_hr: float
    all_comers: Comparison
    selected: Comparison
    all_curves: dict[str, SurvivalCurve]
    selected_curves: dict[str, SurvivalCurve]
    screened: int

    def verdict(self) -> str:
        """A plain-language sentence comparing the two designs."""
        return (f"With the marker in {self.prevalence:.0%} of patients, the all-comers trial "
                f"finds HR {self.all_comers.hazard_ratio:.2f}; the biomarker-selected trial "
                f"finds {self.selected.hazard_ratio:.2f} (true effect in marker-positive "
                f"patients {self.true_hr:.2f}). Finding {GRID_PATIENTS} marker-positive patients "
                f"means testing about {self.screened:,}.")


def _comparison(row: object, prefix: str, curves: dict[str, SurvivalCurve]) -> Comparison:
    from precisionmed.trials.randomised import CONTROL, DRUG

    return Comparison(
        hazard_ratio=float(getattr(row, f"{prefix}_hr")),
        ci_low=float(getattr(row, f"{prefix}_ci_low")),
        ci_high=float(getattr(row, f"{prefix}_ci_high")),
        p_value=float(getattr(row, f"{prefix}_p_value")),
        median_drug=curves[DRUG].median, median_control=curves[CONTROL].median,
        patients=GRID_PATIENTS, events=int(getattr(row, f"{prefix}_events")))


def compare_designs(prevalence: float, hazard_ratio: float) -> DilutionResult:
    """Simulate an all-comers and a biomarker-selected trial for one prevalence and true HR.

    Both trials have :data:`GRID_PATIENTS` patients, FLAURA's control median (10.2 months) and
    the same seed. On the slider grid the Cox and log-rank numbers come from the precomputed
    table (the same numbers as fitting again, rounded to 4 decimals); elsewhere they are fitted
    now with lifelines.
    """
    p = _checks.share("prevalence", prevalence)
    hr = _checks.hazard_ratio("hazard_ratio", hazard_ratio)
    if p == 0:
        raise ValueError("prevalence must be above 0: a marker nobody has cannot select anyone.")
    p_key, hr_key = round(p, 2), round(hr, 2)
    on_grid = (abs(p - p_key) < 1e-9 and abs(hr - hr_key) < 1e-9
               and p_key in GRID_PREVALENCE and hr_key in GRID_HAZARD_RATIO)
    if on_grid:
        p, hr = p_key, hr_key
    all_curves = _curves(p, hr, ALL_COMERS)
    sel_curves = _curves(1.0, hr, SELECTED)
    row = _grid().get((p_key, hr_key)) if on_grid else None
    if row is not None:
        mixed = _comparison(row, "all", all_curves)
        selected = _comparison(row, "selected", sel_curves)
    else:
        mixed = compare_arms(_trial(p, hr, ALL_COMERS))
        selected = compare_arms(_trial(1.0, hr, SELECTED))
    return DilutionResult(prevalence=p, true_hr=hr, expected_hr=expected_hazard_ratio(p, hr),
                          all_comers=mixed, selected=selected, all_curves=all_curves,
                          selected_curves=sel_curves,
                          screened=patients_to_screen(GRID_PATIENTS, p))


def _result(result: object) -> None:
    _checks.instance("result", result, DilutionResult,
                     "the DilutionResult that compare_designs(prevalence, hazard_ratio) returns")


def plot_dilution(fig: Figure, result: DilutionResult) -> None:
    """Draw both trials' Kaplan–Meier curves side by side on ``fig`` (updated in place)."""
    _checks.figure(fig)
    _result(result)
    if len(fig.axes) < 2:
        fig.clear()
        fig.subplots(1, 2, sharey=True)
    left, right = fig.axes[:2]
    a, s = result.all_comers, result.selected
    plot_km(left, result.all_curves,
            f"All-comers (marker in {result.prevalence:.0%})\nHR {a.hazard_ratio:.2f} "
            f"({a.ci_low:.2f}–{a.ci_high:.2f})")
    plot_km(right, result.selected_curves,
            f"Marker-positive only\nHR {s.hazard_ratio:.2f} ({s.ci_low:.2f}–{s.ci_high:.2f})")
    right.set_ylabel("")


def _gap(hazard_ratio: float) -> str:
    """How far apart two Kaplan–Meier curves look for a hazard ratio (same words for both)."""
    if hazard_ratio > 0.8:
        return "close together"
    return "apart" if hazard_ratio >= 0.6 else "far apart"


def describe_dilution(result: DilutionResult) -> str:
    """One-sentence description (alt text) of :func:`plot_dilution`'s figure.

    Both trials are described with the same words for the same hazard ratio (above 0.8:
    close together; 0.6–0.8: apart; below 0.6: far apart).
    """
    _result(result)
    return (f"Two Kaplan–Meier plots: in the all-comers trial (marker in "
            f"{result.prevalence:.0%}) the drug and control curves lie "
            f"{_gap(result.all_comers.hazard_ratio)} "
            f"(HR {result.all_comers.hazard_ratio:.2f}); in the marker-positive-only trial "
            f"they lie {_gap(result.selected.hazard_ratio)}"
            f" (HR {result.selected.hazard_ratio:.2f}).")
