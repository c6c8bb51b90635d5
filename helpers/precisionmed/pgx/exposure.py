"""A one-compartment model of drug level over time, by metabolizer phenotype.

**Illustrative only.** The numbers below are round teaching values, not data for any real
drug: a drug taken by mouth every 12 hours, absorbed with rate ``ka`` and removed by an enzyme.
The phenotype scales the enzyme's clearance (a poor metabolizer clears it slowly, so the level
builds up). For a *prodrug* such as codeine, the enzyme makes the active medicine, so the
scaling turns around: an ultrarapid metabolizer makes the most active drug.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes

from precisionmed._checks import require
from precisionmed.plots import OKABE_ITO

#: Relative enzyme activity per phenotype (illustrative teaching values).
ACTIVITY_FACTOR: dict[str, float] = {
    "Poor Metabolizer": 0.2, "Intermediate Metabolizer": 0.55, "Normal Metabolizer": 1.0,
    "Rapid Metabolizer": 1.4, "Ultrarapid Metabolizer": 2.2,
}
PHENOTYPE_COLORS: dict[str, str] = {
    "Poor Metabolizer": OKABE_ITO["vermillion"], "Intermediate Metabolizer": OKABE_ITO["orange"],
    "Normal Metabolizer": OKABE_ITO["bluish green"], "Rapid Metabolizer": OKABE_ITO["sky blue"],
    "Ultrarapid Metabolizer": OKABE_ITO["blue"],
}
KINDS: tuple[str, ...] = ("active drug", "prodrug")

#: Illustrative one-compartment parameters (not any real drug).
VOLUME_L = 50.0
KA_PER_H = 1.2
CLEARANCE_L_PER_H = 5.0
INTERVAL_H = 12.0
DURATION_H = 96.0
#: Therapeutic window (mg/L) in the same illustrative units.
WINDOW_MG_L: tuple[float, float] = (0.8, 3.0)
TIMES_H: np.ndarray = np.linspace(0.0, DURATION_H, 385)
#: Fixed top of the y-axis (mg/L); higher levels run off the top of the chart, which is
#: the point: they are far above the window. A fixed axis also keeps slider updates fast.
Y_MAX_MG_L = 12.0


@dataclass(frozen=True)
class ExposureCurve:
    """Concentrations over ``times_h`` for one phenotype and dose, with simple summaries."""

    phenotype: str
    dose_mg: float
    kind: str
    times_h: np.ndarray
    concentration: np.ndarray

    @property
    def steady_peak(self) -> float:
        """Highest level over the last dosing interval (mg/L)."""
        last = self.times_h >= self.times_h[-1] - INTERVAL_H
        return float(self.concentration[last].max())

    @property
    def steady_trough(self) -> float:
        """Lowest level over the last dosing interval (mg/L)."""
        last = self.times_h >= self.times_h[-1] - INTERVAL_H
        return float(self.concentration[last].min())

    @property
    def time_in_window(self) -> float:
        """Share of the last day spent inside the therapeutic window (0–1)."""
        last = self.times_h >= self.times_h[-1] - 24.0
        c = self.concentration[last]
        return float(np.mean((c >= WINDOW_MG_L[0]) & (c <= WINDOW_MG_L[1])))

    def verdict(self) -> str:
        """Plain words: below, inside or above the window at steady state."""
        lo, hi = WINDOW_MG_L
        if self.steady_peak > hi:
            return "too high (above the window: side effects likely)"
        if self.steady_trough < lo and self.steady_peak < lo:
            return "too low (below the window: may not work)"
        if self.steady_trough < lo:
            return "partly below the window"
        return "inside the window"


def _check(phenotype: str, dose_mg: float, kind: str) -> None:
    if phenotype not in ACTIVITY_FACTOR:
        raise ValueError(f"phenotype must be one of {', '.join(ACTIVITY_FACTOR)}; got "
                         f"{phenotype!r}.")
    if isinstance(dose_mg, bool) or not isinstance(dose_mg, (int, float, np.number)) or not (
            0 <= float(dose_mg) <= 1000):
        raise ValueError(f"dose_mg must be a number from 0 to 1000, got {dose_mg!r}.")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}.")


def concentration_curve(phenotype: str, dose_mg: float, kind: str = "active drug",
                        times_h: np.ndarray | None = None) -> ExposureCurve:
    """Level of the active medicine (mg/L) over time for repeated doses every 12 h.

    One-compartment model with first-order absorption (the Bateman function), summed over
    doses. ``kind="active drug"``: clearance = normal clearance × activity factor.
    ``kind="prodrug"``: the active level is the normal-metabolizer curve × activity factor.
    """
    _check(phenotype, dose_mg, kind)
    t = TIMES_H if times_h is None else np.asarray(times_h, dtype=float)
    factor = ACTIVITY_FACTOR[phenotype]
    cl = CLEARANCE_L_PER_H * (factor if kind == "active drug" else 1.0)
    ke = cl / VOLUME_L
    conc = np.zeros_like(t)
    for start in np.arange(0.0, t.max() + 1e-9, INTERVAL_H):
        dt = t - start
        on = dt >= 0
        conc[on] += (float(dose_mg) * KA_PER_H / (VOLUME_L * (KA_PER_H - ke))
                     * (np.exp(-ke * dt[on]) - np.exp(-KA_PER_H * dt[on])))
    if kind == "prodrug":
        conc = conc * factor
    return ExposureCurve(phenotype, float(dose_mg), kind, t, conc)


def predicted_exposure(phenotype: str, dose_mg: float, kind: str = "active drug") -> float:
    """Average steady-state level (mg/L) — the one-number summary of the curve."""
    curve = concentration_curve(phenotype, dose_mg, kind)
    last = curve.times_h >= curve.times_h[-1] - INTERVAL_H
    return float(curve.concentration[last].mean())


def plot_curves(ax: Axes, dose_mg: float, highlight: str, kind: str = "active drug"
                ) -> dict[str, ExposureCurve]:
    """Draw one curve per phenotype and the therapeutic window; update lines in place.

    The lines are marked animated so a widget can redraw only them over a cached background;
    the y-axis is fixed at 0 to :data:`Y_MAX_MG_L`. Returns the curves.
    """
    require(ax, Axes, "ax")
    _check(highlight, dose_mg, kind)
    curves = {p: concentration_curve(p, dose_mg, kind) for p in ACTIVITY_FACTOR}
    state = getattr(ax, "_precisionmed_pk", None)
    if state is None:
        ax.clear()
        lo, hi = WINDOW_MG_L
        ax.axhspan(lo, hi, color=OKABE_ITO["bluish green"], alpha=0.12, lw=0)
        ax.text(DURATION_H - 1, hi, "therapeutic window", va="bottom", ha="right", fontsize=10)
        lines = {p: ax.plot(TIMES_H, curves[p].concentration, color=PHENOTYPE_COLORS[p],
                            label=p.replace(" Metabolizer", ""), animated=True)[0]
                 for p in curves}
        ax.set_xlabel("Time since first dose (hours)")
        ax.set_ylabel("Drug level (mg/L, illustrative)")
        ax.set_xlim(0, DURATION_H)
        ax.set_ylim(0, Y_MAX_MG_L)
        ax.legend(title="Metabolizer", loc="upper left", fontsize=9, title_fontsize=9)
        ax.set_title("Drug level with a dose every 12 hours (illustrative)", fontsize=11)
        state = lines
        ax._precisionmed_pk = state  # type: ignore[attr-defined]
    for p, line in state.items():
        line.set_ydata(curves[p].concentration)
        line.set_linewidth(3.2 if p == highlight else 1.2)
        line.set_alpha(1.0 if p == highlight else 0.55)
    return curves
