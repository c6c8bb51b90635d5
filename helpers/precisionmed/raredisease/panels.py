"""Lesson 07's panels: the filter funnel, the phenotype ranking and the evidence points.

Each builder returns a ``VBox`` (never displays it) with ``controls``, ``view``
(:class:`~precisionmed.widgets.FigureView`), ``summary`` and ``result``; tests set
``box.controls[...].value`` and read ``box.result`` and ``box.view.png``.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from precisionmed.plots import set_alt
from precisionmed.raredisease.acmg import classify
from precisionmed.raredisease.cases import case_funnel, case_info, case_terms
from precisionmed.raredisease.phenotype import describe_standing, ontology, rank_genes
from precisionmed.raredisease.plotting import (
    FUNNEL_AXES,
    POINTS_AXES,
    RANKING_AXES,
    describe_funnel,
    describe_points,
    describe_ranking,
    plot_funnel,
    plot_points,
    plot_ranking,
)
from precisionmed.raredisease.variants import MODES, TrioFunnel
from precisionmed.widgets import LABEL_STYLE, FigureView, choice_slider, connect
from precisionmed.widgets._layout import checkbox, fit, row, scroll_html

#: Frequency cut-offs the funnel slider offers (0.01% … 5%: BA1's line is 5%).
AF_OPTIONS: tuple[float, ...] = (0.0001, 0.0005, 0.001, 0.005, 0.01, 0.02, 0.05)

#: Features the phenotype panel offers for Lina (HPO ids) with short on-screen labels.
PHENOTYPE_CHOICES: dict[str, str] = {
    "HP:0000707": "Abnormality of the nervous system (vague)",
    "HP:0001250": "Seizure",
    "HP:0002373": "Febrile seizure (seizure with fever)",
    "HP:0002133": "Status epilepticus (very long seizure)",
    "HP:0001263": "Global developmental delay",
    "HP:0001252": "Hypotonia (low muscle tone)",
    "HP:0000252": "Microcephaly (small head)",
}

#: Evidence codes the points panel offers for Lina's SCN1A variant.
ACMG_CHOICES: dict[str, str] = {
    "PS2": "PS2 · de novo, parents tested (strong)",
    "PM2_Supporting": "PM2_Supporting · absent from gnomAD",
    "PM1": "PM1 · key part of protein (moderate)",
    "PP3": "PP3 · predicted damaging (supporting)",
    "PP4": "PP4 · features fit one-gene disease",
    "BP4": "BP4 · predicted harmless (benign)",
    "BS2": "BS2 · in a healthy adult (benign)",
}

#: Codes that cannot both apply to one variant: PP3 ("multiple lines of computational
#: evidence support a deleterious effect") and BP4 ("... suggest no impact") are two readings
#: of the same computer predictions (Richards et al., Genet Med 2015, Tables 3 and 4); ClinGen's
#: calibration reads one predictor's score as PP3 or BP4, never both (Pejaver et al., Am J Hum
#: Genet 2022).
EXCLUSIVE_CODES: tuple[tuple[str, str], ...] = (("PP3", "BP4"),)

#: Longer hover texts for the evidence checkboxes.
ACMG_HOVER: dict[str, str] = {
    "PS2": "De novo in a patient with the disease, maternity and paternity confirmed: strong",
    "PM2_Supporting": "Absent from population databases; ClinGen counts it as supporting",
    "PM1": "In a mutational hot spot or key functional domain: moderate",
    "PP3": "Several computer predictions agree on a damaging effect: supporting",
    "PP4": "Features highly specific for a disease with a single genetic cause: supporting",
    "BP4": "Several computer predictions agree on no impact: benign, supporting",
    "BS2": "Seen in a healthy adult for a fully penetrant early-onset disorder: benign, strong",
}


def _case(case_id: str) -> tuple[pd.Series, TrioFunnel]:
    return case_info(case_id), case_funnel(case_id)


def _pct(value: float) -> str:
    return f"{value:.2%}".replace(".00%", "%").replace("0%", "%") if value < 0.01 \
        else f"{value:.0%}"


def finalists_html(result: object) -> str:
    """The variants left at the end of the funnel as a small, sideways-scrolling table."""
    frame = getattr(result, "finalists", None)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("finalists_html needs a FunnelResult.")
    if frame.empty:
        return "<i>No variant is left at the last step.</i>"
    cols = ["variant_id", "gene", "consequence", "gnomad_af", "child_gt", "mother_gt",
            "father_gt", "phenotype_score"]
    shown = frame[cols].rename(columns={"gnomad_af": "frequency", "child_gt": "child",
                                        "mother_gt": "mother", "father_gt": "father",
                                        "phenotype_score": "match score"})
    return scroll_html(shown.to_html(index=False, escape=True), min_width="36em")


def funnel_explorer(case_id: str = "RD-01", max_af: float = 0.01,
                    mode: str = "de novo") -> w.VBox:
    """Build the filter-funnel panel for one family's trio exome.

    Controls: ``"max_af"`` (a slider over :data:`AF_OPTIONS`) and ``"mode"`` (the
    inheritance modes that fit the child's sex). The figure shows the count at every step;
    ``summary`` says the same in words and lists the variants left. ``result`` is the latest
    :class:`~precisionmed.raredisease.FunnelResult`. Nothing is displayed.
    """
    case, prepared = _case(case_id)
    terms = case_terms(case_id)
    modes = [m for m in MODES if case["sex"] == "male" or m != "X-linked recessive"]
    if max_af not in AF_OPTIONS:
        raise ValueError(f"max_af must be one of {AF_OPTIONS}.")
    if mode not in modes:
        raise ValueError(f"mode must be one of {modes} for {case['child']}.")
    controls = {
        "max_af": choice_slider("Most common allowed (population frequency)",
                                [(_pct(a), a) for a in AF_OPTIONS], max_af),
        "mode": fit(w.Dropdown(options=modes, value=mode, description="Inheritance to test",
                               style=LABEL_STYLE), "420px"),
    }
    view = FigureView(figsize=(6.6, 3.9), axes_rects=FUNNEL_AXES)
    images: dict = {}  # each state's picture, drawn once (FigureView.show_state)
    summary, table = w.HTML(), w.HTML()
    box = w.VBox([controls["max_af"], controls["mode"], view.box, summary, table],
                 layout=w.Layout(max_width="100%"))
    who = str(case["child"])

    def redraw() -> object:
        result = prepared.run(controls["max_af"].value, controls["mode"].value, terms)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_funnel(ax, result)
            set_alt(fig, describe_funnel(result, who))

        view.show_state(images, (controls["max_af"].value, controls["mode"].value), draw)
        summary.value = f"<b>{html.escape(result.sentence())}</b>"
        table.value = finalists_html(result)
        return result

    return connect(box, controls, view, redraw, summary=summary, table=table)


#: The families the family panel offers (section 6 of the lesson: the four more families).
FAMILY_CASES: tuple[str, ...] = ("RD-02", "RD-03", "RD-04", "RD-05")
#: The frequency cut-off of the family panel: these families' variants are stored up to 1%.
FAMILY_MAX_AF = 0.01


def family_label(case_id: str) -> str:
    """How the family menu names a family, e.g. "Tomasz (RD-02), a boy of 6"."""
    case = case_info(case_id)
    child = "a boy" if case["sex"] == "male" else "a girl"
    return f"{case['child']} ({case['case_id']}), {child} of {int(case['age_years'])}"


def family_sentence(result: object, case_id: str) -> str:
    """What the family panel says for one family and mode: true in every state.

    It names the child and the mode, then gives the funnel (with "try another inheritance
    mode" as its advice, since the panel has no frequency control). For a daughter and the
    X-linked recessive mode it says why nothing can fit.
    """
    from precisionmed.raredisease.variants import FunnelResult

    if not isinstance(result, FunnelResult):
        raise TypeError("family_sentence needs a FunnelResult.")
    case = case_info(case_id)
    head = f"{case['child']} ({case['case_id']}), testing {result.mode}: "
    if result.mode == "X-linked recessive" and case["sex"] != "male":
        head += (f"X-linked recessive disease in this lesson needs a son, and {case['child']} "
                 "is a girl, so no variant can fit this mode. ")
    return head + result.sentence(advice="Try another inheritance mode.")


def family_explorer(case_id: str = "RD-02", mode: str = "de novo") -> w.VBox:
    """Build the 'four more families' panel: pick a family and an inheritance mode.

    Controls: ``"family"`` (a menu of :data:`FAMILY_CASES`, each named by
    :func:`family_label`) and ``"mode"`` (all four inheritance modes; for a daughter the
    X-linked mode finds nothing, and the panel says why). The frequency cut-off is fixed at
    :data:`FAMILY_MAX_AF` (their variants are stored up to 1%). The figure shows the funnel,
    ``summary`` says it in words (:func:`family_sentence`) and ``table`` lists the variants
    left. ``result`` is the latest :class:`~precisionmed.raredisease.FunnelResult`. Nothing
    is displayed.
    """
    if case_id not in FAMILY_CASES:
        raise ValueError(f"case_id must be one of {', '.join(FAMILY_CASES)}; got {case_id!r:.20}.")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r:.40}.")
    controls = {
        "family": fit(w.Dropdown(options=[(family_label(c), c) for c in FAMILY_CASES],
                                 value=case_id, description="Family", style=LABEL_STYLE),
                      "420px"),
        "mode": fit(w.Dropdown(options=list(MODES), value=mode,
                               description="Inheritance to test", style=LABEL_STYLE), "420px"),
    }
    note = w.HTML(f"<span>Frequency cut-off: at most {_pct(FAMILY_MAX_AF)} (these families' "
                  "variants are stored up to that frequency).</span>")
    view = FigureView(figsize=(6.6, 3.9), axes_rects=FUNNEL_AXES)
    images: dict = {}  # each state's picture, drawn once (FigureView.show_state)
    summary, table = w.HTML(), w.HTML()
    box = w.VBox([controls["family"], controls["mode"], note, view.box, summary, table],
                 layout=w.Layout(max_width="100%"))

    def redraw() -> object:
        chosen = controls["family"].value
        result = case_funnel(chosen).run(FAMILY_MAX_AF, controls["mode"].value,
                                         case_terms(chosen))
        who = str(case_info(chosen)["child"])

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_funnel(ax, result)
            set_alt(fig, describe_funnel(result, who))

        view.show_state(images, (chosen, controls["mode"].value), draw)
        summary.value = f"<b>{html.escape(family_sentence(result, chosen))}</b>"
        table.value = finalists_html(result)
        return result

    return connect(box, controls, view, redraw, summary=summary, table=table)


def phenotype_explorer(highlight: str = "SCN1A",
                       start: tuple[str, ...] = ("HP:0001250",)) -> w.VBox:
    """Build the 'pick the child's features' panel: genes ranked by phenotype match.

    One checkbox per feature in :data:`PHENOTYPE_CHOICES` (``controls`` keyed by HPO id);
    the figure ranks the course's disease genes by :func:`rank_genes`, ``highlight`` in blue.
    ``result`` is the latest ranking table. Nothing is displayed.
    """
    onto = ontology()
    bad = [t for t in start if t not in PHENOTYPE_CHOICES]
    if bad:
        raise ValueError(f"start terms must be among {list(PHENOTYPE_CHOICES)}; got {bad}.")
    controls = {t: checkbox(f"{label} · IC {onto.ic(t):.1f}", t in start,
                            tooltip=f"{t} {onto.names[t]}")
                for t, label in PHENOTYPE_CHOICES.items()}
    view = FigureView(figsize=(6.4, 3.8), axes_rects=RANKING_AXES)
    images: dict = {}  # each state's picture, drawn once (FigureView.show_state)
    summary = w.HTML()
    box = w.VBox([w.HTML("<b>The child's features (HPO terms):</b>"),
                  row(*controls.values()), view.box, summary],
                 layout=w.Layout(max_width="100%"))

    def redraw() -> object:
        chosen = [t for t, c in controls.items() if c.value]
        ranking = rank_genes(chosen)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_ranking(ax, ranking if chosen else ranking.iloc[0:0], highlight)
            note = ax._pm_ranking.setdefault("note", ax.text(  # type: ignore[attr-defined]
                0.5, 0.5, "", ha="center", va="center", fontsize=13, transform=ax.transAxes,
                animated=True))
            note.set_text("" if chosen else "No features chosen: tick at least one box.")
            set_alt(fig, describe_ranking(ranking, highlight) if chosen else
                    "An empty bar chart with the message: no features chosen, so no gene "
                    "can be ranked.")

        view.show_state(images, tuple(chosen), draw)
        if not chosen:
            summary.value = "<b>No features chosen: every gene scores 0.</b>"
        else:
            summary.value = (f"<b>With {len(chosen)} feature{'s' * (len(chosen) != 1)}, "
                             f"{describe_standing(ranking, highlight)}.</b>")
        return ranking

    return connect(box, controls, view, redraw, summary=summary)


def points_explorer(start: tuple[str, ...] = ("PS2", "PM2_Supporting")) -> w.VBox:
    """Build the evidence panel: tick ACMG criteria, see both classifications.

    One checkbox per code in :data:`ACMG_CHOICES`; the figure places the points total on the
    Tavtigian scale; ``summary`` names the ACMG 2015 class and the points class. ``result``
    is the latest :class:`~precisionmed.raredisease.Classification`. Nothing is displayed.
    """
    bad = [c for c in start if c not in ACMG_CHOICES]
    if bad:
        raise ValueError(f"start codes must be among {list(ACMG_CHOICES)}; got {bad}.")
    both = [pair for pair in EXCLUSIVE_CODES if set(pair) <= set(start)]
    if both:
        raise ValueError(f"{' and '.join(both[0])} cannot both apply (opposite readings of "
                         "the same evidence); start with one of them.")
    controls = {code: checkbox(label, code in start, tooltip=ACMG_HOVER[code])
                for code, label in ACMG_CHOICES.items()}
    # Opposite readings of one piece of evidence: ticking one clears the other, so the panel
    # never holds both (registered before connect, so one redraw shows the cleared box).
    for first, second in EXCLUSIVE_CODES:
        for this, other in ((first, second), (second, first)):
            def clear(change: dict, other: str = other) -> None:
                if change["new"]:
                    controls[other].value = False
            controls[this].observe(clear, names="value")
    view = FigureView(figsize=(6.6, 2.6), axes_rects=POINTS_AXES)
    images: dict = {}  # each state's picture, drawn once (FigureView.show_state)
    summary = w.HTML()
    box = w.VBox([w.HTML("<b>Evidence for Lina's SCN1A variant (tick what applies):</b> "
                         "PP3 and BP4 read the same computer predictions in opposite ways, "
                         "so ticking one clears the other."),
                  row(*controls.values()), view.box, summary],
                 layout=w.Layout(max_width="100%"))

    def redraw() -> object:
        result = classify([c for c, box_ in controls.items() if box_.value])

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_points(ax, result)
            set_alt(fig, describe_points(result))

        view.show_state(images, tuple(result.criteria), draw)
        summary.value = f"<b>{html.escape(result.sentence())}</b>"
        return result

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("07 funnel_explorer: frequency cut-off", funnel_explorer, "max_af", list(AF_OPTIONS)),
    ("07 funnel_explorer: inheritance mode", funnel_explorer, "mode",
     ["de novo", "autosomal recessive", "compound heterozygous"]),
    ("07 family_explorer: family", family_explorer, "family", list(FAMILY_CASES)),
    ("07 family_explorer: inheritance mode", family_explorer, "mode", list(MODES)),
    ("07 phenotype_explorer: febrile seizure", phenotype_explorer, "HP:0002373",
     [True, False]),
    ("07 points_explorer: PP3", points_explorer, "PP3", [True, False]),
]
