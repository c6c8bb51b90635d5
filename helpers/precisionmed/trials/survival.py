"""Kaplan–Meier curves, medians, hazard ratios and log-rank tests of a trial table (arms).

Plain words: a *Kaplan–Meier curve* shows, month by month, the share of patients whose disease
has not yet progressed. Patients who leave the study or are still well when it ends are
*censored*: they count while they are followed and then drop out of the sums. The *median* is
the month when the curve crosses 50%. The *hazard ratio* (HR) compares the risk of progression
at any moment between the two arms (0.5 = half the risk on the drug). The *log-rank p-value*
asks how surprising the gap between the curves would be if the drug did nothing.

The trial table (columns ``arm``, ``months``, ``event``) is read here; the statistics are
:mod:`precisionmed.survival`, the course's one wrapper over lifelines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from precisionmed import survival as _survival
from precisionmed.plots import OKABE_ITO
from precisionmed.survival import SurvivalCurve
from precisionmed.trials import _checks
from precisionmed.trials.randomised import ARMS, CONTROL, DRUG

#: Colour and line style of each arm in every Kaplan–Meier plot.
ARM_STYLE = {DRUG: {"color": OKABE_ITO["blue"], "ls": "-"},
             CONTROL: {"color": OKABE_ITO["orange"], "ls": "--"}}


@dataclass(frozen=True)
class Comparison:
    """Drug versus control in one trial: hazard ratio with 95% CI, log-rank p and medians."""

    hazard_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    median_drug: float
    median_control: float
    patients: int
    events: int

    def sentence(self) -> str:
        """The result in one plain sentence (medians 'not reached' when the curve stays >50%)."""
        def med(m: float) -> str:
            return "not reached" if math.isinf(m) else f"{m:.1f} months"

        p = "p < 0.001" if self.p_value < 0.001 else f"p = {self.p_value:.3f}"
        return (f"HR {self.hazard_ratio:.2f} (95% CI {self.ci_low:.2f}–{self.ci_high:.2f}), "
                f"log-rank {p}; median {med(self.median_drug)} on the drug vs "
                f"{med(self.median_control)} on control ({self.patients} patients, "
                f"{self.events} progressed).")


def _trial(trial: pd.DataFrame) -> pd.DataFrame:
    frame = _checks.table("trial", trial, ["arm", "months", "event"])
    if frame["months"].isna().any() or (pd.to_numeric(frame["months"]) < 0).any():
        raise ValueError("trial['months'] must be 0 or more for every patient (no gaps).")
    return frame


def kaplan_meier(trial: pd.DataFrame) -> dict[str, SurvivalCurve]:
    """Kaplan–Meier curve of each arm (:func:`precisionmed.survival.kaplan_meier`), by arm."""
    frame = _trial(trial)
    arms = set(frame["arm"])
    order = [a for a in ARMS if a in arms] + sorted(arms - set(ARMS))
    return _survival.kaplan_meier(frame["months"].to_numpy(float),
                                  frame["event"].to_numpy(bool), frame["arm"], order=order)


def median_months(trial: pd.DataFrame, arm: str) -> float:
    """Median time to progression of ``arm`` from its Kaplan–Meier curve (inf: not reached)."""
    frame = _trial(trial)
    if arm not in set(frame["arm"]):
        raise ValueError(f"The trial has no arm {arm!r}; its arms are "
                         f"{sorted(set(frame['arm']))}.")
    part = frame[frame["arm"] == arm]
    return _survival.kaplan_meier(part["months"].to_numpy(float), part["event"].to_numpy(bool),
                                  part["arm"])[arm].median


def hazard_ratio(trial: pd.DataFrame) -> tuple[float, float, float]:
    """Hazard ratio of drug vs control with its 95% CI (Cox model, core survival)."""
    frame = _two_arms(_trial(trial))
    if not frame["event"].astype(bool).any():
        raise ValueError("No patient progressed, so there is no hazard ratio to estimate.")
    return _survival.hazard_ratio(frame["months"].to_numpy(float),
                                  frame["event"].to_numpy(bool),
                                  (frame["arm"] == DRUG).to_numpy(bool))


def logrank_p(trial: pd.DataFrame) -> float:
    """Log-rank test p-value for drug vs control (core survival)."""
    frame = _two_arms(_trial(trial))
    frame = frame[frame["arm"].isin([DRUG, CONTROL])]
    return _survival.logrank_p(frame["months"].to_numpy(float), frame["event"].to_numpy(bool),
                               frame["arm"])


def _two_arms(frame: pd.DataFrame) -> pd.DataFrame:
    arms = set(frame["arm"])
    if not {DRUG, CONTROL} <= arms:
        raise ValueError(f"The trial needs both arms {DRUG!r} and {CONTROL!r}; it has "
                         f"{sorted(arms)}.")
    return frame


def compare_arms(trial: pd.DataFrame) -> Comparison:
    """Hazard ratio (Cox) with 95% CI, log-rank p and Kaplan–Meier medians of both arms."""
    frame = _two_arms(_trial(trial))
    hr, low, high = hazard_ratio(frame)
    return Comparison(hazard_ratio=hr, ci_low=low, ci_high=high, p_value=logrank_p(frame),
                      median_drug=median_months(frame, DRUG),
                      median_control=median_months(frame, CONTROL),
                      patients=int(len(frame)), events=int(frame["event"].astype(bool).sum()))


def _curves(curves: object) -> None:
    if (not isinstance(curves, dict) or not curves
            or not all(isinstance(c, SurvivalCurve) for c in curves.values())):
        raise ValueError("curves must be the dict of SurvivalCurve that kaplan_meier(trial) "
                         "returns.")


def _steps(curve: SurvivalCurve, horizon: float) -> tuple[np.ndarray, np.ndarray]:
    x = np.append(curve.months, max(horizon, float(curve.months[-1])))
    y = np.append(curve.survival, curve.survival[-1]) * 100
    return x, y


def plot_km(ax: Axes, curves: dict[str, SurvivalCurve], title: str = "",
            horizon: float = 48.0) -> list:
    """Draw Kaplan–Meier step curves of both arms on ``ax``; return the line artists.

    Called again on the same ``ax`` it updates the existing lines (fast enough for a slider).
    A dotted line marks 50%: where a curve crosses it is that arm's median.
    """
    _checks.axes(ax)
    _curves(curves)
    state = getattr(ax, "_precisionmed_km", None)
    if state is None:
        ax.clear()
        lines = {}
        for arm in ARMS:
            (lines[arm],) = ax.plot([], [], drawstyle="steps-post", lw=2, label=arm,
                                    **ARM_STYLE[arm])
        ax.axhline(50, color=OKABE_ITO["black"], lw=0.8, ls=":")
        ax.set_xlim(0, horizon)
        ax.set_ylim(0, 102)
        ax.set_xlabel("Months since joining the trial")
        ax.set_ylabel("Still progression-free (%)")
        ax.legend(loc="upper right")
        for artist in (*lines.values(), ax.title):
            artist.set_animated(True)  # redrawn over a cached background in widgets
        state = lines
        ax._precisionmed_km = state  # type: ignore[attr-defined]
    for arm, line in state.items():
        if arm in curves:
            line.set_data(*_steps(curves[arm], horizon))
        else:
            line.set_data([], [])
    ax.set_title(title, fontsize=11)
    return list(state.values())


def describe_km(curves: dict[str, SurvivalCurve], what: str = "A trial") -> str:
    """One-sentence description (alt text) of a Kaplan–Meier plot."""
    _curves(curves)
    parts = []
    for arm, curve in curves.items():
        med = "is not reached" if math.isinf(curve.median) else f"is {curve.median:.1f} months"
        parts.append(f"the {arm} arm's median {med}")
    return (f"{what}: Kaplan–Meier curves of the share of patients still progression-free "
            f"over time; " + " and ".join(parts) + ".")
