"""The lessons' static figures are placed at fixed axes rectangles (no layout pass when drawn).

Each rectangle was taken from what matplotlib's constrained layout chooses for the figure with
the lesson's own data. These tests rebuild every such figure with the lesson's inputs, check
that it really uses its fixed rectangles, and run constrained layout on it again: if a change
to a figure (a longer label, a new legend) would make the layout choose other places, the
test fails and names the constant to update, instead of a label being pushed out of place.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lessoninputs import warfarin_doses
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from precisionmed import data, pgx, plots, trials
from precisionmed import subtyping as st
from precisionmed.oncology import board
from precisionmed.pgx import population, warfarin
from precisionmed.start import benefit
from precisionmed.stats import response_rates
from precisionmed.subtyping import plotting as sp
from precisionmed.trials import figures

#: How far (figure fraction) constrained layout may move an axes before the constant is stale:
#: 0.002 is about one pixel at the lessons' figure sizes.
TOLERANCE = 0.002


def _lesson00():
    trial = data.load("start/trial")
    site_a = trial[trial["site"] == "Site A"]
    by_marker = benefit.label_marker(response_rates(site_a, by=["marker_positive", "arm"]))
    by_site = response_rates(trial, by=["site", "arm"])
    return [benefit.observed_chart(by_marker, group="group", title="Site A: response by "
                                   "marker and treatment (bars show 95% ranges)"),
            benefit.observed_chart(by_site, group="site",
                                   title="Average response at each site (bars show 95% ranges)")]


def _lesson01():
    key = data.load("pgx/answer_key")
    observed = pgx.observed_mix_table(population.cohort_phenotypes(key, "CYP2C19"),
                                      key["population"])
    return [population.mix_chart(observed, "CYP2C19", "CYP2C19 phenotypes in the simulated "
                                 "cohort (200 people per group)")]


def _lesson02():
    doses = warfarin_doses()
    return [warfarin.error_chart(doses),
            warfarin.within20_chart(pgx.within_20_summary(doses, by="population"))]


def _lesson03():
    return [board.driver_vaf_figure(board.driver_vafs())]


def _lesson04():
    basket = trials.basket_summary(trials.simulate_basket(patients_per_basket=12))
    return [figures.km_figure(trials.kaplan_meier(trials.simulate_pivotal("FLAURA")),
                              "Simulated FLAURA-like trial (556 invented patients)"),
            figures.dilution_figure(trials.compare_designs(prevalence=0.15, hazard_ratio=0.45)),
            figures.basket_figure(basket),
            figures.resistance_figure(trials.simulate_resistance())]


def _lesson05():
    expression = st.load_expression()
    clinic = st.load_clinical().loc[expression.index]
    truth = st.load_answer_key().loc[expression.index]
    corrected = st.centre_within_batches(expression, clinic["lab"])
    centred = st.centre_genes(corrected)
    calls = st.classify_pam50(corrected)
    silhouette = st.choose_k(centred[st.pam50_genes()], ks=range(2, 9))
    return [sp.lab_pca_figure(st.pca(st.centre_genes(expression)), clinic["lab"]),
            sp.corrected_pca_figure(st.pca(centred), clinic["lab"], truth),
            sp.silhouette_figure(silhouette),
            sp.centroid_figure(st.load_centroids(),
                               ["ESR1", "PGR", "ERBB2", "GRB7", "KRT5", "FOXC1", "MKI67"]),
            sp.relapse_figure(clinic["rfs_months"], clinic["rfs_event"], calls["subtype"])]


#: lesson -> (figure builder run with the lesson's inputs, the constant of each figure)
CASES: dict[str, tuple[Callable[[], list], list[str]]] = {
    "00": (_lesson00, ["benefit.OBSERVED_AXES", "benefit.OBSERVED_AXES"]),
    "01": (_lesson01, ["population.MIX_AXES"]),
    "02": (_lesson02, ["warfarin.ERROR_AXES", "warfarin.WITHIN20_AXES"]),
    "03": (_lesson03, ["board.DRIVER_VAF_AXES"]),
    "04": (_lesson04, ["figures.KM_AXES", "figures.DILUTION_AXES", "figures.BASKET_AXES",
                       "figures.RESISTANCE_AXES"]),
    "05": (_lesson05, ["sp.LAB_PCA_AXES", "sp.CORRECTED_PCA_AXES", "sp.SILHOUETTE_AXES",
                       "sp.CENTROID_AXES", "sp.RELAPSE_AXES"]),
}
MODULES = {"benefit": benefit, "population": population, "warfarin": warfarin,
           "board": board, "figures": figures, "sp": sp}


def _rects(name: str) -> tuple[tuple[float, float, float, float], ...]:
    module, constant = name.split(".")
    return getattr(MODULES[module], constant)


def _bounds(fig) -> list[tuple[float, ...]]:
    return [tuple(float(v) for v in ax.get_position().bounds) for ax in fig.axes]


def _constrained(fig) -> list[tuple[float, ...]]:
    """Where one constrained-layout pass puts ``fig``'s axes, starting, like a new figure,
    from the grid's default places (it is not idempotent: a legend anchored below an axes
    moves with it). Fixed axes opt out of layouts; this opts them back in."""
    FigureCanvasAgg(fig)
    for ax in fig.axes:
        ax.set_position(ax.get_subplotspec().get_position(fig))
        ax.set_in_layout(True)
    fig.set_layout_engine("constrained")
    fig.get_layout_engine().execute(fig)
    return _bounds(fig)


@pytest.mark.parametrize("lesson", sorted(CASES))
def test_static_figures_use_the_layout_constrained_layout_would_choose(lesson):
    build, names = CASES[lesson]
    with plots.course_style():
        figs = build()
        assert len(figs) == len(names)
        for fig, name in zip(figs, names, strict=True):
            rects = _rects(name)
            # The figure is drawn at its fixed rectangles, with no layout pass ...
            engine = fig.get_layout_engine()
            assert engine is None or isinstance(engine, PlaceHolderLayoutEngine), (
                f"{name}: the figure still runs a layout")
            assert [v for b in _bounds(fig) for v in b] == pytest.approx(
                [v for r in rects for v in r], abs=1e-9), name
            # ... and those are still where constrained layout would put the axes today.
            chosen = _constrained(fig)
            worst = max(abs(a - b) for got, want in zip(chosen, rects, strict=True)
                        for a, b in zip(got, want, strict=True))
            assert worst <= TOLERANCE, (
                f"{name} is stale: constrained layout now places the axes at "
                f"{[tuple(round(v, 4) for v in b) for b in chosen]}; update the constant")


def test_a_stale_rectangle_is_caught():
    """The check above can fail: a figure whose content no longer fits its rectangle."""
    with plots.course_style():
        fig = warfarin.error_chart(warfarin_doses())
        fig.axes[0].set_ylabel("A much longer label\nover two lines")
        left = _constrained(fig)[0][0]
    assert abs(left - warfarin.ERROR_AXES[0][0]) > TOLERANCE

