"""Figures for lesson 07: the filter funnel, the gene ranking and the evidence points.

Each ``plot_*`` draws on a given ``Axes``; each ``describe_*`` returns the one-sentence
description (alt text) of exactly what is drawn. Colours: Okabe–Ito (colour-blind safe).
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes

from precisionmed.plots import OKABE_ITO
from precisionmed.raredisease.acmg import Classification
from precisionmed.raredisease.phenotype import describe_standing
from precisionmed.raredisease.variants import FunnelResult

#: Fixed axes rectangles (left, bottom, width, height in figure fractions) of the lesson's
#: panels at their sizes: what constrained layout chose, kept so no layout pass runs.
FUNNEL_AXES = ((0.404, 0.132, 0.585, 0.801),)    # figsize 6.6 × 3.9
RANKING_AXES = ((0.142, 0.135, 0.852, 0.796),)   # 6.4 × 3.8
POINTS_AXES = ((0.083, 0.198, 0.833, 0.695),)    # 6.6 × 2.6

_MODE_WORDS = {"de novo": "new in the child (de novo)",
               "autosomal recessive": "both copies changed, one from each parent",
               "compound heterozygous": "two changes in one gene, one from each parent",
               "X-linked recessive": "on a son's only X, from his mother"}


#: Steps as the funnel's bars name them (the settings appear beside the counts).
FUNNEL_LABELS: tuple[str, ...] = ("In the child's exome", "Pass quality checks",
                                  "Rare enough (frequency cut-off)", "Change the protein",
                                  "Fit the inheritance mode", "Gene matches the features")


def _af_text(max_af: float) -> str:
    return "0%" if max_af <= 0 else f"{max_af * 100:g}%"


def _fresh(ax: Axes) -> bool:
    """True for an axes nothing was drawn on or set yet (``clear`` would only rebuild it)."""
    return not (ax.lines or ax.patches or ax.texts or ax.collections or ax.images
                or ax.artists or ax.tables or ax.get_title() or ax.get_xlabel()
                or ax.get_ylabel()) and ax.get_autoscalex_on() and ax.get_autoscaley_on() \
        and ax.get_xscale() == ax.get_yscale() == "linear"


def funnel_labels(result: FunnelResult) -> list[str]:
    """What each bar says beside its count: the count and, where it applies, the setting."""
    if not isinstance(result, FunnelResult):
        raise TypeError(f"Expected a FunnelResult, got {type(result).__name__}.")
    notes = ["", "", f" (at most {_af_text(result.max_af)})", "", f" ({result.mode})", ""]
    return [f"{n:,}{note}" for n, note in zip(result.counts, notes, strict=True)]


def _position(count: int) -> float:
    return math.log10(count + 1)


def plot_funnel(ax: Axes, result: FunnelResult) -> None:
    """Horizontal bars, one per step, on a log scale, each labelled with its count.

    The axes are drawn once; later calls only change the bars and their labels (marked
    animated, so a figure panel can redraw just them).
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"Expected a matplotlib Axes, got {type(ax).__name__}.")
    texts = funnel_labels(result)
    widths = [_position(n) for n in result.counts]
    artists = getattr(ax, "_pm_funnel", None)
    if artists is None:
        if not _fresh(ax):
            ax.clear()
        y = list(range(len(FUNNEL_LABELS)))[::-1]
        colours = [OKABE_ITO["sky blue"]] * 4 + [OKABE_ITO["blue"], OKABE_ITO["vermillion"]]
        bars = ax.barh(y, widths, color=colours, edgecolor="black", linewidth=0.6)
        labels = [ax.text(0, yi, "", va="center", fontsize=11) for yi in y]
        ax.set_yticks(y, FUNNEL_LABELS)
        ticks = [1, 10, 100, 1000, 10000, 100000]
        ax.set_xticks([_position(t) for t in ticks], ["1", "10", "100", "1,000", "10,000",
                                                      "100,000"])
        ax.set_xlim(0, _position(250_000))
        ax.set_xlabel("Variants left (log scale: each tick is ×10)")
        ax.set_title("Filter funnel: an exome down to a handful")
        ax.grid(axis="y", visible=False)
        for artist in [*bars, *labels]:
            artist.set_animated(True)
        artists = {"bars": list(bars), "labels": labels}
        ax._pm_funnel = artists  # type: ignore[attr-defined]
    for bar, label, width, text in zip(artists["bars"], artists["labels"], widths, texts,
                                       strict=True):
        bar.set_width(width)
        label.set_position((width + 0.05, label.get_position()[1]))
        label.set_text(text)


def describe_funnel(result: FunnelResult, who: str = "the child") -> str:
    """Alt text of :func:`plot_funnel` for ``result``."""
    if not isinstance(who, str) or not who.strip():
        raise ValueError("who must name the child, e.g. 'Lina'.")
    notes = funnel_labels(result)
    parts = [f"{label.lower()}: {note}" for label, note in zip(FUNNEL_LABELS, notes,
                                                                 strict=True)]
    genes = sorted(set(result.finalists["gene"]))
    end = f" (in {', '.join(genes)})" if genes else ""
    return (f"Horizontal bar chart on a log scale of the filter funnel for {who}'s trio "
            f"exome, one bar per step — {'; '.join(parts)}{end}.")


#: Largest score the ranking axis shows (the panel's most specific term has IC 4.4).
RANKING_MAX = 5.5


def plot_ranking(ax: Axes, ranking: pd.DataFrame, highlight: str, top: int = 8) -> None:
    """Bars of the ``top`` genes' phenotype scores, best at the top; ``highlight`` in blue.

    The axes are drawn once; later calls change only the bars, gene names and scores.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"Expected a matplotlib Axes, got {type(ax).__name__}.")
    if not isinstance(ranking, pd.DataFrame) or not {"gene", "score", "rank"} <= set(ranking):
        raise ValueError("ranking must come from raredisease.rank_genes.")
    shown = ranking.head(top)
    artists = getattr(ax, "_pm_ranking", None)
    if artists is None or len(artists["bars"]) != top:
        if not _fresh(ax):
            ax.clear()
        y = list(range(top))[::-1]
        bars = ax.barh(y, [0] * top, color="#BBBBBB", edgecolor="black", linewidth=0.6)
        names = [ax.text(-0.02, yi, "", ha="right", va="center", fontsize=11,
                         transform=ax.get_yaxis_transform()) for yi in y]
        values = [ax.text(0, yi, "", va="center", fontsize=11) for yi in y]
        ax.set_yticks([])
        ax.set_xlim(0, RANKING_MAX)
        ax.set_xlabel("Match score (mean information content)")
        ax.set_title(f"Genes ranked by phenotype match ({highlight} in blue)")
        ax.grid(axis="y", visible=False)
        for artist in [*bars, *names, *values]:
            artist.set_animated(True)
        artists = {"bars": list(bars), "names": names, "values": values}
        ax._pm_ranking = artists  # type: ignore[attr-defined]
    rows = list(zip(shown["rank"], shown["gene"], shown["score"], strict=True))
    for i, (bar, name, value) in enumerate(zip(artists["bars"], artists["names"],
                                               artists["values"], strict=True)):
        if i < len(rows):
            rank, gene, score = rows[i]
            bar.set_width(min(float(score), RANKING_MAX))
            bar.set_facecolor(OKABE_ITO["blue"] if gene == highlight else "#BBBBBB")
            name.set_text(f"{rank}. {gene}")
            value.set_text(f"{score:.2f}")
            value.set_position((min(float(score), RANKING_MAX) + 0.05, bar.get_y() + 0.4))
        else:
            bar.set_width(0)
            name.set_text("")
            value.set_text("")


def describe_ranking(ranking: pd.DataFrame, highlight: str, top: int = 8) -> str:
    """Alt text of :func:`plot_ranking`."""
    if not isinstance(ranking, pd.DataFrame) or ranking.empty:
        raise ValueError("ranking must be a non-empty table from raredisease.rank_genes.")
    missing = {"gene", "rank", "score"} - set(ranking.columns)
    if missing:
        raise ValueError("ranking must be a table from raredisease.rank_genes; it lacks "
                         f"the column(s) {', '.join(sorted(missing))}.")
    if not isinstance(highlight, str):
        raise TypeError(f"highlight must be a gene name, got {highlight!r}.")
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number of at least 1, got {top!r}.")
    shown = ranking.head(top)
    row = ranking[ranking["gene"] == highlight]
    where = (describe_standing(ranking, highlight) if not row.empty else
             f"{highlight} is not in the ranking")
    listed = ", ".join(f"{g} {s:.2f}" for g, s in zip(shown["gene"], shown["score"],
                                                        strict=True))
    return f"Bar chart of the top {len(shown)} genes by phenotype match score ({listed}); {where}."


def plot_points(ax: Axes, result: Classification) -> None:
    """One bar of the evidence points on the Tavtigian scale, with the class bands behind.

    The bands are drawn once; later calls change only the bar, its end mark and the title.
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"Expected a matplotlib Axes, got {type(ax).__name__}.")
    if not isinstance(result, Classification):
        raise TypeError(f"Expected a Classification, got {type(result).__name__}.")
    artists = getattr(ax, "_pm_points", None)
    if artists is None:
        if not _fresh(ax):
            ax.clear()
        bands = [(-16, -6.5, "Benign", OKABE_ITO["bluish green"]),
                 (-6.5, -0.5, "Likely\nbenign", "#A6DBC9"),
                 (-0.5, 5.5, "Uncertain", "#DDDDDD"),
                 (5.5, 9.5, "Likely\npathogenic", "#F5C99B"),
                 (9.5, 20, "Pathogenic", OKABE_ITO["orange"])]
        for lo, hi, name, colour in bands:
            ax.axvspan(lo, hi, color=colour, alpha=0.6, lw=0)
            ax.text((max(lo, -12) + min(hi, 16)) / 2, 0.85, name, ha="center", va="center",
                    fontsize=9, linespacing=1.0, transform=ax.get_xaxis_transform())
        bar = ax.barh([0], [0], height=0.35, color=OKABE_ITO["blue"], edgecolor="black")[0]
        (mark,) = ax.plot([0], [0], "o", color="black")
        title = ax.text(0.5, 1.04, "", ha="center", va="bottom", fontsize=12,
                        transform=ax.transAxes)
        ax.set_xlim(-12, 16)
        ax.set_ylim(-0.6, 1.0)
        ax.set_yticks([])
        ax.set_xlabel("Evidence points: supporting 1, moderate 2, strong 4, "
                      "very strong 8")
        ax.grid(False)
        for artist in (bar, mark, title):
            artist.set_animated(True)
        artists = {"bar": bar, "mark": mark, "title": title}
        ax._pm_points = artists  # type: ignore[attr-defined]
    points = max(-11.5, min(15.5, result.points))
    artists["bar"].set_width(points)
    artists["mark"].set_data([points], [0])
    artists["title"].set_text(f"Points {result.points:+d}: {result.points_class}; "
                              f"ACMG 2015 rules: {result.acmg}")


def describe_points(result: Classification) -> str:
    """Alt text of :func:`plot_points`."""
    if not isinstance(result, Classification):
        raise TypeError(f"Expected a Classification, got {type(result).__name__}.")
    codes = ", ".join(result.criteria) or "no criteria"
    return (f"A bar on the evidence-points scale at {result.points:+d} points ({codes}), in the "
            f"'{result.points_class}' band; the ACMG 2015 rules give {result.acmg}.")
