"""Lesson 00's panel: how the 'average patient' hides the patients a drug helps."""

from __future__ import annotations

import ipywidgets as w
from matplotlib.figure import Figure

from precisionmed.plots import set_alt
from precisionmed.start.benefit import describe_expected, expected_response, plot_expected
from precisionmed.widgets import FigureView, connect, slider


def response_explorer(prevalence: float = 0.141, drug_positive: float = 0.70,
                      drug_negative: float = 0.10, standard: float = 0.30) -> w.VBox:
    """Build the 'who benefits?' panel: four sliders and a bar chart that follows them.

    Returns a ``VBox`` with attributes ``controls`` (dict of sliders), ``view``
    (:class:`FigureView`), ``summary`` (HTML: sentences chosen for the case shown — no
    difference, both groups helped equally, one helped more, a group that does worse, nobody
    or everybody with the marker) and ``result`` (the latest
    :class:`precisionmed.start.benefit.ExpectedResponse`). Nothing is displayed.
    """
    controls = {
        "prevalence": slider("Patients with the marker", prevalence, 0.0, 1.0, 0.01, True),
        "drug_positive": slider("Respond to drug, marker +", drug_positive, 0.0, 1.0, 0.05, True),
        "drug_negative": slider("Respond to drug, marker −", drug_negative, 0.0, 1.0, 0.05, True),
        "standard": slider("Respond to standard care", standard, 0.0, 1.0, 0.05, True),
    }
    view = FigureView(figsize=(7.5, 4.2))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        result = expected_response(controls["prevalence"].value, controls["drug_positive"].value,
                                   controls["drug_negative"].value, controls["standard"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_expected(ax, result)
            set_alt(fig, describe_expected(result))

        view.update(draw)
        summary.value = f"<b>{result.verdict()}</b>"
        return result

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("00 response_explorer: prevalence", response_explorer, "prevalence",
     [i / 40 for i in range(41)]),
]
