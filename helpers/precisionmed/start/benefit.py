"""Who benefits? Averages over a whole trial can hide a group that a drug helps a lot.

Pure functions behind lesson 00: the response expected in each group of a trial and in the
"average patient", response rates observed in a simulated trial, and a bar chart of both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from precisionmed._checks import require, share
from precisionmed.plots import OKABE_ITO

#: Fixed axes rectangles of this module's static figures (``plots.new_figure(axes_rects=...)``):
#: constrained layout's choice for the lesson's data; tests/course/test_fixed_layouts.py.
OBSERVED_AXES = ((0.0944, 0.0745, 0.8996, 0.86),)


def _probability(name: str, value: float) -> float:
    return share(name, value)


@dataclass(frozen=True)
class ExpectedResponse:
    """Expected response rates (shares between 0 and 1) in a trial of a targeted drug."""

    prevalence: float
    drug_marker_positive: float
    drug_marker_negative: float
    standard_care: float

    @property
    def drug_average(self) -> float:
        """Response of the 'average patient' on the drug: a prevalence-weighted mix."""
        return (self.prevalence * self.drug_marker_positive
                + (1 - self.prevalence) * self.drug_marker_negative)

    @property
    def average_benefit(self) -> float:
        """Drug minus standard care for the average patient (percentage points / 100)."""
        return self.drug_average - self.standard_care

    @property
    def marker_positive_benefit(self) -> float:
        """Drug minus standard care for patients whose tumour carries the marker."""
        return self.drug_marker_positive - self.standard_care

    def verdict(self) -> str:
        """Plain-language sentences comparing the average result with each marker group.

        The numbers are the whole percentages the chart shows (:func:`percent`), and the wording
        is chosen for each case: no difference, both groups helped equally, one group helped
        more, a group that does worse on the drug than on standard care, and a marker that
        nobody (or everybody) has.
        """
        pos, neg = percent(self.drug_marker_positive), percent(self.drug_marker_negative)
        avg, std = percent(self.drug_average), percent(self.standard_care)
        gain_avg, gain_pos, gain_neg = avg - std, pos - std, neg - std
        if gain_avg > 0:
            first = (f"On average the drug looks better than standard care: {avg}% vs {std}% "
                     f"respond ({_points(gain_avg)}).")
        elif gain_avg < 0:
            first = (f"On average the drug looks worse than standard care: {avg}% vs {std}% "
                     f"respond ({_points(gain_avg)}).")
        else:
            first = (f"On average the drug looks no different from standard care: {avg}% "
                     "respond either way.")
        if self.prevalence == 0.0:
            return (f"{first} Nobody here has the marker, so the average is simply the "
                    "marker-negative result; the marker-positive bar shows what the drug would "
                    f"do for a patient who had it: it {_effect(gain_pos)}.")
        if self.prevalence == 1.0:
            return (f"{first} Everyone here has the marker, so the average is simply the "
                    "marker-positive result; the marker-negative bar shows what the drug would "
                    f"do for a patient without it: it {_effect(gain_neg)}.")
        if gain_pos == gain_neg:
            if gain_pos == 0:
                groups = "In both groups the drug does as well as standard care"
            elif gain_pos > 0:
                groups = f"The drug helps both groups equally ({_points(gain_pos)} each)"
            else:
                groups = ("In both groups fewer patients respond than on standard care, "
                          f"equally ({_points(gain_pos)} each)")
            return f"{first} {groups}, so here the average tells the whole story."
        if gain_pos > 0 and gain_neg > 0:
            more = "marker-positive" if gain_pos > gain_neg else "marker-negative"
            groups = (f"The drug helps both groups, but {more} patients more "
                      f"({_points(gain_pos)} with the marker, {_points(gain_neg)} without).")
        elif gain_pos < 0 and gain_neg < 0:
            more = "marker-positive" if gain_pos < gain_neg else "marker-negative"
            groups = ("In both groups fewer patients respond than on standard care, and "
                      f"{more} patients lose more ({_points(gain_pos)} with the marker, "
                      f"{_points(gain_neg)} without).")
        else:
            groups = (f"For marker-positive patients it {_effect(gain_pos)}; for "
                      f"marker-negative patients it {_effect(gain_neg)}.")
        helped = gain_avg <= 0 and max(gain_pos, gain_neg) > 0
        harmed = gain_avg >= 0 and min(gain_pos, gain_neg) < 0
        if helped and harmed:
            hidden = ("The average hides both a group the drug helps and a group that does "
                      "worse on it.")
        elif helped:
            hidden = "The average hides a group that the drug helps."
        elif harmed:
            hidden = "The average hides a group that does worse on the drug."
        else:
            hidden = f"The average ({avg}%) mixes the two groups and hides the difference."
        return f"{first} {groups} {hidden}"


def percent(share: float) -> int:
    """A share (0–1) as the whole percentage the lesson 00 chart shows (halves round up)."""
    return int(np.floor(round(_probability("share", share) * 100, 6) + 0.5))


def _points(difference: int) -> str:
    """A signed difference in percentage points, e.g. '+40 points' or '−12 points'."""
    if difference == 0:
        return "0 points"
    sign = "+" if difference > 0 else "\u2212"
    unit = "point" if abs(difference) == 1 else "points"
    return f"{sign}{abs(difference)} {unit}"


def _effect(difference: int) -> str:
    """What the drug does for a group compared with standard care, as a verb phrase."""
    if difference > 0:
        return f"helps ({_points(difference)} compared with standard care)"
    if difference < 0:
        return (f"does worse than standard care ({_points(difference)}: fewer patients "
                "respond)")
    return "makes no difference compared with standard care"


def expected_response(prevalence: float, drug_marker_positive: float,
                      drug_marker_negative: float, standard_care: float) -> ExpectedResponse:
    """Return the response expected in each group and for the average patient.

    All four arguments are shares between 0 and 1: how common the marker is, and the chance
    of responding on the drug with and without the marker, and on standard care (assumed the
    same with and without the marker).

    >>> r = expected_response(0.141, 0.70, 0.10, 0.30)
    >>> round(r.drug_average, 3)
    0.185
    """
    return ExpectedResponse(
        _probability("prevalence", prevalence),
        _probability("drug_marker_positive", drug_marker_positive),
        _probability("drug_marker_negative", drug_marker_negative),
        _probability("standard_care", standard_care),
    )


BAR_LABELS = ("Marker-positive\non drug", "Marker-negative\non drug", "Average patient\non drug",
              "Standard care\n(everyone)")
BAR_COLORS = (OKABE_ITO["bluish green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"],
              OKABE_ITO["orange"])


def plot_expected(ax: Axes, result: ExpectedResponse) -> list:
    """Draw the four response rates of ``result`` as bars on ``ax``; return the bar artists.

    Called again on the same ``ax``, it updates the existing bars and labels in place (fast
    enough for a slider).
    """
    require(ax, Axes, "ax")
    require(result, ExpectedResponse, "result (from expected_response)")
    values = [result.drug_marker_positive, result.drug_marker_negative, result.drug_average,
              result.standard_care]
    state = getattr(ax, "_precisionmed_expected", None)
    if state is None:
        ax.clear()
        bars = ax.bar(range(4), [0.0] * 4, color=BAR_COLORS)
        labels = [ax.annotate("", (patch.get_x() + patch.get_width() / 2, 0), ha="center",
                              va="bottom", xytext=(0, 3), textcoords="offset points")
                  for patch in bars]
        line = ax.axhline(0, color=OKABE_ITO["black"], lw=1, ls="--")
        ax.set_xticks(range(4), BAR_LABELS)
        ax.set_ylim(0, 110)
        ax.set_yticks(range(0, 101, 20))
        ax.set_ylabel("Patients who respond (%)")
        for artist in (*bars, *labels, line, ax.title):
            artist.set_animated(True)  # redrawn over a cached background in widgets
        state = (list(bars), labels, line)
        ax._precisionmed_expected = state  # type: ignore[attr-defined]
    bars, labels, line = state
    for patch, label, value in zip(bars, labels, values, strict=True):
        patch.set_height(value * 100)
        label.xy = (patch.get_x() + patch.get_width() / 2, value * 100)
        label.set_text(f"{percent(value)}%")
    line.set_ydata([result.standard_care * 100] * 2)
    ax.set_title(f"Marker in {percent(result.prevalence)}% of patients: average patient "
                 f"{percent(result.drug_average)}% vs standard care "
                 f"{percent(result.standard_care)}%", fontsize=11)
    return bars


def describe_expected(result: ExpectedResponse) -> str:
    """One-sentence description (alt text) of :func:`plot_expected`'s chart."""
    require(result, ExpectedResponse, "result (from expected_response)")
    return (f"Bar chart: with the marker in {percent(result.prevalence)}% of patients, "
            f"{percent(result.drug_marker_positive)}% of marker-positive and "
            f"{percent(result.drug_marker_negative)}% of marker-negative patients respond to "
            f"the drug, {percent(result.drug_average)}% on average, against "
            f"{percent(result.standard_care)}% on standard care.")


def _check_rates(rates: pd.DataFrame, group: str, arm: str) -> None:
    require(rates, pd.DataFrame, "rates (from response_rates)")
    for col in (group, arm, "rate", "ci_low", "ci_high"):
        if not isinstance(col, str) or col not in rates.columns:
            raise ValueError(f"rates lacks column {col!r}; make it with response_rates().")
    if rates.empty:
        raise ValueError("rates is empty; make it with response_rates() on a non-empty trial.")


def plot_observed(ax: Axes, rates: pd.DataFrame, group: str, arm: str = "arm") -> None:
    """Draw observed response rates with 95% intervals, grouped by ``group`` and ``arm``."""
    require(ax, Axes, "ax")
    _check_rates(rates, group, arm)
    groups = list(dict.fromkeys(rates[group]))
    arms = list(dict.fromkeys(rates[arm]))
    width = 0.8 / max(len(arms), 1)
    colors = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish green"]]
    for j, arm_name in enumerate(arms):
        sub = rates[rates[arm] == arm_name].set_index(group).reindex(groups)
        x = np.arange(len(groups)) + (j - (len(arms) - 1) / 2) * width
        err = np.vstack([sub["rate"] - sub["ci_low"], sub["ci_high"] - sub["rate"]]) * 100
        ax.bar(x, sub["rate"] * 100, width, yerr=err, capsize=4, label=str(arm_name),
               color=colors[j % len(colors)])
    ax.set_xticks(range(len(groups)), [str(g) for g in groups])
    ax.set_ylabel("Patients who respond (%)")
    ax.set_ylim(0, 100)
    ax.legend(title="Treatment", loc="upper left")


def describe_observed(rates: pd.DataFrame, group: str, arm: str = "arm") -> str:
    """One-sentence description (alt text) of :func:`plot_observed`'s chart, from the numbers."""
    _check_rates(rates, group, arm)
    parts = []
    for name, sub in rates.groupby(group, sort=False):
        arms = ", ".join(f"{r[arm]} {r['rate']:.0%}" for _, r in sub.iterrows())
        parts.append(f"{name}: {arms}")
    return "Bar chart of the share of patients who responded — " + "; ".join(parts) + "."


def marker_counts(trial: pd.DataFrame) -> pd.DataFrame:
    """Patients per site with and without the marker (lesson 00's first table).

    Rows are sites; columns ``no marker`` and ``marker``.
    """
    require(trial, pd.DataFrame, "trial (the start/trial table)")
    for col in ("site", "marker_positive"):
        if col not in trial.columns:
            raise ValueError(f"trial lacks column {col!r}; load it with data.load('start/trial').")
    counts = trial.groupby(["site", "marker_positive"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[False, True], fill_value=0)
    counts.columns = ["no marker", "marker"]
    return counts


def label_marker(rates: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``rates`` with a ``group`` column saying "marker" or "no marker"."""
    require(rates, pd.DataFrame, "rates (from response_rates)")
    if "marker_positive" not in rates.columns:
        raise ValueError("rates lacks column 'marker_positive'; group response_rates() by it.")
    out = rates.copy()
    out["group"] = ["marker" if bool(v) else "no marker" for v in out["marker_positive"]]
    return out


def observed_chart(rates: pd.DataFrame, group: str, title: str, arm: str = "arm") -> Figure:
    """Lesson 00's bar chart of observed response rates, titled, with alt text from the numbers.

    Show it with ``plots.show(...)``.
    """
    from precisionmed.plots import new_figure

    if not isinstance(title, str) or not title.strip():
        raise TypeError(f"title must be a non-empty string, got {title!r:.40}.")
    fig, ax = new_figure(alt=describe_observed(rates, group=group, arm=arm),
                         axes_rects=OBSERVED_AXES)
    plot_observed(ax, rates, group=group, arm=arm)
    ax.set_title(title)
    return fig


class PatientCards:
    """The course's recurring patients as short readable cards (one paragraph per person).

    A wide table of long stories wraps into a tall, unreadable block in a narrow window; the
    cards read top to bottom instead. Shows as HTML in a notebook, as plain lines elsewhere.
    """

    def __init__(self, patients: pd.DataFrame) -> None:
        require(patients, pd.DataFrame, "patients (the patients/recurring table)")
        need = ["patient_id", "name", "age_years", "background", "story"]
        missing = [c for c in need if c not in patients.columns]
        if missing:
            raise ValueError(f"patients lacks columns {missing}; load patients/recurring.")
        self.rows = [{c: row[c] for c in need} for _, row in patients.iterrows()]

    def __repr__(self) -> str:
        return "\n".join(f"{r['name']} ({r['patient_id']}), age {r['age_years']}, "
                         f"{r['background']}: {r['story']}" for r in self.rows)

    def _repr_html_(self) -> str:
        import html

        items = "".join(
            f"<li style='margin-bottom:0.5em'><b>{html.escape(str(r['name']))}</b> "
            f"({html.escape(str(r['patient_id']))}), age {html.escape(str(r['age_years']))}, "
            f"{html.escape(str(r['background']))}.<br>{html.escape(str(r['story']))}</li>"
            for r in self.rows)
        return (f"<ul aria-label='The course patients' style='list-style:none;padding-left:0;"
                f"max-width:48em;line-height:1.45'>{items}</ul>")


def patient_cards(patients: pd.DataFrame) -> PatientCards:
    """Lesson 00's introduction of the recurring patients: name, age, background and story."""
    return PatientCards(patients)
