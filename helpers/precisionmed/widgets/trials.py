"""Lesson 04's panels: how an all-comers trial dilutes a drug, and resistance under therapy."""

from __future__ import annotations

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
from precisionmed.trials.resistance import (
    describe_resistance,
    plot_resistance,
    simulate_resistance,
)
from precisionmed.widgets import LABEL_STYLE, SLIDER_LAYOUT, FigureView, connect, slider


def _grid_slider(description: str, value: float, options: tuple[float, ...],
                 percent: bool = False) -> w.SelectionSlider:
    """A slider that can only land on precomputed values (labelled for screen readers)."""
    if value not in options:
        raise ValueError(f"{description!r}: start value {value} must be one of {options}.")
    labels = [(f"{v:.0%}" if percent else f"{v:.2f}", v) for v in options]
    return w.SelectionSlider(options=labels, value=value, description=description,
                             continuous_update=False, style=LABEL_STYLE, layout=SLIDER_LAYOUT)


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
    view = FigureView(figsize=(8.0, 3.8))
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
                        growth_rate: float = 0.2, switch: bool = True) -> w.VBox:
    """Build the 'resistance under therapy' panel (Wei's EGFR L858R lung cancer).

    Sliders for the first drug's kill rate, the starting share of resistant (T790M) cells and
    the growth rate, and a checkbox to switch drug when the blood test finds T790M. Returns a
    ``VBox`` with ``controls`` (``"kill_rate"``, ``"resistant_fraction"``, ``"growth_rate"``,
    ``"switch"``), ``view``, ``summary`` and ``result``
    (:class:`precisionmed.trials.ResistanceResult`). Nothing is displayed.
    """
    controls = {
        "kill_rate": slider("Kill rate of drug 1 (per month)", kill_rate, 0.0, 1.5, 0.05),
        "resistant_fraction": w.FloatLogSlider(
            value=resistant_fraction, base=10, min=-6, max=-1, step=0.25,
            description="Resistant cells at start (1e-2 = 1%)", readout_format=".0e",
            continuous_update=False, style=LABEL_STYLE, layout=SLIDER_LAYOUT),
        "growth_rate": slider("Growth rate (per month)", growth_rate, 0.05, 0.5, 0.01),
        "switch": w.Checkbox(value=switch, description="Switch to osimertinib when the blood "
                             "test finds T790M", style=LABEL_STYLE, indent=False),
    }
    view = FigureView(figsize=(9.0, 5.6))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        result = simulate_resistance(
            kill_rate=controls["kill_rate"].value,
            resistant_fraction=controls["resistant_fraction"].value,
            growth_rate=controls["growth_rate"].value,
            switch="ctdna" if controls["switch"].value else "never")

        def draw(fig: Figure) -> None:
            plot_resistance(fig, result, numbers_in_title=False)
            set_alt(fig, describe_resistance(result))

        view.update(draw)
        summary.value = f"<b>{result.summary()}</b>"
        return result

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("04 dilution_explorer: prevalence", dilution_explorer, "prevalence",
     list(GRID_PREVALENCE)),
    ("04 dilution_explorer: hazard ratio", dilution_explorer, "hazard_ratio",
     list(GRID_HAZARD_RATIO)),
    ("04 resistance_explorer: kill rate", resistance_explorer, "kill_rate",
     [round(0.05 * i, 2) for i in range(31)]),
    ("04 resistance_explorer: resistant fraction", resistance_explorer, "resistant_fraction",
     [10 ** (-6 + 0.25 * i) for i in range(21)]),
]
