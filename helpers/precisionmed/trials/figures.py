"""Whole figures for lesson 04: each returns a Figure that carries its alt text.

The lesson shows each with ``plots.show(...)`` in one line, so a learner who does not read code
never meets plotting code. The descriptions come from the results themselves
(``describe_km``, ``describe_dilution``, ``describe_basket``, ``describe_resistance``).
"""

from __future__ import annotations

from matplotlib.figure import Figure

from precisionmed import plots
from precisionmed.trials.basket import describe_basket, plot_basket
from precisionmed.trials.dilution import describe_dilution, plot_dilution
from precisionmed.trials.resistance import describe_resistance, plot_resistance
from precisionmed.trials.survival import describe_km, plot_km

#: Fixed axes rectangles of this module's static figures (``plots.new_figure(axes_rects=...)``):
#: constrained layout's choice for the lesson's data; tests/course/test_fixed_layouts.py.
KM_AXES = ((0.0944, 0.1285, 0.8996, 0.8097),)
DILUTION_AXES = ((0.0735, 0.1352, 0.4339, 0.7458), (0.5615, 0.1352, 0.4339, 0.7458))
BASKET_AXES = ((0.0983, 0.2727, 0.8971, 0.6648),)
RESISTANCE_AXES = ((0.1426, 0.5408, 0.633, 0.4151), (0.1426, 0.0918, 0.633, 0.4151))


def km_figure(curves: object, title: str) -> Figure:
    """Kaplan–Meier curves of a simulated two-arm trial (from ``kaplan_meier``), titled.

    The alt text names the trial by ``title`` up to its first bracket.
    """
    if not isinstance(title, str) or not title.strip():
        raise TypeError("title must be a short text, such as 'Simulated FLAURA-like trial'.")
    alt = describe_km(curves, title.split(" (")[0])
    fig, ax = plots.new_figure(alt=alt, axes_rects=KM_AXES)
    plot_km(ax, curves, title)
    return fig


def dilution_figure(designs: object) -> Figure:
    """The all-comers and the biomarker-selected trial side by side (from ``compare_designs``)."""
    fig, _ = plots.new_figure(alt=describe_dilution(designs), ncols=2, figsize=(9, 3.8))
    plot_dilution(fig, designs)  # makes its own axes
    plots.place_axes(fig, DILUTION_AXES)
    return fig


def basket_figure(summary: object) -> Figure:
    """Response rate per basket with 95% ranges (from ``basket_summary``)."""
    fig, ax = plots.new_figure(alt=describe_basket(summary), figsize=(9, 4.2),
                               axes_rects=BASKET_AXES)
    plot_basket(ax, summary)
    ax.set_title("Simulated basket trial: response by tumour type (bars show 95% ranges)")
    return fig


def resistance_figure(result: object) -> Figure:
    """Tumour size by clone (top) and mutation levels in blood (bottom), from a simulation."""
    fig, _ = plots.new_figure(alt=describe_resistance(result), nrows=2, figsize=(9, 5.6))
    plot_resistance(fig, result)  # makes its own axes
    plots.place_axes(fig, RESISTANCE_AXES)
    return fig
