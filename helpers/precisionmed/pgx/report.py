"""The glass-box report: every step from genotype to recommendation, with its source.

genotype (what the lab measured) → alleles (named versions of the gene) → diplotype (the
pair) → activity score (where the gene uses one) → phenotype (how well the enzyme works) →
recommendation (what the guideline says for a drug).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.axes import Axes

from precisionmed._checks import require
from precisionmed.pgx.alleles import Diplotype, _split, parse_diplotype
from precisionmed.pgx.calling import (
    DiplotypeCall,
    _call,
    _callable_alleles,
    _expected_genotypes,
)
from precisionmed.pgx.phenotype import _function, _rule_sentence, _score
from precisionmed.pgx.recommend import Recommendation, drug_genes, recommend
from precisionmed.pgx.tables import ACTIVITY_GENES, allele_info, check_gene, load_variant_table
from precisionmed.plots import OKABE_ITO

FUNCTION_COLORS: dict[str, str] = {
    "Normal function": OKABE_ITO["bluish green"], "Increased function": OKABE_ITO["blue"],
    "Decreased function": OKABE_ITO["orange"], "No function": OKABE_ITO["vermillion"],
    "Uncertain function": "#999999", "Risk allele": OKABE_ITO["vermillion"],
    "Not a risk allele": OKABE_ITO["bluish green"], "Reduced expression": OKABE_ITO["orange"],
}


@dataclass(frozen=True)
class Step:
    """One step of the report: a name, the value at that step and where the rule comes from."""

    name: str
    value: str
    source: str


@dataclass(frozen=True)
class GlassBoxReport:
    """A whole report for one gene and one drug."""

    gene: str
    drug: str
    diplotype: str
    score: float | None
    phenotype: str
    recommendation: Recommendation
    steps: tuple[Step, ...]
    call: DiplotypeCall | None = None
    #: The diplotype as parsed once when the report was built (its two alleles).
    parsed: Diplotype | None = None

    def as_text(self) -> str:
        """The report as plain text lines ('1. Genotype: ...')."""
        return "\n".join(f"{i}. {s.name}: {s.value}" for i, s in enumerate(self.steps, 1))

    def as_html(self) -> str:
        """The report as an HTML table (for the widget)."""
        rows = "".join(f"<tr><td style='padding:2px 8px'><b>{i}. {s.name}</b></td>"
                       f"<td style='padding:2px 8px'>{s.value}</td>"
                       f"<td style='padding:2px 8px;color:#555'><small>{s.source}</small></td></tr>"
                       for i, s in enumerate(self.steps, 1))
        return ("<table><tr><th align='left'>Step</th><th align='left'>Result</th>"
                f"<th align='left'>Source</th></tr>{rows}</table>")


def _genotype_text(genotypes: Mapping[str, str]) -> str:
    variants = load_variant_table().set_index("rsid")
    parts = []
    for rsid, gt in genotypes.items():
        label = variants.loc[rsid, "name"].split(" (")[0] if rsid in variants.index else ""
        parts.append(f"{rsid} {gt}" + (f" [{label}]" if gt != "0/0" and label else ""))
    return ", ".join(parts)


def glass_box(gene: str, drug: str, diplotype: str | None = None,
              genotypes: Mapping[str, object] | None = None, copies: int = 2) -> GlassBoxReport:
    """Build the step-by-step report for ``gene`` and ``drug``.

    Give either ``diplotype`` (e.g. ``"*1/*2"``; the genotypes it would show are worked out) or
    ``genotypes`` (``{rsID: "0/1"}`` from the VCF, plus ``copies`` for CYP2D6). The gene and
    the diplotype are checked once, here; every step below works on the parsed values.
    """
    gene = check_gene(gene)
    genes = drug_genes(drug)
    if gene not in genes:
        raise ValueError(f"{drug} recommendations depend on {', '.join(genes)}, not {gene}.")
    call = None
    steps: list[Step] = []
    if genotypes is not None:
        call = _call(gene, genotypes, copies)
        parsed = _split(gene, call.diplotype).in_order()
        shown = {k: str(v) for k, v in genotypes.items() if k in call.dosages}
        steps.append(Step("Genotype", _genotype_text(shown)
                          + (f"; gene copies: {copies}" if gene == "CYP2D6" else ""),
                          "simulated VCF (GRCh38); positions from knowledge/pgx_variants"))
    elif diplotype is not None:
        parsed = _split(gene, diplotype).in_order()
        if gene == "HLA-B":
            steps.append(Step("Genotype", "HLA typing (a separate lab test)", "—"))
        else:
            try:
                shown = _expected_genotypes(parsed)
                steps.append(Step("Genotype", _genotype_text(shown)
                                  + (f"; gene copies: {parsed.copies}" if gene == "CYP2D6"
                                     else ""),
                                  "worked out from the allele definitions"))
            except ValueError:
                hidden = [a.parts[0][0] for a in parsed
                          if a.copies > 0 and a.parts[0][0] not in _callable_alleles(gene)]
                names = " and ".join(dict.fromkeys(hidden)) or "an allele"
                steps.append(Step("Genotype", f"not visible on the course's panel ({names}: "
                                  "the panel does not test its defining variants)",
                                  "knowledge/pgx_alleles"))
    else:
        raise ValueError("Give either diplotype='*1/*2' or genotypes={'rs...': '0/1', ...}.")
    dip = parsed.text
    info = allele_info(gene)
    allele_text = []
    for allele in parsed:
        func = _function(allele)
        base = allele.parts[0][0]
        val = info.get(base, {}).get("activity_value")
        extra = f", activity value {float(val) * allele.parts[0][1]:g}" if val is not None else ""
        allele_text.append(f"{allele.name} ({func.lower()}{extra})")
    steps.append(Step("Alleles", " and ".join(allele_text),
                      str(next(iter(info.values()))["source"])))
    diplo_note = ""
    if call is not None and call.ambiguous:
        diplo_note = f"; other possible pairs: {', '.join(call.alternatives)}"
    steps.append(Step("Diplotype", dip + diplo_note,
                      "unphased call: " + (call.note or "only one pair fits") if call else
                      "the two alleles, order does not matter"))
    score = None
    if gene in ACTIVITY_GENES:
        score = _score(parsed)
        steps.append(Step("Activity score", f"{score:g}", "sum of the two activity values"))
    rec = recommend(drug, {g: (parsed if g == gene else _typical(g)) for g in genes})
    phen = rec.phenotypes[gene]
    steps.append(Step("Phenotype", phen, _rule_sentence(parsed)))
    strength = f" (CPIC strength: {rec.strength})" if rec.strength else ""
    others = [g for g in genes if g != gene]
    assume = f" [assuming normal {', '.join(others)}]" if others else ""
    steps.append(Step(f"Recommendation for {rec.drug}", rec.text + strength + assume, rec.source))
    return GlassBoxReport(gene, rec.drug, dip, score, phen, rec, tuple(steps), call, parsed)


def _typical(gene: str) -> str:
    return {"TPMT": "*1/*1", "NUDT15": "*1/*1", "HLA-B": "*07:02/*08:01"}.get(gene, "*1/*1")


RULER_TOP = 3.0


def _ruler_x(score: float) -> float:
    return 4.2 + 5.4 * min(score, RULER_TOP) / RULER_TOP


def plot_report(ax: Axes, report: GlassBoxReport) -> None:
    """Draw the two alleles as coloured boxes and, for activity genes, the score on a ruler.

    Artists are created once (marked animated) and then only updated, so a widget can redraw
    them quickly over a cached empty background.
    """
    require(ax, Axes, "ax")
    require(report, GlassBoxReport, "report (from glass_box)")
    state = getattr(ax, "_precisionmed_report", None)
    if state is None:
        ax.clear()
        ax.set_axis_off()
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 3)
        boxes = [_box(0.2, 1.8 - i * 1.0, 3.2, 0.8, "#999999") for i in range(2)]
        for patch in boxes:
            patch.set_animated(True)
            ax.add_patch(patch)
        texts = [ax.text(1.8, 2.2 - i * 1.0, "", ha="center", va="center", fontsize=10,
                         animated=True) for i in range(2)]
        header = ax.text(1.8, 2.85, "", ha="center", fontsize=10, animated=True)
        ruler = [ax.plot([4.2, 9.6], [1.4, 1.4], color="black", lw=1, animated=True)[0]]
        for k in range(int(RULER_TOP * 2) + 1):
            x = _ruler_x(k / 2)
            ruler.append(ax.plot([x, x], [1.33, 1.47], color="black", lw=1, animated=True)[0])
            ruler.append(ax.text(x, 1.05, f"{k / 2:g}", ha="center", fontsize=9, animated=True))
        marker = ax.plot([4.2], [1.4], marker="v", markersize=14, color=OKABE_ITO["blue"],
                         animated=True)[0]
        score_text = ax.text(6.9, 2.3, "", ha="center", fontsize=11, animated=True)
        phen_text = ax.text(6.9, 0.45, "", ha="center", fontsize=12, weight="bold",
                            animated=True)
        state = (boxes, texts, header, ruler, marker, score_text, phen_text)
        ax._precisionmed_report = state  # type: ignore[attr-defined]
    boxes, texts, header, ruler, marker, score_text, phen_text = state
    parsed = report.parsed or parse_diplotype(report.gene, report.diplotype).in_order()
    for patch, text, allele in zip(boxes, texts, parsed, strict=True):
        func = _function(allele)
        patch.set_color(FUNCTION_COLORS.get(func, "#999999"))
        text.set_text(f"{allele.name}\n{func}")
        text.set_color("white" if func in ("No function", "Risk allele", "Increased function")
                       else "black")
    header.set_text(f"{report.gene} alleles")
    has_score = report.score is not None
    for artist in [*ruler, marker, score_text]:
        artist.set_visible(has_score)
    if has_score:
        marker.set_xdata([_ruler_x(report.score)])
        score_text.set_text(f"Activity score {report.score:g}")
        phen_text.set_position((6.9, 0.45))
        phen_text.set_fontsize(12)
    else:
        phen_text.set_position((6.9, 1.5))
        phen_text.set_fontsize(13)
    phen_text.set_text(report.phenotype)


def _box(x: float, y: float, w: float, h: float, color: str):
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.05", color=color)


def describe_report(report: GlassBoxReport) -> str:
    """One-sentence description (alt text) of :func:`plot_report`."""
    require(report, GlassBoxReport, "report (from glass_box)")
    score = f", activity score {report.score:g}" if report.score is not None else ""
    return (f"Diagram of {report.gene} {report.diplotype}: two allele boxes coloured by function"
            f"{score}, giving the phenotype {report.phenotype}.")
