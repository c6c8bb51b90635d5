"""Lesson 09 figures: each plot function draws on given Axes and has a one-sentence describer.

Colours are Okabe–Ito (:data:`precisionmed.plots.OKABE_ITO`); every figure carries alt text.
Panel figures mark the artists that change with ``set_animated(True)`` so
:class:`precisionmed.widgets.FigureView` can redraw them over a cached background.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import NullLocator

from precisionmed import privacy as pv
from precisionmed.plots import OKABE_ITO

BLUE, ORANGE, GREEN = OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish green"]
VERMILLION, GREY = OKABE_ITO["vermillion"], "#555555"
#: Demographic clue levels of the crowd panel, in the order they are added.
CLUE_LEVELS = ("nothing", "ZIP code", "ZIP code + sex", "ZIP code + sex + birth year",
               "ZIP code + sex + full birth date")


def _axes(ax: object) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError(f"Expected matplotlib Axes (from plots.new_figure), "
                        f"got {type(ax).__name__}.")
    return ax


def pct(share: float) -> str:
    """A share as a whole percentage, never rounded up to 100% (``">99%"``) or down to 0%."""
    if 0.995 <= share < 1:
        return ">99%"
    if 0 < share < 0.005:
        return "<1%"
    return f"{100 * share:.0f}%"


def snps(n: int) -> str:
    """``"1 SNP"`` or ``"5 SNPs"``."""
    return "1 SNP" if n == 1 else f"{n} SNPs"


def count(x: float) -> str:
    """A cousin count without a needless ``.0``: ``7.5``, ``12``, ``1,170``."""
    text = f"{x:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def people(n: int) -> str:
    """``"1 person"`` or ``"1,234 people"``."""
    return "1 person" if n == 1 else f"{n:,} people"


# --- the shrinking crowd ----------------------------------------------------------------------

@dataclass(frozen=True)
class CrowdView:
    """One state of the crowd panel: who still matches the target after the clues."""

    clues: int               # demographic clue level (index into CLUE_LEVELS)
    maf: float               # minor allele frequency of the SNPs added
    n_snps: int              # SNPs known
    counts: tuple[int, ...]  # people matching (target included) after 0…30 SNPs
    town_size: int

    @property
    def matching(self) -> int:
        """People (the target included) who match every clue now known."""
        return self.counts[self.n_snps]

    @property
    def expected(self) -> float:
        """Expected matches by the formula: 1 + (start − 1) × match probabilityⁿ."""
        start = self.counts[0]
        return 1 + (start - 1) * pv.genotype_match_probability(self.maf) ** self.n_snps

    @property
    def first_unique(self) -> int | None:
        """Fewest SNPs (with these demographic clues) that leave only the target, if any."""
        for n, count in enumerate(self.counts):
            if count == 1:
                return n
        return None

    def sentence(self) -> str:
        """What the panel shows, in one true sentence."""
        known = CLUE_LEVELS[self.clues]
        dna = f"{snps(self.n_snps)} with minor allele frequency {self.maf:.0%}"
        verb = "matches" if self.matching == 1 else "match"
        head = (f"Knowing {'no demographics' if self.clues == 0 else 'the ' + known} and "
                f"{dna}: {people(self.matching)} of the town's {self.town_size:,} {verb} the "
                "target")
        if self.matching == 1:
            head += " (only the target is left)"
        # Whole people from 10 up; one decimal below, where the fraction still says something.
        expected = f"{self.expected:,.0f}" if self.expected >= 9.95 else f"{self.expected:.1f}"
        return f"{head}. The formula expects about {expected} (the target included)."


def _crowd(view: object) -> CrowdView:
    if not isinstance(view, CrowdView):
        raise TypeError("Expected a CrowdView (from the crowd panel).")
    return view


def plot_crowd(ax: Axes, view: CrowdView) -> None:
    """Step line of people still matching the target as SNPs are added (log scale).

    Draws the frame once; later calls only move the animated artists.
    """
    _axes(ax)
    _crowd(view)
    x = np.arange(len(view.counts))
    match = pv.genotype_match_probability(view.maf)
    expected = 1 + (view.counts[0] - 1) * match ** x
    state = getattr(ax, "_pm_crowd", None)
    if state is None:
        ax.set_yscale("log")
        ax.set_xlim(-0.5, len(view.counts) - 0.5)
        ax.set_ylim(0.7, view.town_size * 1.6)
        # few fixed ticks (no minor ones): the log axis's dozens of minor ticks made the
        # first layout slow
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_yticks([1, 10, 100, 1000], ["1", "10", "100", "1,000"])
        ax.set_xticks(range(0, len(view.counts), 5))
        ax.axhline(1, color=GREY, lw=1, ls=":")
        ax.text(len(view.counts) - 1, 1.12, "only the target", ha="right", va="bottom",
                fontsize=10, color=GREY)
        ax.set_xlabel("SNPs known (each one: genotype 0, 1 or 2)")
        ax.set_ylabel("people who match")
        ax.set_title("The shrinking crowd (simulated town)")
        line, = ax.step(x, view.counts, where="mid", color=BLUE, lw=2.2, animated=True,
                        label="simulated town")
        formula, = ax.plot(x, expected, color=ORANGE, lw=1.8, ls="--", animated=True,
                           label="formula")
        dot, = ax.plot([view.n_snps], [view.matching], "o", ms=10, color=VERMILLION,
                       animated=True)
        ax.legend(handles=[line, formula], loc="upper right", bbox_to_anchor=(1.0, 0.66),
                  fontsize=10)
        note = ax.text(0.35, 0.93, "", transform=ax.transAxes, fontsize=10, va="top",
                       animated=True)
        state = {"line": line, "formula": formula, "dot": dot, "note": note}
        ax._pm_crowd = state  # type: ignore[attr-defined]
    state["line"].set_data(x, view.counts)
    state["formula"].set_data(x, expected)
    state["dot"].set_data([view.n_snps], [view.matching])
    state["note"].set_text(f"SNPs at {view.maf:.0%}: each keeps {match:.3f} of the crowd\n"
                           f"{snps(view.n_snps)} known: {people(view.matching)}")


def describe_crowd(view: CrowdView) -> str:
    """One-sentence alt text for :func:`plot_crowd`."""
    _crowd(view)
    unique = view.first_unique
    end = (f"the crowd falls to the target alone at {unique} SNPs" if unique is not None
           else "the crowd never falls to the target alone within 30 SNPs")
    return (f"Step chart, log scale: people in the simulated town who match the target, "
            f"starting from {people(view.counts[0])} with {CLUE_LEVELS[view.clues]} known; "
            f"adding SNPs of frequency {view.maf:.0%}, {end}; the marked point is "
            f"{snps(view.n_snps)}, {people(view.matching)}.")


# --- family reach ----------------------------------------------------------------------------

DEGREE_LABELS = ("1st cousin", "2nd or\ncloser", "3rd or\ncloser", "4th or\ncloser")


def _reach(reach: object) -> pv.FamilyReach:
    if not isinstance(reach, pv.FamilyReach) or len(reach.cousins) != len(DEGREE_LABELS):
        raise TypeError("Expected privacy.family_reach(children, coverage) with 4 degrees.")
    return reach


def plot_reach(ax: Axes, reach: pv.FamilyReach, measured: float = 60.0) -> None:
    """Bars: chance a database holds a cousin of each degree or closer, with Erlich's 60%."""
    _axes(ax)
    _reach(reach)
    heights = [100 * p for p in reach.chance_up_to]
    state = getattr(ax, "_pm_reach", None)
    if state is None:
        x = np.arange(len(DEGREE_LABELS))
        bars = ax.bar(x, heights, color=[BLUE, BLUE, GREEN, BLUE], width=0.62)
        for bar in bars:
            bar.set_animated(True)
        ax.set_xticks(x, DEGREE_LABELS)
        ax.set_ylim(0, 128)
        ax.set_yticks([0, 20, 40, 60, 80, 100])
        ax.set_ylabel("chance the database\nholds one (%)")
        ax.axhline(measured, color=VERMILLION, lw=1.6, ls="--")
        ax.set_xlabel(f"dashed line: about {measured:.0f}% measured for a third cousin or "
                      "closer (Erlich 2018)", color=VERMILLION, fontsize=10)
        ax.set_title("Does a DNA database hold one of your cousins?")
        labels = [ax.text(b.get_x() + b.get_width() / 2, 0, "", ha="center", va="bottom",
                          fontsize=10, animated=True) for b in bars]
        state = {"bars": bars, "labels": labels}
        ax._pm_reach = state  # type: ignore[attr-defined]
    running = np.cumsum(reach.cousins)
    for bar, label, h, m in zip(state["bars"], state["labels"], heights, running, strict=True):
        bar.set_height(h)
        label.set_position((bar.get_x() + bar.get_width() / 2, h + 1.5))
        text = pct(h / 100)
        label.set_text(f"{text}\n{count(m if m < 10 else round(m))} cousins")


def describe_reach(reach: pv.FamilyReach) -> str:
    """One-sentence alt text for :func:`plot_reach`."""
    _reach(reach)
    parts = ", ".join(f"{label.replace(chr(10), ' ')} {pct(p)}"
                      for label, p in zip(DEGREE_LABELS, reach.chance_up_to, strict=True))
    return (f"Bar chart: with {reach.children_per_couple:g} children per couple and a database "
            f"holding {reach.coverage:.2%} of the population, the chance it holds a cousin "
            f"is: {parts}; a dashed line marks the measured 60%.")


def summarise_reach(reach: pv.FamilyReach) -> str:
    """The panel's sentence under the figure (HTML)."""
    _reach(reach)
    c1, c2, c3, _ = reach.cousins
    return (f"<b>With {reach.children_per_couple:g} children per couple you have about "
            f"{count(c1)} first, {count(c2)} second and {count(c3)} third cousins. If the database "
            f"holds {reach.coverage:.2%} of the population, the chance it holds at least one "
            f"third cousin or closer is {pct(reach.third_or_closer)}.</b> "
            "<i>A simple count: it assumes every cousin is alive, equally likely to be tested "
            "and found by DNA. Erlich and others measured about 60% in a database of 1.28 "
            "million people, for US searches of European descent.</i>")


# --- the beacon ------------------------------------------------------------------------------

def plot_beacon(ax: Axes, member: np.ndarray, outsider: np.ndarray, threshold: float) -> None:
    """Running log-likelihood ratio for a beacon member and an outsider, query by query."""
    _axes(ax)
    try:
        a, b = np.asarray(member, dtype=float), np.asarray(outsider, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("member and outsider must be lists of numbers.") from exc
    if a.ndim != 1 or b.ndim != 1 or not len(a) or not len(b):
        raise ValueError("member and outsider must be non-empty lists of numbers.")
    ax.plot(np.arange(1, len(a) + 1), a, color=BLUE, lw=2, label="a member of the beacon")
    ax.plot(np.arange(1, len(b) + 1), b, color=ORANGE, lw=2, ls="--", label="an outsider")
    ax.axhline(threshold, color=GREY, lw=1, ls=":")
    ax.axhline(-threshold, color=GREY, lw=1, ls=":")
    ax.axhline(0, color="#000000", lw=0.8)
    ax.text(1, threshold + 1.5, "odds 1,000 to 1: in", fontsize=10, color=GREY, va="bottom")
    ax.text(1, -threshold - 1.5, "odds 1,000 to 1: not in", fontsize=10, color=GREY, va="top")
    ax.set_xlabel("yes/no questions asked about the person's rare alleles")
    ax.set_ylabel("evidence: in the beacon\n(log-likelihood ratio)")
    ax.set_title("A yes/no beacon gives its members away (toy)")
    ax.legend(loc="center right", fontsize=10)


def describe_beacon(member: np.ndarray, outsider: np.ndarray, threshold: float) -> str:
    """One-sentence alt text for :func:`plot_beacon`."""
    a, b = np.asarray(member, dtype=float), np.asarray(outsider, dtype=float)
    if a.ndim != 1 or b.ndim != 1 or not len(a) or not len(b):
        raise ValueError("member and outsider must be non-empty lists of numbers.")
    up = int(np.argmax(a > threshold)) + 1 if (a > threshold).any() else None
    down = int(np.argmax(b < -threshold)) + 1 if (b < -threshold).any() else None
    return ("Line chart of the evidence for membership as questions are asked: the member's "
            f"line rises past the upper dotted line after {up} questions and the outsider's "
            f"falls past the lower one after {down}.")
