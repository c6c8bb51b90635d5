"""Lesson 06: panel figures with describers (alt text), and the static messages as tables.

Each panel's plot function draws on given Axes.

Colours are Okabe–Ito (:data:`precisionmed.plots.OKABE_ITO`); every figure carries alt text.
Panel figures mark the artists that change with ``set_animated(True)`` so
:class:`precisionmed.widgets.FigureView` can redraw them over a cached background.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from precisionmed import immunotherapy as im
from precisionmed.plots import OKABE_ITO

BLUE, ORANGE, GREEN = OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish green"]
VERMILLION, SKY, GREY = OKABE_ITO["vermillion"], OKABE_ITO["sky blue"], "#555555"


def _axes(ax: object) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError(f"Expected matplotlib Axes (from plots.new_figure), "
                        f"got {type(ax).__name__}.")
    return ax


#: Fixed axes rectangles (left, bottom, width, height in figure fractions) for the lesson's
#: figures at their lesson sizes: what constrained layout chose, kept so no layout pass runs
#: (it was the slowest step of each chart). Panels pass theirs to ``FigureView``.
PEPTIDE_AXES = ((0.295, 0.122, 0.70, 0.818),)     # 6.6 × 4.2, room for 11-letter labels
CUTOFF_AXES = ((0.123, 0.135, 0.471, 0.799), (0.70, 0.135, 0.294, 0.799))  # 8.0 × 3.8
NOISE_AXES = ((0.10, 0.151, 0.89, 0.775),)        # 6.6 × 3.4


def _figure(fig: object) -> Figure:
    if not isinstance(fig, Figure):
        raise TypeError(f"Expected a matplotlib Figure, got {type(fig).__name__}.")
    return fig


def _shares(shares: object) -> dict[str, tuple[float, float]]:
    ok = isinstance(shares, dict) and shares and all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 2
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
                for x in v) for k, v in shares.items())
    if not ok:
        raise ValueError("shares must map a year (text) to (eligible %, responding %), as "
                         "immunotherapy.haslam_shares() returns.")
    return shares  # type: ignore[return-value]


def _rows(rows: object) -> list[tuple[str, float]]:
    ok = isinstance(rows, list) and rows and all(
        isinstance(r, tuple) and len(r) == 2 and isinstance(r[0], str)
        and isinstance(r[1], (int, float)) and not isinstance(r[1], bool) and math.isfinite(r[1])
        for r in rows)
    if not ok:
        raise ValueError("rows must be a list of (label, percent) pairs, as "
                         "immunotherapy.side_effect_rows() returns.")
    return rows  # type: ignore[return-value]


def _counts(share: object, counts: object) -> tuple[float, list[int]]:
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
        raise ValueError("share must be a number between 0 and 1.")
    if isinstance(counts, (str, bytes)) or not isinstance(counts, Sequence) or not counts \
            or not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 10_000
                       for c in counts):
        raise ValueError("counts must be a non-empty list of whole numbers of mutations.")
    return float(share), list(counts)


def _peptides(peptides: object, scores: object, change: object = "x") -> None:
    if not isinstance(peptides, Sequence) or not peptides or len(peptides) > 30 \
            or not all(isinstance(p, im.Peptide) for p in peptides):
        raise ValueError("peptides must be a non-empty list from immunotherapy.peptide_windows.")
    if not isinstance(scores, Sequence) or len(scores) != len(peptides) or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) for x in scores):
        raise ValueError("scores must be one number per peptide.")
    if not isinstance(change, str):
        raise ValueError("change must be text such as 'KRAS G12C'.")


def _strip(tmb_values: object, responded: object) -> tuple[np.ndarray, np.ndarray]:
    try:
        values = np.asarray(tmb_values, dtype=float)
        flags = np.asarray(responded, dtype=bool)
    except (TypeError, ValueError) as exc:
        raise ValueError("tmb_values must be numbers and responded True/False values.") from exc
    if values.ndim != 1 or values.shape != flags.shape or not len(values):
        raise ValueError("tmb_values and responded must be two lists of the same length.")
    return values, flags


def _cutoff(result: object) -> im.CutoffResult:
    if not isinstance(result, im.CutoffResult):
        raise TypeError("Expected the result of immunotherapy.cutoff_metrics(...).")
    return result


def _noise(noise: object) -> im.TmbNoise:
    if not isinstance(noise, im.TmbNoise):
        raise TypeError("Expected the result of immunotherapy.tmb_noise(...).")
    return noise


def pct(value: float) -> str:
    """A share (0–1) as a whole percentage, e.g. ``"28%"``."""
    return f"{100 * value:.0f}%"


# --- static messages as tables (what the lesson shows: cheaper than a chart) ----------------

def visible_chance_table(share: float, counts: Sequence[int]) -> pd.DataFrame:
    """The toy chance of at least one toy-visible peptide for each number of mutations.

    One row per entry of ``counts``: ``mutations`` (that change a protein) and ``chance of ≥ 1
    toy-visible peptide`` (a whole percentage, as text; "more than 99%" rather than a rounded
    "100%").
    """
    share, counts = _counts(share, counts)
    return pd.DataFrame({
        "mutations": counts,
        "chance of ≥ 1 toy-visible peptide": [
            _chance_text(im.chance_any_visible(int(k), share)) for k in counts]})


def _chance_text(chance: float) -> str:
    """A chance as a whole percentage, but never "100%" for a chance just below one."""
    return "more than 99%" if 0.995 <= chance < 1 else pct(chance)


def eligible_vs_responding_table(shares: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """US patients with cancer eligible for, and estimated to respond to, a checkpoint inhibitor.

    One row per year of ``shares`` (as :func:`~precisionmed.immunotherapy.haslam_shares`
    returns), with both percentages and the share of eligible patients who respond.
    """
    _shares(shares)
    return pd.DataFrame({
        "year": list(shares),
        "eligible": [f"{e:.1f}%" for e, _ in shares.values()],
        "estimated to respond": [f"{r:.1f}%" for _, r in shares.values()],
        "of the eligible, respond": [f"{100 * r / e:.0f}%" if e > 0 else "–"
                                              for e, r in shares.values()]})


def side_effects_table(rows: list[tuple[str, float]]) -> pd.DataFrame:
    """Serious (grade 3 or worse) side-effect rates, one row per treatment and trial.

    ``rows`` as :func:`~precisionmed.immunotherapy.side_effect_rows` returns; the label's
    trial in brackets becomes its own column.
    """
    _rows(rows)
    treatments, trials = [], []
    for label, _ in rows:
        name, _, trial = label.partition(" (")
        treatments.append(name)
        trials.append(trial.rstrip(")") or "")
    return pd.DataFrame({"treatment": treatments, "trial": trials,
                         "grade 3 or worse":
                         [f"{v:.0f}%" for _, v in rows]})


# --- peptide panel ------------------------------------------------------------------------------

def plot_peptides(ax: Axes, peptides: Sequence[im.Peptide], scores: Sequence[float],
                  change: str) -> None:
    """Horizontal bars of the toy score of each peptide window; changed letter in brackets.

    The first call builds room for the longest case (11 windows); later calls only change
    bar lengths, labels and the title, so a panel can redraw them over a cached background.
    """
    _axes(ax)
    _peptides(peptides, scores, change)
    rows = max(im.PEPTIDE_LENGTHS)
    state = getattr(ax, "_pm_peptides", None)
    if state is None:
        y = np.arange(rows)[::-1]
        bars = ax.barh(y, np.zeros(rows), color=SKY, edgecolor="black", height=0.7)
        labels = [ax.text(-0.02, yi, "", ha="right", va="center", fontfamily="monospace",
                          fontsize=10, transform=ax.get_yaxis_transform(), animated=True)
                  for yi in y]
        for bar in bars:
            bar.set_animated(True)
        ax.axvline(im.TOY_VISIBLE, color=VERMILLION, ls="--", lw=1.5)
        ax.text(im.TOY_VISIBLE, rows - 0.4, " toy threshold", color=VERMILLION, fontsize=10,
                va="bottom")
        ax.set_xlim(0, 1.05)
        ax.set_ylim(-0.6, rows)
        # no y ticks: the peptide labels are the row names, and the fixed axes rectangle
        # (PEPTIDE_AXES) leaves room for the longest of them on the left
        ax.set_yticks([])
        ax.set_xlabel("Toy score, not a real predictor (dark bars pass)")
        ax.grid(axis="y", visible=False)
        title = ax.set_title(" ", fontsize=12)
        title.set_animated(True)
        state = {"bars": bars, "labels": labels, "title": title}
        ax._pm_peptides = state  # type: ignore[attr-defined]
    for i in range(rows):
        bar, label = state["bars"][i], state["labels"][i]
        if i < len(peptides):
            p, score = peptides[i], scores[i]
            shown = score >= im.TOY_VISIBLE
            bar.set_width(score)
            bar.set_facecolor(BLUE if shown else SKY)
            bar.set_hatch("" if shown else "..")
            label.set_text(f"{p.start:>2}–{p.end:<2} {p.sequence[:p.offset - 1]}"
                           f"[{p.sequence[p.offset - 1]}]{p.sequence[p.offset:]}")
            for artist in (bar, label):
                artist.set_visible(True)
        else:
            for artist in (bar, label):
                artist.set_visible(False)
    state["title"].set_text(f"{change}: {len(peptides)} peptides of "
                            f"{len(peptides[0].sequence)} letters")


def describe_peptides(peptides: Sequence[im.Peptide], scores: Sequence[float],
                      change: str) -> str:
    """One-sentence description of :func:`plot_peptides`."""
    _peptides(peptides, scores, change)
    visible = sum(1 for s in scores if s >= im.TOY_VISIBLE)
    best = max(range(len(scores)), key=lambda i: scores[i])
    return (f"Bar chart of the toy score (not a real predictor) of the {len(peptides)} "
            f"{len(peptides[0].sequence)}-letter peptides of {change}; {visible} "
            f"reach{'es' * (visible == 1)} the toy threshold of {im.TOY_VISIBLE}; the highest is "
            f"{peptides[best].sequence} ({scores[best]:.2f}).")


# --- cut-off panel ------------------------------------------------------------------------------

def _jitter(n: int) -> np.ndarray:
    """Deterministic vertical spread for a strip plot (golden-ratio sequence)."""
    return ((np.arange(n) * 0.6180339887) % 1.0 - 0.5) * 0.6


def plot_cutoff(fig: Figure, tmb_values: np.ndarray, responded: np.ndarray,
                result: im.CutoffResult) -> None:
    """Left: each patient's TMB by response with the cut-off line; right: the four shares.

    First call builds the artists; later calls move the line, the shaded area and the bars.
    """
    _figure(fig)
    _cutoff(result)
    tmb_values, responded = _strip(tmb_values, responded)
    state = getattr(fig, "_pm_cutoff", None)
    x_max = 200.0
    if state is None:
        left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.6, 1]})
        shown = np.clip(tmb_values, 0.5, x_max) + 0.0
        y = np.where(responded, 1.0, 0.0) + _jitter(len(tmb_values))
        left.scatter(shown[~responded], y[~responded], s=12, color=GREY, alpha=0.55,
                     marker="o", label="did not respond")
        left.scatter(shown[responded], y[responded], s=26, color=ORANGE, edgecolor="black",
                     linewidth=0.5, marker="D", label="responded")
        left.set_xscale("log")
        left.minorticks_off()  # the labelled major ticks are enough; log minor ticks are slow
        left.set_xlim(0.5, x_max)
        left.set_xticks([1, 2, 5, 10, 20, 50, 100, 200], ["1", "2", "5", "10", "20", "50",
                                                          "100", "200"])
        left.set_yticks([0, 1], ["did not\nrespond", "responded"])
        left.set_ylim(-0.6, 1.9)
        left.set_xlabel("Measured TMB (mutations per megabase, log scale)")
        left.set_title("Each dot is one patient", fontsize=12)
        span = left.axvspan(result.cutoff, x_max, color=SKY, alpha=0.25, animated=True)
        line = left.axvline(result.cutoff, color=BLUE, lw=2.5, animated=True)
        label = left.text(result.cutoff, 1.75, "", color=BLUE, fontsize=11, ha="left",
                          animated=True)
        names = ["share\ntreated", "sensi-\ntivity", "speci-\nficity", "respond\nif treated"]
        bars = right.bar(range(4), [0, 0, 0, 0], color=[SKY, ORANGE, GREY, BLUE],
                         edgecolor="black")
        for bar in bars:
            bar.set_animated(True)
        texts = [right.text(i, 0, "", ha="center", va="bottom", animated=True)
                 for i in range(4)]
        right.set_xticks(range(4), names, fontsize=10)
        right.set_ylim(0, 110)
        right.set_ylabel("Percent")
        right.set_title("At this cut-off", fontsize=12)
        right.grid(axis="x", visible=False)
        state = {"span": span, "line": line, "label": label, "bars": bars, "texts": texts}
        fig._pm_cutoff = state  # type: ignore[attr-defined]
    state["line"].set_xdata([result.cutoff, result.cutoff])
    span = state["span"]
    span.set_x(result.cutoff)
    span.set_width(x_max - result.cutoff)
    state["label"].set_position((result.cutoff * 1.05, 1.72))
    state["label"].set_text(f"treat if TMB ≥ {result.cutoff:g}")
    values = [result.share_treated, result.sensitivity, result.specificity,
              result.response_rate_treated]
    for bar, text, value, i in zip(state["bars"], state["texts"], values, range(4),
                                   strict=True):
        height = 0.0 if math.isnan(value) else 100 * value
        bar.set_height(height)
        text.set_position((i, height + 1.5))
        text.set_text("none" if math.isnan(value) else f"{height:.0f}%")


def describe_cutoff(result: im.CutoffResult) -> str:
    """One-sentence description of :func:`plot_cutoff` (true for every cut-off)."""
    _cutoff(result)
    rate = result.response_rate_treated
    treated = (f"{result.treated} of {result.patients} patients ({pct(result.share_treated)}) "
               f"have TMB ≥ {result.cutoff:g} and would be treated")
    respond = ("nobody would be treated" if math.isnan(rate) else
               f"{pct(rate)} of them respond")
    return (f"Strip chart of {result.patients} simulated trial patients' TMB by response, with "
            f"a cut-off line at {result.cutoff:g} mut/Mb: {treated}; {respond}; bars show "
            f"sensitivity {pct(result.sensitivity)} and specificity "
            f"{pct(result.specificity)}.")


def summarise_cutoff(result: im.CutoffResult) -> str:
    """The sentences under the cut-off panel, worded for every case (HTML)."""
    _cutoff(result)
    rate = result.response_rate_treated
    parts = [f"<b>Cut-off {result.cutoff:g} mut/Mb:</b> {result.treated} of {result.patients} "
             f"patients ({pct(result.share_treated)}) would be treated."]
    if result.treated == 0:
        parts.append(f"Nobody would be treated, so all {result.responders} responders would "
                     "miss the drug.")
    else:
        non = result.treated - result.responders_treated
        parts.append(f"Of those treated, {result.responders_treated} respond ({pct(rate)}) and "
                     f"{non} do not ({pct(1 - rate)}).")
        if result.missed_responders == 0:
            parts.append("No responder is left out.")
        else:
            parts.append(f"{result.missed_responders} of the {result.responders} responders "
                         "have a lower TMB and would not be offered the drug.")
    parts.append(f"Sensitivity {pct(result.sensitivity)} (responders above the cut-off); "
                 f"specificity {pct(result.specificity)} (non-responders below it).")
    return " ".join(parts)


# --- TMB noise panel -----------------------------------------------------------------------------

NOISE_X_MAX = 60


def noise_bins(noise: im.TmbNoise) -> np.ndarray:
    """Chance that a test reads each whole TMB 0…60 mut/Mb (measured value rounded)."""
    _noise(noise)
    bins = np.rint(noise.values).astype(int)
    keep = bins <= NOISE_X_MAX
    return np.bincount(bins[keep], weights=noise.probabilities[keep],
                       minlength=NOISE_X_MAX + 1)[: NOISE_X_MAX + 1]


def plot_noise(fig: Figure, noise: im.TmbNoise) -> None:
    """The spread of measured TMB for one true TMB and panel size, with the cut-off.

    Bars: the chance a test reads each whole TMB; dark bars are the central 95% of tests.
    Built once (two step outlines, dark and light, so an update redraws two artists); later
    calls change their heights, the true-TMB line and the title.
    """
    _figure(fig)
    _noise(noise)
    state = getattr(fig, "_pm_noise", None)
    edges = np.arange(NOISE_X_MAX + 2) - 0.5
    if state is None:
        ax = fig.add_subplot()
        zeros = np.zeros(NOISE_X_MAX + 1)
        light = ax.stairs(zeros, edges, fill=True, color=SKY, animated=True)
        dark = ax.stairs(zeros, edges, fill=True, color=BLUE, animated=True)
        ax.axvline(noise.cutoff, color=VERMILLION, ls="--", lw=2)
        ax.text(noise.cutoff + 0.5, 96, f"cut-off {noise.cutoff:g}", color=VERMILLION,
                fontsize=10, va="top")
        true_line = ax.axvline(noise.true_tmb, color="black", lw=1.5, animated=True)
        true_text = ax.text(noise.true_tmb, 88, "", fontsize=10, va="top", animated=True)
        ax.set_xlim(-1, NOISE_X_MAX + 1)
        ax.set_ylim(0, 100)
        ax.set_xlabel("Measured TMB (mutations per megabase, rounded)")
        ax.set_ylabel("Share of tests (%)")
        ax.grid(axis="x", visible=False)
        title = ax.set_title(" ", fontsize=12)
        title.set_animated(True)
        state = {"light": light, "dark": dark, "true_line": true_line, "true_text": true_text,
                 "title": title}
        fig._pm_noise = state  # type: ignore[attr-defined]
    chance = 100 * noise_bins(noise)
    x = np.arange(NOISE_X_MAX + 1)
    inside = (x >= noise.low - 0.5) & (x <= noise.high + 0.5)
    state["light"].set_data(np.where(inside, 0.0, chance), edges)
    state["dark"].set_data(np.where(inside, chance, 0.0), edges)
    state["true_line"].set_xdata([noise.true_tmb, noise.true_tmb])
    text = state["true_text"]
    text.set_position((noise.true_tmb + 0.5, 88))
    text.set_text(f"true TMB {noise.true_tmb:g}")
    state["title"].set_text(f"Panel of {noise.panel_mb:g} Mb: 95% of tests read "
                            f"{noise.low:.1f}–{noise.high:.1f} mut/Mb (dark bars)")


def describe_noise(noise: im.TmbNoise) -> str:
    """One-sentence description of :func:`plot_noise`."""
    _noise(noise)
    return (f"Bar chart of the measured TMB a {noise.panel_mb:g}-megabase panel gives for a "
            f"tumour whose true TMB is {noise.true_tmb:g} mut/Mb: 95% of tests read "
            f"{noise.low:.1f} to {noise.high:.1f}, and {100 * noise.wrong_side:.0f}% land on "
            f"the other side of the cut-off of {noise.cutoff:g}.")


def summarise_noise(noise: im.TmbNoise) -> str:
    """The sentences under the noise panel (HTML), true in every state."""
    _noise(noise)
    side = "at or above" if noise.true_high else "below"
    wrong = "below" if noise.true_high else "at or above"
    expected = noise.expected_mutations
    text = (f"<b>True TMB {noise.true_tmb:g} mut/Mb ({side} the cut-off of {noise.cutoff:g}), "
            f"panel {noise.panel_mb:g} Mb:</b> the panel expects {expected:.1f} mutation"
            f"{'' if math.isclose(expected, 1.0) else 's'}; each one found adds "
            f"{1 / noise.panel_mb:.2g} mut/Mb. 95% of tests read {noise.low:.1f}–"
            f"{noise.high:.1f} mut/Mb. ")
    share = 100 * noise.wrong_side
    if share < 0.5:
        text += f"Almost no test (under 0.5%) reads {wrong} the cut-off."
    else:
        text += f"About {share:.0f}% of tests read {wrong} the cut-off: the wrong side."
    return text
