"""Lesson 04's whole-figure helpers: one call, a titled figure with its alt text."""

from __future__ import annotations

import matplotlib
import pytest

from precisionmed import trials
from precisionmed.trials.resistance import plain_percent

matplotlib.use("Agg")


def _alt(fig: object) -> str:
    return fig._precisionmed_alt  # type: ignore[attr-defined]


def test_km_figure_names_the_trial_and_both_medians() -> None:
    flaura = trials.simulate_pivotal("FLAURA")
    fig = trials.km_figure(trials.kaplan_meier(flaura), "Simulated FLAURA-like trial (556)")
    assert _alt(fig).startswith("Simulated FLAURA-like trial: Kaplan–Meier curves")
    assert "median" in _alt(fig)
    with pytest.raises(TypeError, match="title"):
        trials.km_figure(trials.kaplan_meier(flaura), "")


def test_dilution_basket_and_resistance_figures() -> None:
    fig = trials.dilution_figure(trials.compare_designs(prevalence=0.15, hazard_ratio=0.45))
    assert len(fig.axes) == 2 and "all-comers" in _alt(fig)
    summary = trials.basket_summary(trials.simulate_basket(patients_per_basket=12))
    fig = trials.basket_figure(summary)
    assert "95% range" in _alt(fig) and fig.axes[0].get_title().startswith("Simulated basket")
    fig = trials.resistance_figure(trials.simulate_resistance())
    assert len(fig.axes) == 2 and "T790M" in _alt(fig)


def test_resistance_figure_log_axes_read_as_plain_percent() -> None:
    fig = trials.resistance_figure(trials.simulate_resistance())
    fig.canvas.draw()
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all(label.endswith("%") for label in labels)
    assert not any("10^" in label or "e-" in label for label in labels)


def test_plain_percent_log_axis_labels() -> None:
    assert [plain_percent(v) for v in (0.001, 0.01, 1, 100)] == ["0.001%", "0.01%", "1%",
                                                                 "100%"]
    assert plain_percent(0) == ""
    with pytest.raises(TypeError):
        plain_percent("1")  # type: ignore[arg-type]
