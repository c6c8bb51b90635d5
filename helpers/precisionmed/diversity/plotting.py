"""Lesson 08 figures: each plot function draws on given Axes and has a one-sentence describer.

Okabe–Ito colours (:data:`precisionmed.plots.OKABE_ITO`) with hatching, so no meaning rests
on colour alone. Panel figures mark what changes with ``set_animated(True)`` so
:class:`precisionmed.widgets.FigureView` can redraw it over a cached background.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from precisionmed import diversity as dv
from precisionmed.plots import OKABE_ITO

BLUE, ORANGE, GREEN = OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish green"]
VERMILLION, SKY, GREY = OKABE_ITO["vermillion"], OKABE_ITO["sky blue"], "#555555"
YELLOW, PURPLE = OKABE_ITO["yellow"], OKABE_ITO["reddish purple"]

#: Colour and hatch per GWAS ancestry group (the sources' labels).
GROUP_STYLE = {
    "European": (SKY, ""), "Asian": (ORANGE, "//"), "African": (BLUE, ".."),
    "Hispanic or Latin American": (PURPLE, "xx"), "other or not broken down": ("#dddddd", ""),
}
POP_COLOURS = {"A": SKY, "B": GREEN, "C": VERMILLION}
POP_HATCH = {"A": "", "B": "//", "C": ".."}
POP_NAMES = {"A": "A (most studied)", "B": "B (close to A)", "C": "C (far from A)"}


def _axes(ax: object) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError(f"Expected matplotlib Axes (from plots.new_figure), got "
                        f"{type(ax).__name__}.")
    return ax


def _gwas(table: object) -> pd.DataFrame:
    need = {"year", "ancestry", "share"}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns) or table.empty:
        raise ValueError("table must be knowledge/diversity_gwas_ancestry (year, ancestry, "
                         "share).")
    return table


def pct(value: float) -> str:
    """A share (0–1) as a percentage with one decimal, e.g. ``"25.8%"``."""
    return f"{100 * value:.1f}%"


# --- who has been studied ------------------------------------------------------------------------

#: Where the GWAS chart's axes sit in its figure (left, bottom, width, height): placed by hand
#: with room for the legend below, so the figure needs no layout pass (about 0.1 s less).
GWAS_AXES = (0.09, 0.33, 0.88, 0.64)


def plot_gwas_ancestry(ax: Axes, table: pd.DataFrame) -> None:
    """Stacked bars: share of GWAS participants by ancestry group, one bar per year.

    Places the axes by hand (:data:`GWAS_AXES`) and turns the figure's layout engine off.
    """
    _axes(ax)
    table = _gwas(table)
    if ax.figure is not None and len(ax.figure.axes) == 1:
        ax.figure.set_layout_engine("none")
        ax.set_position(GWAS_AXES)
    years = sorted(int(y) for y in table["year"].unique())
    lefts = np.zeros(len(years))
    for group, (colour, hatch) in GROUP_STYLE.items():
        values = np.array([float(table[(table["year"] == y) & (table["ancestry"] == group)]
                                 ["share"].sum()) for y in years])
        if not values.any():
            continue
        ax.barh(range(len(years)), values, left=lefts, color=colour, hatch=hatch,
                edgecolor="black", linewidth=0.6, label=group)
        if group == "European":
            for i, v in enumerate(values):
                ax.text(v / 2, i, f"{v:.0f}% European", ha="center", va="center",
                        fontsize=10)
        lefts += values
    ax.set_yticks(range(len(years)), [str(y) for y in years])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of GWAS participants (%)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, fontsize=9,
              frameon=False)


def describe_gwas_ancestry(table: pd.DataFrame) -> str:
    """One-sentence description of :func:`plot_gwas_ancestry`."""
    table = _gwas(table)
    parts = []
    for year in sorted(int(y) for y in table["year"].unique()):
        rows = table[table["year"] == year].set_index("ancestry")["share"]
        text = f"{year}: {rows.get('European', float('nan')):g}% European"
        if "African" in rows:
            text += f", {rows['African']:g}% African"
        parts.append(text)
    return ("Stacked bar chart of the share of genome-wide association study participants by "
            "ancestry group and year (sources count differently): " + "; ".join(parts) + ".")


# --- training-mix panel --------------------------------------------------------------------------

@dataclass(frozen=True)
class MixResult:
    """The precomputed accuracy of a score at one training mix.

    ``share_c``: share of the training cohort from population C; ``r2`` and ``slope`` map a
    population to its variance explained (0–1) and calibration slope; ``train_a``/``train_c``
    count the training people.
    """

    share_c: float
    r2: dict[str, float]
    slope: dict[str, float]
    train_a: int
    train_c: int

    def ratio(self) -> float:
        """How many times lower C's r² is than A's (below 1: C's is higher)."""
        return dv.accuracy_ratio(self.r2["A"], self.r2["C"])


def _mix(result: object) -> MixResult:
    if not isinstance(result, MixResult):
        raise TypeError("Expected a MixResult (from diversity.panels.mix_result).")
    return result


def plot_accuracy(ax: Axes, result: MixResult, reference: MixResult | None = None) -> None:
    """Bars: variance explained by the score in each test population at one training mix.

    ``reference`` (optional, e.g. the all-A training) is drawn once as black outlines. Built
    once; later calls change the bar heights, their labels and the title.
    """
    _axes(ax)
    _mix(result)
    pops = list(dv_populations())
    state = getattr(ax, "_pm_accuracy", None)
    if state is None:
        x = np.arange(len(pops))
        bars = ax.bar(x, [0.0] * len(pops), 0.6, color=[POP_COLOURS[p] for p in pops],
                      hatch=None, edgecolor="black")
        for bar, p in zip(bars, pops, strict=True):
            bar.set_hatch(POP_HATCH[p])
            bar.set_animated(True)
        tops = [0.0] * len(pops)
        if reference is not None:
            _mix(reference)
            for i, (xi, p) in enumerate(zip(x, pops, strict=True)):
                # animated and made after the bars, so it is drawn on top of them
                ax.plot([xi - 0.34, xi + 0.34], [100 * reference.r2[p]] * 2, color="black",
                        lw=2, ls="--", animated=True)
                tops[i] = 100 * reference.r2[p]
            ax.plot([], [], color="black", ls="--", lw=2,
                    label="trained on A only (0% C)")
            ax.legend(loc="upper left", fontsize=9, frameon=False)
        texts = [ax.text(xi, 0, "", ha="center", va="bottom", fontsize=11, animated=True)
                 for xi in x]
        ax.set_xticks(x, [POP_NAMES[p] for p in pops])
        ax.set_ylim(0, 40)
        ax.set_ylabel("Trait variance explained (%)")
        ax.set_xlabel("Test population")
        ax.grid(axis="x", visible=False)
        title = ax.set_title(" ", fontsize=11)
        title.set_animated(True)
        state = {"bars": bars, "texts": texts, "title": title, "tops": tops}
        ax._pm_accuracy = state  # type: ignore[attr-defined]
    for i, p in enumerate(pops):
        height = 100 * result.r2[p]
        state["bars"][i].set_height(height)
        state["texts"][i].set_position((i, max(height, state["tops"][i]) + 0.8))
        state["texts"][i].set_text(f"{height:.1f}%")
    state["title"].set_text(f"Training cohort: {result.train_a:,} from A, "
                            f"{result.train_c:,} from C ({100 * result.share_c:.0f}% C)")


def dv_populations() -> tuple[str, ...]:
    """The simulation's test populations, in display order."""
    return ("A", "B", "C")


def describe_accuracy(result: MixResult) -> str:
    """One-sentence description of :func:`plot_accuracy` (true for every mix)."""
    _mix(result)
    r2 = result.r2
    return (f"Bar chart of the variance a simulated polygenic score explains when "
            f"{100 * result.share_c:.0f}% of its {result.train_a + result.train_c:,} training "
            f"people come from population C and the rest from A: {pct(r2['A'])} in A, "
            f"{pct(r2['B'])} in B and {pct(r2['C'])} in C.")


def summarise_accuracy(result: MixResult) -> str:
    """The sentences under the training-mix panel (HTML), true for every mix."""
    _mix(result)
    r2 = result.r2
    order = sorted(r2, key=lambda p: r2[p], reverse=True)
    # Within 5% of each other is within the simulation's noise: say "about as well", never
    # "best", as the A-against-C sentence does.
    close = [p for p in order if r2[p] * 1.05 > r2[order[0]]]
    if len(close) == 1:
        best = f"It works best in {POP_NAMES[order[0]]}."
    elif len(close) == len(order):
        best = "It works about equally well in all three populations."
    else:
        best = (f"It works best in {' and '.join(POP_NAMES[p] for p in sorted(close))}, "
                "about equally well.")
    ratio = result.ratio()
    if ratio >= 1.05:
        gap = f"In C the score explains {ratio:.1f} times less than in A."
    elif ratio <= 1 / 1.05:
        gap = f"In C the score now explains {1 / ratio:.1f} times more than in A."
    else:
        gap = "In A and C the score now works about equally well."
    return (f"<b>{100 * result.share_c:.0f}% of the training cohort from C:</b> the score "
            f"explains {pct(r2['A'])} of the trait's variation in A, {pct(r2['B'])} in B and "
            f"{pct(r2['C'])} in C. {gap} {best} Calibration "
            f"slope in C: {result.slope['C']:.2f} (1 would mean the score's differences "
            f"between people are the right size). <i>Simulated populations, not real "
            f"ancestry groups.</i>")


# --- kidney panel --------------------------------------------------------------------------------

@dataclass(frozen=True)
class KidneyResult:
    """One patient at one creatinine value, scored with both CKD-EPI equations."""

    name: str
    age: int
    sex: str
    black: bool
    creatinine: float
    egfr_2009: float
    egfr_2021: float

    @property
    def change(self) -> float:
        """2021 minus 2009 eGFR (mL/min/1.73 m²)."""
        return self.egfr_2021 - self.egfr_2009


def kidney_result(name: str, age: int, sex: str, black: bool, creatinine: float) -> KidneyResult:
    """Score one patient with both equations (2009 uses the clinic's recorded race)."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name must be the patient's first name.")
    if not isinstance(black, (bool, np.bool_)):
        raise ValueError("black must be True or False (the race the clinic recorded).")
    e09 = dv.egfr_ckd_epi(creatinine, age, sex, "2009", black=bool(black))
    e21 = dv.egfr_ckd_epi(creatinine, age, sex, "2021")
    return KidneyResult(name, int(age), str(sex), bool(black), float(creatinine), e09, e21)


def _kidney(result: object) -> KidneyResult:
    if not isinstance(result, KidneyResult):
        raise TypeError("Expected a KidneyResult (from diversity.plotting.kidney_result).")
    return result


KIDNEY_X = (0.5, 6.0)


def plot_kidney(ax: Axes, result: KidneyResult) -> None:
    """Plot eGFR against creatinine by both equations for one patient, with lines at 60, 20.

    Built once (axes, threshold lines, legend); later calls move the two curves, the two
    markers and the title, which are all animated, so a new patient is a quick redraw too.
    """
    _axes(ax)
    _kidney(result)
    state = getattr(ax, "_pm_kidney", None)
    if state is None:
        ax.axhline(dv.CKD_EGFR, color=GREY, ls=":", lw=1.5)
        ax.text(KIDNEY_X[1] - 0.05, dv.CKD_EGFR / 1.04, "60: kidney disease (if lasting)",
                ha="right", va="top", fontsize=9, color=GREY)
        ax.axhline(dv.WAITLIST_EGFR, color=VERMILLION, ls="--", lw=1.5)
        ax.text(KIDNEY_X[1] - 0.05, dv.WAITLIST_EGFR * 1.04, "20: transplant waiting time "
                "starts", ha="right", va="bottom", fontsize=9, color=VERMILLION)
        old, = ax.plot([], [], color=ORANGE, lw=2.5, ls="--", animated=True,
                       label="2009 equation (× 1.159 if recorded as Black)")
        new, = ax.plot([], [], color=BLUE, lw=2.5, animated=True,
                       label="2021 equation (no race)")
        dot_old, = ax.plot([], [], "s", color=ORANGE, ms=9, mec="black", animated=True)
        dot_new, = ax.plot([], [], "o", color=BLUE, ms=9, mec="black", animated=True)
        ax.set_xlim(*KIDNEY_X)
        ax.set_yscale("log")
        ax.set_ylim(8, 150)
        ax.set_yticks([10, 20, 30, 45, 60, 90, 120], ["10", "20", "30", "45", "60", "90",
                                                      "120"])
        ax.minorticks_off()
        ax.set_xlabel("Blood creatinine (mg/dL)")
        ax.set_ylabel("eGFR (mL/min/1.73 m²)")
        ax.legend(loc="upper right", fontsize=9, frameon=True)
        title = ax.set_title(" ", fontsize=11)
        title.set_animated(True)
        state = {"old": old, "new": new, "dot_old": dot_old, "dot_new": dot_new,
                 "title": title, "patient": None}
        ax._pm_kidney = state  # type: ignore[attr-defined]
    patient = (result.name, result.age, result.sex, result.black)
    if state["patient"] != patient:
        x = np.linspace(KIDNEY_X[0], KIDNEY_X[1], 80)
        state["old"].set_data(x, [dv.egfr_ckd_epi(v, result.age, result.sex, "2009",
                                                  black=result.black) for v in x])
        state["new"].set_data(x, [dv.egfr_ckd_epi(v, result.age, result.sex, "2021")
                                  for v in x])
        state["patient"] = patient
    state["dot_old"].set_data([result.creatinine], [result.egfr_2009])
    state["dot_new"].set_data([result.creatinine], [result.egfr_2021])
    race = "recorded as Black" if result.black else "not recorded as Black"
    state["title"].set_text(f"{result.name} ({result.age}, {result.sex}, {race}): "
                            f"2009 {result.egfr_2009:.1f} vs 2021 {result.egfr_2021:.1f}")


def describe_kidney(result: KidneyResult) -> str:
    """One-sentence description of :func:`plot_kidney`."""
    _kidney(result)
    race = "recorded as Black" if result.black else "not recorded as Black"
    return (f"Line chart of estimated kidney function against blood creatinine for "
            f"{result.name} ({result.age}, {result.sex}, {race}) by the 2009 and 2021 "
            f"CKD-EPI equations (log scale), with lines at 60 and 20: at creatinine "
            f"{result.creatinine:.1f} mg/dL the 2009 equation gives {result.egfr_2009:.1f} and "
            f"the 2021 equation {result.egfr_2021:.1f} mL/min/1.73 m².")


def _side(value: float, limit: float) -> str:
    return "at or below" if value <= limit else "above"


def summarise_kidney(result: KidneyResult) -> str:
    """The sentences under the kidney panel (HTML), true for every patient and creatinine."""
    _kidney(result)
    r = result
    parts = [f"<b>{r.name}, creatinine {r.creatinine:.1f} mg/dL:</b> 2009 equation "
             f"{r.egfr_2009:.1f}, 2021 equation {r.egfr_2021:.1f} mL/min/1.73 m² "
             f"({'+' if r.change >= 0 else '−'}{abs(r.change):.1f})."]
    wait09, wait21 = dv.accrues_waiting_time(r.egfr_2009), dv.accrues_waiting_time(r.egfr_2021)
    if wait09 == wait21:
        verdict = "it would count" if wait21 else "it would not start yet"
        parts.append(f"Both are {_side(r.egfr_2021, dv.WAITLIST_EGFR)} 20, so both equations "
                     f"agree on transplant waiting time ({verdict}).")
    elif wait21:
        parts.append("Only the 2021 equation is at or below 20: with it, waiting time for a "
                     "transplant would start now; with the 2009 equation it would not.")
    else:
        parts.append("Only the 2009 equation is at or below 20: with the 2021 equation "
                     "waiting time would not start yet.")
    ckd09, ckd21 = r.egfr_2009 < dv.CKD_EGFR, r.egfr_2021 < dv.CKD_EGFR
    if ckd09 != ckd21:
        which = "2021" if ckd21 else "2009"
        parts.append(f"Only the {which} equation is below 60, the line for chronic kidney "
                     "disease (if it lasts 3 months).")
    parts.append("<i>Simulated patient; teaching only, not for care.</i>")
    return " ".join(parts)

