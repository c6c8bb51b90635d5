"""Lesson 06's panels: peptides of a driver mutation, a TMB cut-off, and panel-size noise.

Each builder returns a ``VBox`` (never displays it) with ``controls``, ``view``
(:class:`precisionmed.widgets.FigureView`), ``summary`` and ``result``; tests set
``box.controls[...].value`` and read the result. ``BENCHMARK_CASES`` feed
``benchmarks/run.py``.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from precisionmed import immunotherapy as im
from precisionmed.immunotherapy import plotting as ip
from precisionmed.plots import set_alt
from precisionmed.widgets import LABEL_STYLE, FigureView, choice_slider, connect, slider

#: TMB cut-offs the cut-off panel offers (mut/Mb).
CUTOFFS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 40, 50, 75, 100)
#: Panel sizes the noise panel offers: (readout, megabases).
PANEL_SIZES = (("0.25 Mb (this course's panel)", 0.25), ("0.5 Mb", 0.5), ("0.8 Mb", 0.8),
               ("1.1 Mb", 1.1), ("2 Mb", 2.0), ("5 Mb", 5.0),
               ("30 Mb (about a whole exome)", 30.0))


@lru_cache(maxsize=1)
def kras_fragment() -> tuple[str, tuple[tuple[str, int, str], ...]]:
    """The KRAS fragment (UniProt P01116, residues 1–80) and its hotspot changes.

    Read from ``datasets/immunotherapy/protein_fragments``.
    """
    from precisionmed import data

    row = data.load("immunotherapy/protein_fragments").iloc[0]
    sequence = str(row["sequence"])
    changes = []
    for label in str(row["changes"]).split(";"):
        change = label.split()[-1]
        changes.append((label, int(change[1:-1]), change[-1]))
    return sequence, tuple(changes)


PASSES = " (reaches the toy threshold)"


def peptide_table_html(peptides: list[im.Peptide], scores: list[float]) -> str:
    """An HTML table of the peptides, the changed letter in bold, with their toy scores."""
    ip._peptides(peptides, scores)
    rows = []
    for p, s in zip(peptides, scores, strict=True):
        changed = p.sequence[p.offset - 1]
        seq = (html.escape(p.sequence[:p.offset - 1]) + f"<b><u>{changed}</u></b>"
               + html.escape(p.sequence[p.offset:]))
        rows.append(f"<tr><td>{p.start}–{p.end}</td><td style='font-family:monospace'>{seq}"
                    f"</td><td>{s:.2f}{PASSES if s >= im.TOY_VISIBLE else ''}"
                    "</td></tr>")
    return ("<table><thead><tr><th>letters</th><th>peptide (change underlined)</th>"
            f"<th>{im.TOY_LABEL}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")




def peptide_panel(change: str = "KRAS G12C", length: int = 9) -> w.VBox:
    """The 'which peptides could a T cell see?' panel for real KRAS hotspot changes.

    Controls: ``"change"`` (dropdown of hotspots) and ``"length"`` (peptide length 8–11).
    The figure shows the **toy** score of every peptide that contains the changed letter.
    ``result`` is ``(peptides, scores)``.
    """
    sequence, changes = kras_fragment()
    labels = [c[0] for c in changes]
    if change not in labels:
        raise ValueError(f"change must be one of {labels}, got {change!r}.")
    if length not in im.PEPTIDE_LENGTHS:
        raise ValueError(f"length must be one of {im.PEPTIDE_LENGTHS}, got {length!r}.")
    controls = {
        "change": w.Dropdown(options=labels, value=change, description="KRAS change",
                             style=LABEL_STYLE, layout=w.Layout(width="auto")),
        "length": slider("Peptide length (letters)", length, 8, 11, 1),
    }
    view = FigureView(figsize=(6.6, 4.2), axes_rects=ip.PEPTIDE_AXES)
    summary = w.HTML()
    table = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box, table])
    lookup = {c[0]: c for c in changes}
    images: dict[object, tuple[bytes, str]] = {}

    def redraw() -> object:
        label, position, alt = lookup[controls["change"].value]
        size = int(controls["length"].value)
        peptides = im.peptide_windows(sequence, position, alt, size)
        scores = [im.toy_binding_score(p.sequence) for p in peptides]

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            ip.plot_peptides(ax, peptides, scores, label)
            set_alt(fig, ip.describe_peptides(peptides, scores, label))

        view.show_state(images, (label, size), draw)
        visible = sum(1 for s in scores if s >= im.TOY_VISIBLE)
        ref = sequence[position - 1]
        summary.value = (
            f"<b>{html.escape(label)}</b> changes letter {position} of KRAS from {ref} to "
            f"{alt}. {len(peptides)} peptides of {size} letters contain it; {visible} of them "
            f"reach{'es' * (visible == 1)} the toy threshold of {im.TOY_VISIBLE}. "
            "<i>The score is a toy, not a real prediction: real predictors are trained "
            "models, and whether a peptide is shown also depends on the person's HLA type.</i>")
        table.value = peptide_table_html(peptides, scores)
        return peptides, scores

    return connect(box, controls, view, redraw, summary=summary, table=table)


def kras_toy_share() -> float:
    """The **toy** share of KRAS-fragment changes with a toy-visible 9-letter peptide.

    Precomputed by the simulator with :func:`precisionmed.immunotherapy.toy_visible_share`.
    """
    from precisionmed import data

    return float(data.load("immunotherapy/protein_fragments").iloc[0]["toy_visible_share"])


@lru_cache(maxsize=1)
def basket_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Measured TMB and response of the simulated basket trial (``immunotherapy/basket_trial``)."""
    from precisionmed import data

    trial = data.load("immunotherapy/basket_trial")
    return (trial["tmb"].to_numpy(dtype=float),
            trial["responded"].to_numpy(dtype=bool))


def cutoff_panel(cutoff: float = 10) -> w.VBox:
    """The 'move the TMB cut-off' panel on the simulated basket trial.

    One control, ``"cutoff"``. Shows who would be treated, sensitivity, specificity and the
    response rate among the treated. ``result`` is a
    :class:`~precisionmed.immunotherapy.CutoffResult`.
    """
    if cutoff not in CUTOFFS:
        raise ValueError(f"cutoff must be one of {CUTOFFS}, got {cutoff!r}.")
    values, responded = basket_arrays()
    controls = {"cutoff": choice_slider("Treat if TMB is at least",
                                        [(f"{c} mut/Mb", c) for c in CUTOFFS], cutoff)}
    view = FigureView(figsize=(8.0, 3.8), axes_rects=ip.CUTOFF_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])
    images: dict[object, tuple[bytes, str]] = {}

    def redraw() -> object:
        result = im.cutoff_metrics(values, responded, controls["cutoff"].value)

        def draw(fig: Figure) -> None:
            ip.plot_cutoff(fig, values, responded, result)
            set_alt(fig, ip.describe_cutoff(result))

        view.show_state(images, result.cutoff, draw)
        summary.value = ip.summarise_cutoff(result)
        return result

    return connect(box, controls, view, redraw, summary=summary)


def noise_panel(true_tmb: float = 8, panel_mb: float = 0.25) -> w.VBox:
    """The 'small panels give a wide range' panel: true TMB and panel size → measured TMB.

    Controls ``"true_tmb"`` (2–30 mut/Mb) and ``"panel_mb"`` (0.25 Mb to a whole exome).
    ``result`` is a :class:`~precisionmed.immunotherapy.TmbNoise`.
    """
    sizes = [s for _, s in PANEL_SIZES]
    if panel_mb not in sizes:
        raise ValueError(f"panel_mb must be one of {sizes}, got {panel_mb!r}.")
    controls = {
        "true_tmb": slider("True TMB of the tumour", true_tmb, 2, 30, 1, unit="mut/Mb"),
        "panel_mb": choice_slider("Panel size", list(PANEL_SIZES), panel_mb),
    }
    view = FigureView(figsize=(6.6, 3.4), axes_rects=ip.NOISE_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        noise = im.tmb_noise(controls["true_tmb"].value, controls["panel_mb"].value)

        def draw(fig: Figure) -> None:
            ip.plot_noise(fig, noise)
            set_alt(fig, ip.describe_noise(noise))

        view.update(draw)
        summary.value = ip.summarise_noise(noise)
        return noise

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("06 peptide_panel: length", peptide_panel, "length", [8, 9, 10, 11]),
    ("06 peptide_panel: change", peptide_panel, "change",
     ["KRAS G12C", "KRAS G12D", "KRAS G12V", "KRAS G13D", "KRAS Q61H"]),
    ("06 cutoff_panel: cut-off", cutoff_panel, "cutoff", list(CUTOFFS)),
    ("06 noise_panel: true TMB", noise_panel, "true_tmb", list(range(2, 31))),
    ("06 noise_panel: panel size", noise_panel, "panel_mb", [s for _, s in PANEL_SIZES]),
]
