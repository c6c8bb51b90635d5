"""Lesson 03's panel: the molecular tumour board for a simulated patient."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from precisionmed._checks import require
from precisionmed.oncology.board import (
    TumourReport,
    describe_vaf,
    patient_ids,
    patient_label,
    plot_vaf,
    tumour_report,
)
from precisionmed.plots import set_alt
from precisionmed.widgets import LABEL_STYLE, FigureView, name_controls

_ORIGIN_WORDS = {"likely somatic": "tumour only (somatic)?",
                 "likely germline": "inherited (germline)?", "uncertain": "can't tell",
                 "filtered (low quality)": "low quality — ignore",
                 "somatic (no VAF)": "tumour (no VAF)"}


def _table_html(frame: pd.DataFrame, caption: str) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 8px;white-space:nowrap'>"
                   f"{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for rec in frame.itertuples(index=False):
        cells = "".join(
            "<td style='padding:2px 8px;vertical-align:top;line-height:1.3;"
            + ("min-width:16em;max-width:26em'>" if len(str(v)) > 40 else "white-space:nowrap'>")
            + f"{html.escape(str(v))}</td>" for v in rec)
        rows.append(f"<tr>{cells}</tr>")
    # Wide tables scroll sideways inside their own box, so at 800 px nothing is cut off.
    return ("<div style='overflow-x:auto;max-width:100%'>"
            "<table style='border-collapse:collapse;width:max-content'>"
            f"<caption style='text-align:left'><b>{html.escape(caption)}</b></caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def variants_html(report: TumourReport) -> str:
    """The variant table of the report as HTML (one row per call)."""
    require(report, TumourReport, "report (from tumour_report)")
    calls = report.calls
    rows = []
    for gene, alteration, vtype, vaf_value, alt, depth, filt, origin, known in zip(
            calls["gene"], calls["alteration"], calls["variant_type"], calls["vaf"],
            calls["t_alt_count"], calls["t_depth"], calls["filter"], calls["origin_call"],
            calls["known_driver"], strict=True):
        rows.append((gene, alteration, vtype, "–" if pd.isna(vaf_value) else f"{vaf_value:.2f}",
                     "–" if pd.isna(alt) else f"{int(alt)}/{int(depth)}", filt,
                     _ORIGIN_WORDS.get(origin, origin), "yes" if known else "no"))
    shown = pd.DataFrame(rows, columns=["gene", "alteration", "type", "VAF",
                                        "reads (alt/total)", "filter", "origin (from VAF)",
                                        "known driver"])
    return _table_html(shown, "Variant calls")


def therapies_html(report: TumourReport) -> str:
    """Matched therapies with evidence levels and sources as HTML."""
    require(report, TumourReport, "report (from tumour_report)")
    if report.matches.empty:
        return ("<p><b>Matched therapies:</b> none in this course's table.</p>"
                f"<p><small>{html.escape(knowledge_line())}</small></p>")
    words = {"option": "✓ option", "blocked": "⛔ blocked", "other setting": "not this setting",
             "withdrawn": "withdrawn", "resistance": "⚠ predicts failure"}
    shown = report.matches.assign(status=report.matches["status"].map(words),
                                  level=report.matches["evidence_level"])
    table = _table_html(shown[["status", "gene", "alteration", "drug", "level", "reason",
                               "fda_date", "source"]],
                        "Matched therapies (level: 1 strongest; R1/R2 = resistance)")
    return table + f"<p><small>{html.escape(knowledge_line())}</small></p>"


def knowledge_line() -> str:
    """The 'knowledge as of …' line shown under the therapy table."""
    from precisionmed.freshness import knowledge_as_of

    return knowledge_as_of("knowledge/onc_actionability")


def warnings_html(report: TumourReport) -> str:
    """Resistance warnings as an HTML list (or a short all-clear)."""
    require(report, TumourReport, "report (from tumour_report)")
    if not report.warnings:
        return "<p><b>Resistance warnings:</b> none found.</p>"
    items = "".join(f"<li>⚠ {html.escape(text)}</li>" for text in report.warnings)
    return f"<p><b>Resistance warnings</b></p><ul>{items}</ul>"


def tumour_board(patient_id: str = "PM-002") -> w.VBox:
    """Build the tumour-board panel: pick a simulated patient, read their tumour's DNA.

    Returns a ``VBox`` with attributes ``controls`` (``"patient"`` dropdown, ``"show_filtered"``
    checkbox), ``view`` (:class:`FigureView` with the VAF plot), ``header``, ``variants``,
    ``therapies`` and ``warnings`` (HTML widgets) and ``result`` (the latest
    :class:`~precisionmed.oncology.board.TumourReport`). Nothing is displayed. Reports, HTML
    and figures are cached per patient, so revisiting a patient is instant.
    """
    ids = patient_ids()
    if patient_id not in ids:
        tumour_report(patient_id)  # raises a helpful ValueError
    controls = {
        "patient": w.Dropdown(options=[(patient_label(pid), pid) for pid in ids],
                              value=patient_id, description="Patient",
                              style=LABEL_STYLE,
                              layout=w.Layout(width="360px", max_width="100%")),
        "show_filtered": w.Checkbox(value=True, description="Show low-quality (filtered) calls",
                                    style=LABEL_STYLE, indent=False,
                                    layout=w.Layout(width="auto", max_width="100%")),
    }
    name_controls(controls)
    view = FigureView(figsize=(7.5, 4.6))
    header, variants, therapies, warns = w.HTML(), w.HTML(), w.HTML(), w.HTML()
    row = w.HBox([controls["patient"], controls["show_filtered"]],
                 layout=w.Layout(flex_flow="row wrap", max_width="100%"))
    box = w.VBox([row, header, view.box, variants, therapies, warns],
                 layout=w.Layout(max_width="100%"))
    box.add_class("pm-panel")
    html_cache: dict[str, tuple[str, str, str, str]] = {}
    png_cache: dict[tuple[str, bool], tuple[bytes, str]] = {}

    def redraw(_: object = None) -> None:
        pid = controls["patient"].value
        show = bool(controls["show_filtered"].value)
        report = tumour_report(pid)
        if pid not in html_cache:
            html_cache[pid] = (f"<b>{html.escape(report.headline())}</b>", variants_html(report),
                               therapies_html(report), warnings_html(report))
        header.value, variants.value, therapies.value, warns.value = html_cache[pid]
        key = (pid, show)
        if key in png_cache:
            png, alt = png_cache[key]
            view.show_png(png, alt)
        else:
            alt = describe_vaf(report, show_filtered=show)

            def draw(fig: Figure) -> None:
                ax = fig.axes[0] if fig.axes else fig.add_subplot()
                plot_vaf(ax, report, show_filtered=show, animated=True)
                set_alt(fig, alt)

            view.update(draw)
            png_cache[key] = (view.png, alt)
        box.result = report  # type: ignore[attr-defined]

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box.controls, box.view = controls, view  # type: ignore[attr-defined]
    box.header, box.variants, box.therapies, box.warnings = (  # type: ignore[attr-defined]
        header, variants, therapies, warns)
    return box


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn). Every
#: change after the first is a first visit (no cache hit): PM-002 is the starting patient.
BENCHMARK_CASES = [
    ("03 tumour_board: patient", tumour_board, "patient",
     ["PM-002", "PM-001", "PM-005", *(f"TB-{i:04d}" for i in range(1, 38))]),
]
