"""Resistance as evolution under therapy: sensitive and resistant clones, seen in the blood.

A simplified model for teaching (the numbers are illustrative, not fitted to patients). A tumour
starts as mostly drug-*sensitive* cells plus a small share of *resistant* cells that were
already there (for EGFR-mutant lung cancer on a first-generation inhibitor: cells that also
carry EGFR T790M). Both clones grow at ``growth_rate`` per month; the first drug also kills
sensitive cells at ``kill_rate`` per month and leaves resistant cells alone, so the sensitive
clone shrinks as ``exp((growth − kill)·t)`` and the resistant clone grows as ``exp(growth·t)``.
With the default rates the tumour shrinks, reaches its smallest size (the *nadir*), and grows
back as the resistant clone takes over (other rates give other courses; :meth:`summary` says
which one is plotted).

Tumours shed DNA into the blood (circulating tumour DNA, ctDNA). A blood test every
``test_every`` months measures the *variant allele fraction* (VAF) of T790M: the share of all
DNA copies at that spot in the blood that carry it. One copy per tumour cell (heterozygous) out
of two, diluted by DNA from normal cells. When the VAF reaches the test's detection limit the
doctor can switch to a second drug (osimertinib) that kills both clones at
``second_kill_rate``; later resistance to the second drug (e.g. EGFR C797S) is not modelled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from precisionmed.plots import OKABE_ITO
from precisionmed.trials import _checks

#: When the second drug starts.
SWITCH_ON = ("ctdna", "progression", "never")

#: Share of DNA in the blood that comes from the tumour before treatment (illustrative).
BASELINE_TUMOUR_FRACTION = 0.05
#: Lowest VAF the blood test reports (illustrative, typical of sensitive PCR-based tests).
DETECTION_LIMIT = 0.001
#: Growth from the nadir that counts as progression on a scan (RECIST uses +20% of the sum of
#: diameters; here, simplified, +20% of tumour size).
PROGRESSION_GROWTH = 0.20
#: Smallest tumour a scan can measure, as a share of the starting size (illustrative).
SCAN_VISIBLE = 0.10


@dataclass(frozen=True)
class ResistanceResult:
    """A simulated course of treatment. Sizes are shares of the starting tumour (1 = 100%)."""

    months: np.ndarray
    sensitive: np.ndarray
    resistant: np.ndarray
    total_first_drug: np.ndarray
    vaf_truncal: np.ndarray
    vaf_resistant: np.ndarray
    test_months: np.ndarray
    test_vaf_resistant: np.ndarray
    nadir_month: float
    nadir_size: float
    detect_month: float | None
    progression_month: float | None
    switch_month: float | None
    params: dict[str, object] = field(default_factory=dict)

    @property
    def total(self) -> np.ndarray:
        """Tumour size (sensitive + resistant), as a share of the starting size."""
        return self.sensitive + self.resistant

    @property
    def relapsed(self) -> bool:
        """True if, on the first drug alone, a scan would see the tumour grow back."""
        return self.progression_month is not None

    @property
    def lead_time(self) -> float | None:
        """Months by which the blood test finds resistance before the scan would."""
        if self.detect_month is None or self.progression_month is None:
            return None
        return self.progression_month - self.detect_month

    def phases(self) -> list[Phase]:
        """The plotted whole-tumour course cut into what each drug does (see :class:`Phase`)."""
        return _phases(self)

    def summary(self) -> str:
        """The plotted course of treatment in plain sentences, with its numbers.

        Each sentence is chosen for what the curves do in this state: shrinking, a nadir and
        regrowth, growth from the start, or no change; a switch that shrinks the tumour again,
        keeps it shrinking, or fails to; and a switch that never happens (and why).
        """
        return " ".join(_sentences(self, numbers=True))


@dataclass(frozen=True)
class Phase:
    """What the whole tumour does on one drug, from ``start`` to ``end`` (months).

    ``shape`` is one of ``"shrinks"``, ``"shrinks then grows"``, ``"grows"``, ``"steady"``;
    ``low``/``low_month`` is the smallest size in the phase, ``end_size`` the size at ``end``
    (shares of the starting tumour).
    """

    drug: int
    start: float
    end: float
    shape: str
    low: float
    low_month: float
    end_size: float
    start_size: float


_SAME = 1e-9  # relative change below this counts as "the same size"


def plain_percent(value: float, _position: object = None) -> str:
    """Tick label for a log axis in percent, written out: 0.001%, 0.1%, 10%, 1000%.

    Learners read ``0.01%`` more easily than ``10^-2`` or ``1e-2``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"value must be a number, got {type(value).__name__}.")
    if value <= 0:
        return ""
    return f"{value:,.6f}".rstrip("0").rstrip(".") + "%"

def _phase(result: ResistanceResult, drug: int, i0: int, i1: int) -> Phase:
    months, total = result.months[i0:i1 + 1], result.total[i0:i1 + 1]
    low_i = int(np.argmin(total))
    first, last, low = float(total[0]), float(total[-1]), float(total[low_i])
    if low < first * (1 - _SAME):
        shape = "shrinks then grows" if last > low * (1 + _SAME) else "shrinks"
    elif last > first * (1 + _SAME):
        shape = "grows"
    else:
        shape = "steady"
    return Phase(drug, float(months[0]), float(months[-1]), shape, low, float(months[low_i]),
                 last, first)


def _phases(result: ResistanceResult) -> list[Phase]:
    last = len(result.months) - 1
    if result.switch_month is None:
        return [_phase(result, 1, 0, last)]
    i0 = int(np.searchsorted(result.months, result.switch_month - 1e-9))
    if i0 == 0:
        return [_phase(result, 2, 0, last)]
    if i0 >= last:
        return [_phase(result, 1, 0, last)]
    return [_phase(result, 1, 0, i0), _phase(result, 2, i0, last)]


def _size(share: float) -> str:
    """A tumour size as a share of the start, saying when it is off the chart."""
    if share < _FLOOR:
        return f"below {_FLOOR * 100:g}% of the start (too small for the chart)"
    if share * 100 > _TOP:
        return f"{share:,.0f} times its starting size (above the top of the chart)"
    if share >= 10:
        return f"{share:.3g} times its starting size"
    return f"{share * 100:.3g}% of the start"


def _sentences(result: ResistanceResult, numbers: bool) -> list[str]:
    """Sentences describing the plotted course, with or without the numbers."""
    phases = _phases(result)
    out: list[str] = []
    p = result.params
    detect, switch, progression = result.detect_month, result.switch_month, \
        result.progression_month
    horizon = f"{result.months[-1]:g}"
    trigger = "the blood test finds T790M" if p["switch"] == "ctdna" else "a scan shows growth"
    for phase in phases:
        if phase.drug == 1:
            subject = "On drug 1 the tumour"
        elif phase.start == 0:
            subject = (f"Already at month 0 {trigger}, so drug 2 (osimertinib) is given from "
                       "the start, and the tumour")
        else:
            subject = (f"After the switch to drug 2 (osimertinib) at month {phase.start:g}, "
                       f"when {trigger}, the tumour")
        before = phases[0].shape if phase.drug == 2 and phase.start > 0 else None
        if phase.shape == "shrinks":
            verb = "shrinks again" if before in ("grows", "shrinks then grows", "steady") \
                else "keeps shrinking"
        elif phase.shape == "shrinks then grows":
            verb = "shrinks to its smallest size"
            if numbers:
                verb += f" ({_size(phase.low)}, month {phase.low_month:g})"
            verb += " and then grows back"
        elif phase.shape == "grows":
            if phase.drug == 1:
                verb = "grows from the start"
            else:
                verb = ("keeps growing" if before in ("grows", "shrinks then grows")
                        else "grows") + " (drug 2 kills fewer cells than grow)"
        else:
            verb = "stays the same size"
        text = f"{subject} {verb}"
        if numbers:
            text += (f" ({_size(phase.end_size)})" if phase.shape == "steady" else
                     f", to {_size(phase.end_size)} by month {phase.end:g}")
        out.append(text + ".")
    if switch is None:
        if p["switch"] == "never":
            idle = p["kill_rate"] == 0 and p["second_kill_rate"] == 0
            if detect is not None and detect >= result.months[-1]:
                out.append(f"The blood test finds T790M only at month {detect:g}, the end of "
                           "the chart, so the switch box and drug 2's kill rate change nothing "
                           "here.")
            else:
                out.append(f"The blood test finds T790M at month {detect:g}, but drug 1 continues "
                           "(no switch), so drug 2's kill rate changes nothing"
                           + ("; with both kill rates 0, ticking the switch box would not change "
                              "the course either." if idle else ".") if detect is not None
                           else f"T790M never reaches the blood test's limit within {horizon} "
                           "months, so drug 1 continues whether or not the switch box is ticked, "
                           "and drug 2's kill rate changes nothing.")
        elif p["switch"] == "ctdna":
            out.append(f"T790M never reaches the blood test's limit within {horizon} months, "
                       "so there is no switch: the switch box and drug 2's kill rate change "
                       "nothing here.")
        else:
            out.append(f"A scan never shows growth within {horizon} months, so there is no "
                       "switch and drug 2's kill rate changes nothing here.")
    elif switch >= result.months[-1]:
        out.append(f"The switch comes only at month {switch:g}, the end of the chart, too late "
                   "to show: the switch box and drug 2's kill rate change nothing here.")
    elif p["kill_rate"] == 0 and p["second_kill_rate"] == 0:
        out.append("Both drugs have a kill rate of 0 here, so switching does not change the "
                   "course: the thin dotted line (drug 1 continued) lies under the whole "
                   "tumour's line.")
    else:
        later = progression is not None and progression > switch
        out.append("The thin dotted line shows the tumour had drug 1 continued"
                   + (f"; on it a scan would have shown growth at month {progression:g}."
                      if later and numbers else "."))
    if progression is not None and (switch is None or progression <= switch) and numbers:
        out.append(f"A scan shows growth on drug 1 at month {progression:g}.")
    first_only = result.total_first_drug
    regrows = float(first_only[-1]) > float(first_only.min()) * (1 + _SAME)
    if progression is None and regrows:
        out.append("A scan would not show the regrowth on drug 1 within "
                   f"{horizon} months: it counts growth only once the tumour is "
                   f"{PROGRESSION_GROWTH:.0%} above its smallest size and at least "
                   f"{SCAN_VISIBLE:.0%} of its starting size.")
    return out


def _first_time(months: np.ndarray, mask: np.ndarray) -> float | None:
    hits = np.flatnonzero(mask)
    return float(months[hits[0]]) if hits.size else None


def simulate_resistance(kill_rate: float = 0.6, resistant_fraction: float = 0.01,
                        growth_rate: float = 0.2, second_kill_rate: float | None = None,
                        switch: str = "ctdna", horizon_months: float = 36.0,
                        step_months: float = 0.1, test_every: float = 2.0,
                        detection_limit: float = DETECTION_LIMIT,
                        baseline_tumour_fraction: float = BASELINE_TUMOUR_FRACTION
                        ) -> ResistanceResult:
    """Simulate sensitive and resistant clones under a first drug, and a switch of drug.

    Parameters
    ----------
    kill_rate
        Extra deaths per month of sensitive cells on the first drug (0–5).
    resistant_fraction
        Share of the tumour that is resistant at the start (0–1); 0 means no relapse.
    growth_rate
        Net growth per month of untreated cells (0–2), the same for both clones.
    second_kill_rate
        Kill rate of the second drug on both clones (default: ``kill_rate``).
    switch
        ``"ctdna"`` (switch at the first blood test that finds T790M), ``"progression"``
        (switch when a scan shows growth: 20% above the nadir and at least
        :data:`SCAN_VISIBLE` of the starting size) or ``"never"``.
    horizon_months, step_months
        How long to follow and the time step of the curves.
    test_every
        Months between blood tests (the first is at month 0).
    detection_limit
        Lowest VAF the blood test can report (share, e.g. 0.001 = 0.1%).
    baseline_tumour_fraction
        Share of DNA in the blood that comes from the tumour at the start (0–1, below 1).

    The model is deterministic: no random draws, so the same inputs give the same curves.
    """
    k = _checks.number("kill_rate", kill_rate, 0.0, 5.0)
    f = _checks.share("resistant_fraction", resistant_fraction)
    g = _checks.number("growth_rate", growth_rate, 0.0, 2.0)
    k2 = k if second_kill_rate is None else _checks.number("second_kill_rate",
                                                           second_kill_rate, 0.0, 5.0)
    if switch not in SWITCH_ON:
        raise ValueError(f"switch must be one of {SWITCH_ON}, got {switch!r}.")
    horizon = _checks.number("horizon_months", horizon_months, 1.0, 240.0)
    step = _checks.number("step_months", step_months, 0.001, 1.0, low_open=True)
    every = _checks.number("test_every", test_every, 0.1, 24.0)
    limit = _checks.number("detection_limit", detection_limit, 0.0, 0.5, low_open=True)
    tf0 = _checks.number("baseline_tumour_fraction", baseline_tumour_fraction, 0.0, 0.99,
                         low_open=True)

    months = np.round(np.arange(0.0, horizon + step / 2, step), 6)
    # First drug only: sizes relative to the starting tumour.
    s1 = (1 - f) * np.exp((g - k) * months)
    r1 = f * np.exp(g * months)
    total1 = s1 + r1
    shed = tf0 / (1 - tf0)  # tumour DNA per unit tumour size, relative to normal DNA

    def vaf(clone: np.ndarray, total: np.ndarray) -> np.ndarray:
        return 0.5 * shed * clone / (shed * total + 1.0)

    nadir_index = int(np.argmin(total1))
    nadir_size = float(total1[nadir_index])
    nadir_month = float(months[nadir_index])
    running_min = np.minimum.accumulate(total1)
    grown = total1 >= running_min * (1 + PROGRESSION_GROWTH) - 1e-12
    progression = _first_time(months, grown & (total1 >= SCAN_VISIBLE))

    test_times = np.round(np.arange(0.0, horizon + 1e-9, every), 6)
    test_index = np.clip(np.searchsorted(months, test_times - 1e-9), 0, len(months) - 1)
    test_vaf1 = vaf(r1, total1)[test_index]
    detect = _first_time(test_times, test_vaf1 >= limit)

    switch_month = {"ctdna": detect, "progression": progression, "never": None}[switch]
    s, r = s1.copy(), r1.copy()
    if switch_month is not None:
        after = months > switch_month
        i0 = int(np.searchsorted(months, switch_month - 1e-9))
        dt = months[after] - months[i0]
        s[after] = s1[i0] * np.exp((g - k2) * dt)
        r[after] = r1[i0] * np.exp((g - k2) * dt)
    total = s + r
    return ResistanceResult(
        months=months, sensitive=s, resistant=r, total_first_drug=total1,
        vaf_truncal=vaf(total, total), vaf_resistant=vaf(r, total), test_months=test_times,
        test_vaf_resistant=vaf(r, total)[test_index], nadir_month=nadir_month,
        nadir_size=nadir_size, detect_month=detect, progression_month=progression,
        switch_month=switch_month,
        params={"kill_rate": k, "resistant_fraction": f, "growth_rate": g,
                "second_kill_rate": k2, "switch": switch, "test_every": every,
                "detection_limit": limit, "baseline_tumour_fraction": tf0})


def doubling_time(rate_per_month: float) -> float:
    """Months for a clone growing at ``rate_per_month`` to double (``ln 2 / rate``)."""
    rate = _checks.number("rate_per_month", rate_per_month, 0.0, 10.0, low_open=True)
    return math.log(2) / rate


def _result(result: object) -> None:
    _checks.instance("result", result, ResistanceResult,
                     "the ResistanceResult that simulate_resistance() returns")


_FLOOR = 1e-5  # lowest size drawn on the log axis (0.001% of the start)
_TOP = 1e4  # highest size drawn on the log axis (% of the start)


def plot_resistance(fig: Figure, result: ResistanceResult, numbers_in_title: bool = True) -> None:
    """Draw tumour size by clone (top) and ctDNA VAF in blood tests (bottom) on ``fig``.

    Called again on the same figure it updates the lines in place (fast enough for a slider).
    With ``numbers_in_title=False`` the title stays fixed (a widget prints the numbers beside
    the figure instead, which keeps each redraw fast).
    """
    _checks.figure(fig)
    _result(result)
    state = getattr(fig, "_precisionmed_resistance", None)
    if state is None:
        fig.clear()
        top, bottom = fig.subplots(2, 1, sharex=True)
        lines = {
            "total": top.plot([], [], color=OKABE_ITO["black"], lw=2.5, label="whole tumour")[0],
            "no_switch": top.plot([], [], color=OKABE_ITO["black"], lw=1.2, ls=":",
                                  label="whole tumour\nif drug 1 continues")[0],
            "sensitive": top.plot([], [], color=OKABE_ITO["blue"], lw=2,
                                  label="sensitive cells")[0],
            "resistant": top.plot([], [], color=OKABE_ITO["vermillion"], lw=2, ls="--",
                                  label="resistant cells (T790M)")[0],
            "vaf_truncal": bottom.plot([], [], color=OKABE_ITO["blue"], lw=2,
                                       label="EGFR L858R\n(every tumour cell)")[0],
            "vaf_resistant": bottom.plot([], [], color=OKABE_ITO["vermillion"], lw=2, ls="--",
                                         label="EGFR T790M\n(resistant cells)")[0],
            "tests": bottom.plot([], [], "o", color=OKABE_ITO["vermillion"], ms=5,
                                 label="blood tests (T790M)")[0],
            "switch_top": top.axvline(-1, color=OKABE_ITO["bluish green"], lw=2, ls=":"),
            "switch_bottom": bottom.axvline(-1, color=OKABE_ITO["bluish green"], lw=2, ls=":",
                                            label="switch to drug 2"),
            "limit": bottom.axhline(0.1, color=OKABE_ITO["black"], lw=0.8, ls=":",
                                    label="test's detection limit"),
        }
        top.set_yscale("log")
        # Plain readouts (0.01%, 1%, 100%) instead of powers of ten such as 10^-2 or 1e-2.
        top.yaxis.set_major_formatter(FuncFormatter(plain_percent))
        top.set_ylim(_FLOOR * 100, _TOP)
        top.set_ylabel("Tumour size\n(% of start)")
        top.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
        bottom.set_yscale("log")
        bottom.yaxis.set_major_formatter(FuncFormatter(plain_percent))
        bottom.set_ylim(0.001, 10)
        bottom.set_ylabel("VAF in blood (%)")
        bottom.set_xlabel("Months on treatment")
        bottom.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
        animated = [*lines.values(), top.title] if numbers_in_title else list(lines.values())
        if not numbers_in_title:
            top.set_title("Simulated tumour under treatment (illustrative rates)", fontsize=11)
        for artist in animated:
            artist.set_animated(True)  # redrawn over a cached background in widgets
        state = (top, bottom, lines)
        fig._precisionmed_resistance = state  # type: ignore[attr-defined]
    top, bottom, lines = state
    m = result.months

    def percent(values: np.ndarray, floor: float) -> np.ndarray:
        return np.where(values >= floor, values * 100, np.nan)  # hide what is off the axis

    lines["total"].set_data(m, percent(result.total, _FLOOR))
    # A switch at the last month changes nothing that can be seen: draw no switch at all.
    shown = result.switch_month if result.switch_month is not None \
        and result.switch_month < float(m[-1]) else None
    lines["no_switch"].set_data(m, percent(result.total_first_drug, _FLOOR)
                                if shown is not None else np.full(m.shape, np.nan))
    lines["sensitive"].set_data(m, percent(result.sensitive, _FLOOR))
    lines["resistant"].set_data(m, percent(result.resistant, _FLOOR))
    lines["vaf_truncal"].set_data(m, percent(result.vaf_truncal, 1e-5))
    lines["vaf_resistant"].set_data(m, percent(result.vaf_resistant, 1e-5))
    lines["tests"].set_data(result.test_months, percent(result.test_vaf_resistant, 1e-5))
    x = shown if shown is not None else -1.0
    lines["switch_top"].set_xdata([x, x])
    lines["switch_bottom"].set_xdata([x, x])
    lines["limit"].set_ydata([result.params["detection_limit"] * 100] * 2)
    top.set_xlim(0, float(m[-1]))
    if numbers_in_title:
        top.set_title(_title(result), fontsize=11)


def _title(result: ResistanceResult) -> str:
    """Figure title: the first drug's course (the dotted line when there is a switch)."""
    found = (f"T790M in blood at month {result.detect_month:g}"
             if result.detect_month is not None else "T790M never found in blood")
    scan = (f"a scan would show growth at month {result.progression_month:.1f}"
            if result.progression_month is not None else "no growth a scan would see")
    return (f"On drug 1 alone: smallest {result.nadir_size:.1%} at month "
            f"{result.nadir_month:.1f}, {scan}; {found}")


def describe_resistance(result: ResistanceResult) -> str:
    """One-sentence description (alt text) of :func:`plot_resistance`'s figure.

    It describes what the plotted whole-tumour line does in this state (see
    :meth:`ResistanceResult.summary` for the same story with numbers).
    """
    _result(result)
    if float(result.resistant[0]) == 0:
        clones = "there are no resistant cells"
    else:
        clones = "the resistant cells (T790M) are shown apart from the sensitive ones"
    switch = (f"; a dotted line marks the switch of drug at month {result.switch_month:g}"
              if result.switch_month is not None
              and result.switch_month < float(result.months[-1]) else "")
    story = " ".join(_sentences(result, numbers=False))
    return (f"Two panels over {result.months[-1]:.0f} months of treatment: tumour size by "
            f"clone (top) and mutation levels in blood tests (bottom); {clones}{switch}. "
            f"{story}")
