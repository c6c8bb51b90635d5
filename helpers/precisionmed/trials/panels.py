"""Lesson 04's panels: how an all-comers trial dilutes a drug, and resistance under therapy."""

from __future__ import annotations

import math

import ipywidgets as w
from matplotlib.figure import Figure

from precisionmed.plots import set_alt
from precisionmed.trials.dilution import (
    GRID_HAZARD_RATIO,
    GRID_PREVALENCE,
    compare_designs,
    describe_dilution,
    plot_dilution,
    warm_selected_trials,
)
from precisionmed.trials.figures import RESISTANCE_AXES
from precisionmed.trials.resistance import (
    describe_resistance,
    plot_resistance,
    simulate_resistance,
)
from precisionmed.widgets import (
    FigureView,
    LabelledSlider,
    choice_slider,
    connect,
    slider,
)
from precisionmed.widgets._layout import checkbox


def _grid_slider(description: str, value: float, options: tuple[float, ...],
                 percent: bool = False) -> LabelledSlider:
    """A slider that can only land on precomputed values (labelled for screen readers)."""
    if value not in options:
        raise ValueError(f"{description!r}: start value {value} must be one of {options}.")
    labels = [(f"{v:.0%}" if percent else f"{v:.2f}", v) for v in options]
    return choice_slider(description, labels, value)


#: Starting shares of resistant cells the panel offers: 10^-6 … 10^-1 in quarter decades.
RESISTANT_SHARES = tuple(10 ** (-6 + 0.25 * i) for i in range(21))


def dilution_explorer(prevalence: float = 0.15, hazard_ratio: float = 0.45) -> w.VBox:
    """Build the 'all-comers vs biomarker-selected' panel.

    Two sliders (share of patients with the marker; true hazard ratio in marker-positive
    patients) drive Kaplan–Meier curves of two simulated trials side by side. Returns a
    ``VBox`` with ``controls`` (dict: ``"prevalence"``, ``"hazard_ratio"``), ``view``
    (:class:`FigureView`), ``summary`` (HTML) and ``result``
    (:class:`precisionmed.trials.DilutionResult`). Nothing is displayed.
    """
    controls = {
        "prevalence": _grid_slider("Patients with the marker", prevalence, GRID_PREVALENCE,
                                   percent=True),
        "hazard_ratio": _grid_slider("True hazard ratio, marker +", hazard_ratio,
                                     GRID_HAZARD_RATIO),
    }
    warm_selected_trials()
    view = FigureView(figsize=(8.0, 3.8), axes_rects=DILUTION_PANEL_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        result = compare_designs(controls["prevalence"].value, controls["hazard_ratio"].value)

        def draw(fig: Figure) -> None:
            plot_dilution(fig, result)
            set_alt(fig, describe_dilution(result))

        view.update(draw)
        summary.value = (f"<b>{result.verdict()}</b> Expected all-comers HR from the mix: "
                         f"{result.expected_hr:.2f}.")
        return result

    return connect(box, controls, view, redraw, summary=summary)


def resistance_explorer(kill_rate: float = 0.6, resistant_fraction: float = 0.01,
                        growth_rate: float = 0.2, switch: bool = True,
                        second_kill_rate: float = 0.6) -> w.VBox:
    """Build the 'resistance under therapy' panel (Wei's EGFR L858R lung cancer).

    Sliders for the first drug's kill rate, the starting share of resistant (T790M) cells, the
    growth rate and the second drug's kill rate, and a checkbox to switch drug when the blood
    test finds T790M. Each slider sets only what its label says (drug 1's kill rate never
    changes drug 2's); drug 2's slider is greyed out while the switch is off, and the sentence
    under the controls says when a control changes nothing (no switch, or T790M never found).
    Returns a ``VBox`` with ``controls`` (``"kill_rate"``, ``"resistant_fraction"``,
    ``"growth_rate"``, ``"switch"``, ``"second_kill_rate"``), ``view``, ``summary`` and
    ``result`` (:class:`precisionmed.trials.ResistanceResult`). Nothing is displayed.
    """
    nearest = min(RESISTANT_SHARES, key=lambda v: abs(math.log10(v) - math.log10(
        max(resistant_fraction, 1e-12))))
    if not math.isclose(nearest, resistant_fraction, rel_tol=1e-6):
        raise ValueError(f"resistant_fraction must be 10^-6 … 10^-1 in quarter decades, got "
                         f"{resistant_fraction!r}.")
    controls = {
        "kill_rate": slider("Kill rate of drug 1 (per month)", kill_rate, 0.0, 1.5, 0.05),
        # Drug 2's rate sits next to drug 1's; it is greyed out while the switch is off.
        "second_kill_rate": slider("Kill rate of drug 2 (per month)", second_kill_rate, 0.0,
                                   1.5, 0.05),
        "resistant_fraction": choice_slider(
            "Resistant cells at start",
            [(f"{v * 100:.2g}%", v) for v in RESISTANT_SHARES], nearest),
        "growth_rate": slider("Growth rate (per month)", growth_rate, 0.05, 0.5, 0.01),
        "switch": checkbox("Switch to drug 2 when blood finds T790M", switch,
                           tooltip="Drug 2 is osimertinib, which also kills T790M cells"),
    }
    view = FigureView(figsize=(9.0, 5.6), axes_rects=RESISTANCE_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        switched = bool(controls["switch"].value)
        controls["second_kill_rate"].disabled = not switched
        result = simulate_resistance(
            kill_rate=controls["kill_rate"].value,
            resistant_fraction=controls["resistant_fraction"].value,
            growth_rate=controls["growth_rate"].value,
            second_kill_rate=controls["second_kill_rate"].value,
            switch="ctdna" if switched else "never")

        def draw(fig: Figure) -> None:
            plot_resistance(fig, result, numbers_in_title=False)
            set_alt(fig, describe_resistance(result))

        view.update(draw)
        summary.value = f"<b>{result.summary()}</b>"
        return result

    return connect(box, controls, view, redraw, summary=summary)


#: Fixed axes rectangles of the panels (figure fractions): where constrained layout puts the
#: axes on the first draw at the lesson's starting values, so no layout pass runs
#: (tests check they still match). The resistance panel shares the static figure's.
DILUTION_PANEL_AXES = ((0.0826, 0.1352, 0.4477, 0.7458), (0.547, 0.1352, 0.4477, 0.7458))

#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("04 dilution_explorer: prevalence", dilution_explorer, "prevalence",
     list(GRID_PREVALENCE)),
    ("04 dilution_explorer: hazard ratio", dilution_explorer, "hazard_ratio",
     list(GRID_HAZARD_RATIO)),
    ("04 resistance_explorer: kill rate", resistance_explorer, "kill_rate",
     [round(0.05 * i, 2) for i in range(31)]),
    ("04 resistance_explorer: resistant fraction", resistance_explorer, "resistant_fraction",
     list(RESISTANT_SHARES)),
    ("04 resistance_explorer: drug 2 kill rate", resistance_explorer, "second_kill_rate",
     [round(0.05 * i, 2) for i in range(31)]),
]
