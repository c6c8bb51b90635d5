"""Lesson 05's panel: cluster tumours and see how the choices change what you find."""

from __future__ import annotations

import ipywidgets as w
from matplotlib.figure import Figure

from precisionmed.plots import set_alt
from precisionmed.subtyping.explorer import (
    GENE_CHOICES,
    K_RANGE,
    SubtypeExplorer,
    course_explorer,
    describe_explorer,
)
from precisionmed.subtyping.plotting import draw_explorer
from precisionmed.widgets import FigureView, choice_slider, connect, slider
from precisionmed.widgets._layout import checkbox


def cluster_explorer(k: int = 5, n_genes: int = 200, batch_corrected: bool = False,
                     explorer: SubtypeExplorer | None = None) -> w.VBox:
    """Build the clustering explorer: number of clusters, number of genes, lab correction.

    Moving a control redraws the PCA scatter (k-means clusters as marker shapes and numbers,
    so colour means only the true subtype), the agreement table and the PAM50 heatmap (tumours
    in hierarchical-clustering order, true subtype strip). The figure has two rows, so it
    stays readable when a narrow window scales it down.

    Returns a ``VBox`` with attributes ``controls`` (dict: ``"k"``, ``"n_genes"``,
    ``"batch_corrected"``), ``view`` (:class:`FigureView`), ``summary`` (HTML sentence) and
    ``result`` (the latest :class:`~precisionmed.subtyping.explorer.ExplorerResult`).
    Nothing is displayed. ``explorer`` defaults to the course cohort.
    """
    if n_genes not in GENE_CHOICES:
        raise ValueError(f"n_genes must be one of {GENE_CHOICES}, got {n_genes!r}.")
    model = explorer if explorer is not None else course_explorer()
    controls = {
        "k": slider("Number of clusters (k)", k, K_RANGE[0], K_RANGE[1], 1),
        "n_genes": choice_slider("Most variable genes used", list(GENE_CHOICES), n_genes),
        "batch_corrected": checkbox("Correct for the lab", batch_corrected,
                                    tooltip="Centre each gene within each lab"),
    }
    view = FigureView(figsize=(9.0, 8.0))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        result = model.result(controls["k"].value, controls["n_genes"].value,
                              controls["batch_corrected"].value)

        def draw(fig: Figure) -> None:
            draw_explorer(fig, result)
            set_alt(fig, describe_explorer(result))

        # Only animated artists change after the first draw: FigureView redraws them over
        # its cached background (the first render draws everything).
        view.update(draw, static_changed=False)
        summary.value = f"<b>{result.summary()}</b>"
        return result

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
#: Each list visits every value and then comes back, as a learner moving a slider does.
BENCHMARK_CASES = [
    ("05 cluster_explorer: k", cluster_explorer, "k", [2, 3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3, 2]),
    ("05 cluster_explorer: n_genes", cluster_explorer, "n_genes",
     [25, 50, 100, 300, 500, 300, 100, 50, 25, 200]),
    ("05 cluster_explorer: batch", cluster_explorer, "batch_corrected",
     [True, False, True, False, True, False]),
]
