"""Lesson 01's panels: the glass-box pharmacogenomic report and drug level by phenotype."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from precisionmed import data
from precisionmed.pgx.calling import genotypes_from_vcf
from precisionmed.pgx.exposure import ACTIVITY_FACTOR, KINDS, describe_curves, plot_curves
from precisionmed.pgx.report import describe_report, glass_box, plot_report
from precisionmed.pgx.tables import allele_info
from precisionmed.plots import set_alt
from precisionmed.vcf import read_vcf
from precisionmed.widgets import LABEL_STYLE, FigureView, connect, slider

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
    ``allele1`` and ``allele2`` (valid alleles of the gene only). The box has ``controls``,
    ``view`` (the allele/score diagram), ``table`` (HTML steps) and ``result`` (the latest
    :class:`precisionmed.pgx.GlassBoxReport`). Nothing is displayed.
    """
    genes = [g for g in GENE_DRUGS if g != "HLA-B"] + ["HLA-B"]
    controls = {
        "gene": w.Dropdown(options=genes, value=gene, description="Gene", style=LABEL_STYLE),
        "patient": w.Dropdown(options=[CHOOSE, *patient_choices()], value=patient,
                              description="Patient", style=LABEL_STYLE),
        "allele1": w.Dropdown(options=allele_choices(gene), description="Allele 1",
                              style=LABEL_STYLE),
        "allele2": w.Dropdown(options=allele_choices(gene), description="Allele 2",
                              style=LABEL_STYLE),
    }
    view = FigureView(figsize=(7.0, 2.2))
    table = w.HTML()
    box = w.VBox([w.HBox([controls["gene"], controls["patient"]]),
                  w.HBox([controls["allele1"], controls["allele2"]]), view.box, table])
    busy = {"on": False}

    def redraw(_: object = None) -> None:
        if busy["on"]:
            return
        g = controls["gene"].value
        pid = controls["patient"].value
        if pid != CHOOSE and g != "HLA-B":
            report = patient_report(pid, g)
        else:
            report = glass_box(g, GENE_DRUGS[g], diplotype=f"{controls['allele1'].value}/"
                                                          f"{controls['allele2'].value}")

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_report(ax, report)
            set_alt(fig, describe_report(report))

        view.update(draw)
        table.value = report.as_html()
        box.result = report  # type: ignore[attr-defined]

    def gene_changed(change: dict) -> None:
        busy["on"] = True
        options = allele_choices(change["new"])
        for key in ("allele1", "allele2"):
            controls[key].options = options
            controls[key].value = options[0]
        busy["on"] = False
        redraw()

    def allele_changed(_: object = None) -> None:
        if busy["on"]:
            return
        if controls["patient"].value != CHOOSE:
            busy["on"] = True
            controls["patient"].value = CHOOSE
            busy["on"] = False
        redraw()

    controls["gene"].observe(gene_changed, names="value")
    controls["patient"].observe(redraw, names="value")
    controls["allele1"].observe(allele_changed, names="value")
    controls["allele2"].observe(allele_changed, names="value")
    redraw()
    box.controls, box.view, box.table = controls, view, table  # type: ignore[attr-defined]
    return box


def exposure_explorer(dose_mg: float = 100.0, phenotype: str = "Normal Metabolizer",
                      kind: str = "active drug") -> w.VBox:
    """Build the drug-level panel: dose slider, phenotype to highlight, active drug or prodrug.

    The PK parameters are illustrative teaching values, not data for a real drug. The box has
    ``controls``, ``view``, ``summary`` and ``result`` (dict phenotype → ExposureCurve).
    """
    controls = {
        "dose": slider("Dose every 12 h (mg)", dose_mg, 25.0, 300.0, 25.0),
        "phenotype": w.Dropdown(options=list(ACTIVITY_FACTOR), value=phenotype,
                                description="Highlight", style=LABEL_STYLE),
        "kind": w.ToggleButtons(options=list(KINDS), value=kind, description="Medicine is",
                                style=LABEL_STYLE),
    }
    controls["dose"].readout_format = ".0f"
    view = FigureView(figsize=(7.5, 4.0))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        dose = float(controls["dose"].value)
        highlight = controls["phenotype"].value
        holder: dict = {}

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            holder["curves"] = plot_curves(ax, dose, highlight, controls["kind"].value)
            set_alt(fig, describe_curves(holder["curves"], highlight))

        view.update(draw)
        curve = holder["curves"][highlight]
        summary.value = (f"<b>{highlight}</b> at {dose:g} mg: level ends {curve.verdict()} "
                         f"(illustrative numbers, not a real drug).")
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
           "patient_choices", "BENCHMARK_CASES"]
