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
from precisionmed.widgets import LABEL_STYLE, SLIDER_LAYOUT, FigureView, connect


def cluster_explorer(k: int = 5, n_genes: int = 200, batch_corrected: bool = False,
                     explorer: SubtypeExplorer | None = None) -> w.VBox:
    """Build the clustering explorer: number of clusters, number of genes, lab correction.

    Moving a control redraws the PCA scatter (coloured by k-means cluster), the PAM50 heatmap
    (tumours in hierarchical-clustering order, true subtype strip) and the agreement table.

    Returns a ``VBox`` with attributes ``controls`` (dict: ``"k"``, ``"n_genes"``,
    ``"batch_corrected"``), ``view`` (:class:`FigureView`), ``summary`` (HTML sentence) and
    ``result`` (the latest :class:`~precisionmed.subtyping.explorer.ExplorerResult`).
    Nothing is displayed. ``explorer`` defaults to the course cohort.
    """
    if n_genes not in GENE_CHOICES:
        raise ValueError(f"n_genes must be one of {GENE_CHOICES}, got {n_genes!r}.")
    model = explorer if explorer is not None else course_explorer()
    controls = {
        "k": w.IntSlider(value=k, min=K_RANGE[0], max=K_RANGE[1], step=1,
                         description="Number of clusters (k)", continuous_update=False,
                         style=LABEL_STYLE, layout=SLIDER_LAYOUT),
        "n_genes": w.SelectionSlider(options=list(GENE_CHOICES), value=n_genes,
                                     description="Most variable genes used",
                                     continuous_update=False, style=LABEL_STYLE,
                                     layout=SLIDER_LAYOUT),
        "batch_corrected": w.Checkbox(value=batch_corrected,
                                      description="Correct for the lab (centre genes in each lab)",
                                      style=LABEL_STYLE, indent=False),
    }
    view = FigureView(figsize=(12.0, 4.3))
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
