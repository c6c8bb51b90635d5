"""Lesson 01's panels: the glass-box pharmacogenomic report and drug level by phenotype."""

from __future__ import annotations

import html
import math
from functools import lru_cache

import ipywidgets as w
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from precisionmed import data
from precisionmed.pgx.alleles import parse_diplotype
from precisionmed.pgx.calling import genotypes_from_vcf
from precisionmed.pgx.exposure import (
    ACTIVITY_FACTOR,
    KINDS,
    WINDOW_MG_L,
    ExposureCurve,
    plot_curves,
)
from precisionmed.pgx.report import describe_report, glass_box, plot_report
from precisionmed.pgx.tables import allele_info
from precisionmed.plots import set_alt
from precisionmed.vcf import read_vcf
from precisionmed.widgets import LABEL_STYLE, FigureView, connect, slider
from precisionmed.widgets._layout import fit, row, scroll_html

#: Drug shown for each gene in the report panel (the lessons' examples).
GENE_DRUGS: dict[str, str] = {
    "CYP2C19": "clopidogrel", "CYP2D6": "codeine", "CYP2C9": "warfarin", "TPMT": "mercaptopurine",
    "NUDT15": "mercaptopurine", "DPYD": "capecitabine", "SLCO1B1": "simvastatin",
    "HLA-B": "abacavir",
}
CHOOSE = "(choose alleles below)"


@lru_cache(maxsize=1)
def _cohort() -> tuple[pd.DataFrame, dict[str, int], pd.DataFrame]:
    vcf = read_vcf(data.path("pgx/genotypes"))
    copies = data.load("pgx/cyp2d6_copies")
    patients = data.load("pgx/patients")
    counts = dict(zip(copies["patient_id"], copies["cyp2d6_copies"].astype(int), strict=True))
    return vcf, counts, patients


def patient_choices(n_simulated: int = 40) -> list[str]:
    """Patient ids offered in the report panel: the recurring patients, then simulated ones."""
    patients = _cohort()[2]
    ids = list(patients["patient_id"])
    return [i for i in ids if i.startswith("PM-")] + [i for i in ids if i.startswith("PGX-")][
        :n_simulated]


def allele_choices(gene: str) -> list[str]:
    """Alleles a learner may pick for ``gene`` (valid ones only, duplications for CYP2D6)."""
    names = list(allele_info(gene))
    if gene == "CYP2D6":
        names += ["*1x2", "*2x2", "*4x2"]
    return names


def patient_report(patient_id: str, gene: str, drug: str | None = None):
    """Glass-box report for a simulated patient, read from the VCF and the copy-number table."""
    vcf, copies, _ = _cohort()
    genotypes = genotypes_from_vcf(vcf, patient_id)
    return glass_box(gene, drug or GENE_DRUGS[gene], genotypes=genotypes,
                     copies=copies[patient_id] if gene == "CYP2D6" else 2)


def report_explorer(gene: str = "CYP2C19", patient: str = "PM-002") -> w.VBox:
    """Build the glass-box report panel.

    Controls: ``gene``, ``patient`` (a simulated person, or "(choose alleles below)"),
    ``allele1`` and ``allele2`` (valid alleles of the gene only). The controls never contradict
    the report:

    * with a patient chosen, the allele dropdowns show the alleles called from that patient's
      genotypes, and the note says so;
    * moving an allele dropdown turns the report into a what-if: the patient box switches to
      "(choose alleles below)" and the note says the report is no longer the patient's;
    * for HLA-B, which the course's genotype file does not contain (HLA typing is a separate
      lab test), the patient box is greyed out at "(choose alleles below)" and the note says
      why; the previous patient comes back when another gene is chosen.

    The box has ``controls``, ``view`` (the allele/score diagram), ``note`` (HTML: whose
    alleles these are), ``table`` (HTML steps) and ``result`` (the latest
    :class:`precisionmed.pgx.GlassBoxReport`). Nothing is displayed.
    """
    genes = [g for g in GENE_DRUGS if g != "HLA-B"] + ["HLA-B"]
    if gene not in genes:
        raise ValueError(f"gene must be one of {', '.join(genes)}, got {gene!r}.")
    patients = [CHOOSE, *patient_choices()]
    if patient not in patients:
        raise ValueError(f"patient must be {CHOOSE!r} or one of the course's patients "
                         f"(e.g. PM-002), got {patient!r}.")
    controls = {
        "gene": fit(w.Dropdown(options=genes, value=gene, description="Gene",
                               tooltip="Gene (the medicine shown changes with it)",
                               style=LABEL_STYLE), "260px"),
        "patient": fit(w.Dropdown(options=patients, value=patient, description="Patient",
                                  tooltip="A simulated patient, or choose alleles yourself",
                                  style=LABEL_STYLE), "320px"),
        "allele1": fit(w.Dropdown(options=allele_choices(gene), description="Allele 1",
                                  tooltip="First allele (a what-if if you change it)",
                                  style=LABEL_STYLE), "260px"),
        "allele2": fit(w.Dropdown(options=allele_choices(gene), description="Allele 2",
                                  tooltip="Second allele (a what-if if you change it)",
                                  style=LABEL_STYLE), "260px"),
    }
    view = FigureView(figsize=(7.0, 2.2))
    note = w.HTML()
    table = w.HTML()
    box = w.VBox([row(controls["gene"], controls["patient"]),
                  row(controls["allele1"], controls["allele2"]), note, view.box, table])
    state = {"busy": False, "remembered": patient if patient != CHOOSE else None,
             "what_if_from": None}

    def set_quietly(control: w.Dropdown, **traits: object) -> None:
        state["busy"] = True
        try:
            for name, value in traits.items():
                setattr(control, name, value)
        finally:
            state["busy"] = False

    def show_alleles(g: str, diplotype: str) -> None:
        options = allele_choices(g)
        names = [allele.name for allele in parse_diplotype(g, diplotype)]
        options += [n for n in dict.fromkeys(names) if n not in options]
        for control, name in zip((controls["allele1"], controls["allele2"]), names, strict=True):
            if list(control.options) != options:
                set_quietly(control, options=options)
            set_quietly(control, value=name)

    def redraw() -> None:
        g = controls["gene"].value
        pid = controls["patient"].value
        if g == "HLA-B":
            report = glass_box(g, GENE_DRUGS[g], diplotype=f"{controls['allele1'].value}/"
                                                          f"{controls['allele2'].value}")
            note.value = ("<b>What-if:</b> HLA-B alleles you choose. The course's patients "
                          "have no HLA-B result (HLA typing is a separate lab test, not in "
                          "their genotype file), so the patient box is set aside for this "
                          "gene.")
        elif pid != CHOOSE:
            report = patient_report(pid, g)
            show_alleles(g, report.diplotype)
            extra = (" The call is ambiguous: the table lists the other possible pairs."
                     if report.call is not None and report.call.ambiguous else "")
            note.value = (f"<b>{html.escape(pid)}'s result:</b> the alleles above are the "
                          f"ones called from {html.escape(pid)}'s genotypes.{extra} Change an "
                          "allele to try a what-if.")
        else:
            report = glass_box(g, GENE_DRUGS[g], diplotype=f"{controls['allele1'].value}/"
                                                          f"{controls['allele2'].value}")
            source = state["what_if_from"]
            note.value = ("<b>What-if:</b> alleles you chose"
                          + (f" (no longer {html.escape(source)}'s result)" if source else "")
                          + ". Choose a patient to see a real result.")

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_report(ax, report)
            set_alt(fig, describe_report(report))

        view.update(draw)
        table.value = scroll_html(report.as_html())
        box.result = report  # type: ignore[attr-defined]

    def gene_changed(change: dict) -> None:
        g = change["new"]
        if g == "HLA-B":
            if controls["patient"].value != CHOOSE:
                state["remembered"] = controls["patient"].value
            set_quietly(controls["patient"], value=CHOOSE, disabled=True)
            state["what_if_from"] = None
        else:
            back = controls["patient"].disabled and state["remembered"] is not None
            set_quietly(controls["patient"], disabled=False,
                        **({"value": state["remembered"]} if back else {}))
        if controls["patient"].value == CHOOSE or g == "HLA-B":
            state["what_if_from"] = None  # new gene, fresh alleles: no patient's result left
            options = allele_choices(g)
            for key in ("allele1", "allele2"):
                set_quietly(controls[key], options=options)
                set_quietly(controls[key], value=options[0])
        redraw()

    def patient_changed(change: dict) -> None:
        if state["busy"]:
            return
        if change["new"] != CHOOSE:
            state["remembered"] = change["new"]
            state["what_if_from"] = None
        redraw()

    def allele_changed(_: object = None) -> None:
        if state["busy"]:
            return
        pid = controls["patient"].value
        if pid != CHOOSE:
            state["what_if_from"] = pid
            set_quietly(controls["patient"], value=CHOOSE)
        redraw()

    controls["gene"].observe(gene_changed, names="value")
    controls["patient"].observe(patient_changed, names="value")
    controls["allele1"].observe(allele_changed, names="value")
    controls["allele2"].observe(allele_changed, names="value")
    gene_changed({"new": gene})
    box.controls, box.view, box.table = controls, view, table  # type: ignore[attr-defined]
    box.note = note  # type: ignore[attr-defined]
    box.add_class("pm-panel")
    return box


def level_words(peak: float, trough: float) -> str:
    """Where a steady-state level sits against the therapeutic window, in plain words.

    Each case is named separately, so a level that swings from below the window to above it
    is never called simply "too high".
    """
    for name, number in (("peak", peak), ("trough", trough)):
        if isinstance(number, bool) or not isinstance(number, (int, float, np.number)) \
                or not math.isfinite(float(number)):
            raise ValueError(f"{name} must be a drug level in mg/L (a finite number), "
                             f"got {number!r}.")
    if trough > peak:
        raise ValueError(f"trough ({trough:g}) cannot be above peak ({peak:g}).")
    low, high = WINDOW_MG_L
    if trough > high:
        return "stays above the window (side effects likely)"
    if peak > high and trough >= low:
        return "peaks above the window (side effects likely) and dips back into it"
    if peak > high:
        return ("swings from below the window (may not work) to above it (side effects "
                "likely)")
    if peak < low:
        return "stays below the window (may not work)"
    if trough < low:
        return "dips below the window between doses (may not work all the time)"
    return "stays inside the window"


def describe_level(curves: dict, highlight: str, kind: str) -> str:
    """One-sentence description (alt text) of the drug-level chart, in :func:`level_words`."""
    if not isinstance(curves, dict) or not isinstance(highlight, str) \
            or not isinstance(curves.get(highlight), ExposureCurve):
        raise ValueError("curves must map phenotypes to ExposureCurve (from plot_curves) and "
                         f"highlight must be one of them; got highlight {highlight!r}.")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}.")
    curve = curves[highlight]
    words = level_words(curve.steady_peak, curve.steady_trough)
    return (f"Line chart of drug level over 96 hours for five metabolizer types taking the "
            f"{kind} at {curve.dose_mg:g} mg every 12 hours; the {highlight.lower()} is "
            f"highlighted and over the last 12 hours its level {words}"
            f" (peak {curve.steady_peak:.1f}, trough {curve.steady_trough:.1f} mg/L; window "
            f"{WINDOW_MG_L[0]:g}–{WINDOW_MG_L[1]:g} mg/L).")


def exposure_explorer(dose_mg: float = 100.0, phenotype: str = "Normal Metabolizer",
                      kind: str = "active drug") -> w.VBox:
    """Build the drug-level panel: dose slider, phenotype to highlight, active drug or prodrug.

    The PK parameters are illustrative teaching values, not data for a real drug. The box has
    ``controls``, ``view``, ``summary`` and ``result`` (dict phenotype → ExposureCurve).
    """
    controls = {
        "dose": slider("Dose every 12 h (mg)", dose_mg, 25.0, 300.0, 25.0),
        "phenotype": w.Dropdown(options=list(ACTIVITY_FACTOR), value=phenotype,
                                description="Highlight",
                                tooltip="Metabolizer type drawn as the thick line",
                                style=LABEL_STYLE),
        "kind": w.ToggleButtons(options=list(KINDS), value=kind, description="Medicine is",
                                tooltips=["Broken down by the enzyme",
                                          "Turned into its working form by the enzyme"],
                                tooltip="Is the medicine an active drug or a prodrug?",
                                style=LABEL_STYLE),
    }
    fit(controls["phenotype"], "360px")
    view = FigureView(figsize=(7.5, 4.0))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        dose = float(controls["dose"].value)
        highlight = controls["phenotype"].value
        kind = controls["kind"].value
        holder: dict = {}

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            holder["curves"] = plot_curves(ax, dose, highlight, kind)
            set_alt(fig, describe_level(holder["curves"], highlight, kind))

        view.update(draw)
        curve = holder["curves"][highlight]
        words = level_words(curve.steady_peak, curve.steady_trough)
        summary.value = (f"<b>{highlight}</b>, {kind}, {dose:g} mg every 12 h: over the last "
                         f"12 hours the level {words} "
                         "(illustrative numbers, not a real drug).")
        return holder["curves"]

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("01 report_explorer: patient", report_explorer, "patient", patient_choices()[:20]),
    ("01 report_explorer: allele2", report_explorer, "allele2",
     allele_choices("CYP2C19") * 3),
    ("01 exposure_explorer: dose", exposure_explorer, "dose",
     [25.0 * k for k in range(1, 13)] * 2),
]

__all__ = ["report_explorer", "exposure_explorer", "patient_report", "allele_choices",
           "patient_choices", "level_words", "describe_level", "BENCHMARK_CASES"]
