"""Lesson 10's science: absolute and relative risk, icon arrays, screening and family testing.

- risk arithmetic: :func:`absolute_risk`, :func:`relative_risk`,
  :func:`number_needed_to_treat`, :func:`icon_array_counts`;
- screening: :func:`screening_outcomes` (true and false alarms among people screened);
- cascade (family) testing after a dominant monogenic finding: :func:`carrier_chance`,
  :func:`expected_carriers`;
- the integrated simulated cohort and its risk model live in :mod:`precisionmed.risk.integrate`
  and :mod:`precisionmed.risk.model`; :func:`person_risk` predicts one person's 10-year risk
  from the model the dataset build fitted;
- the lesson's sourced numbers: :func:`facts`, :func:`fact`, :func:`source`
  (``datasets/knowledge/risk_facts``).

Everything here is for teaching with simulated data, not for care: real risk calculators are
validated on real cohorts and used together with a clinician.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from precisionmed import _checks

__all__ = [
    "absolute_risk", "relative_risk", "number_needed_to_treat", "icon_array_counts",
    "ScreeningOutcome", "screening_outcomes", "carrier_chance", "expected_carriers",
    "person_risk", "facts", "fact", "source", "in_words",
]


_RISK_HINT = " Give it as a risk between 0 and 1 (for example 0.05 for 5%)."


def _share(value: Any, what: str) -> float:
    return _checks.share(what, value, hint=_RISK_HINT)


def absolute_risk(baseline_risk: float, relative_risk: float) -> float:
    """The risk after applying a relative risk: ``baseline_risk × relative_risk``.

    ``baseline_risk`` is a share between 0 and 1; ``relative_risk`` is 0 or more. A result
    above 1 is refused (no risk can exceed 100%).

    >>> absolute_risk(1 / 7000, 2) * 7000
    2.0
    """
    base = _share(baseline_risk, "baseline_risk")
    rr = _checks.number("relative_risk", relative_risk, 0.0)
    result = base * rr
    if result > 1.0 + 1e-12:
        raise ValueError(f"A baseline risk of {base:g} times a relative risk of {rr:g} is "
                         f"{result:g}, above 1 (100%): no risk can be that high. Check the "
                         "inputs (a relative risk only applies over a small range).")
    return min(result, 1.0)


def relative_risk(risk_exposed: float, risk_unexposed: float) -> float:
    """How many times higher the risk is with the exposure: ``risk_exposed / risk_unexposed``.

    Both are shares between 0 and 1; ``risk_unexposed`` must be above 0.

    >>> relative_risk(0.10, 0.05)
    2.0
    """
    exposed = _share(risk_exposed, "risk_exposed")
    unexposed = _share(risk_unexposed, "risk_unexposed")
    if unexposed == 0:
        raise ValueError("risk_unexposed must be above 0: a relative risk divides by it.")
    return exposed / unexposed


def number_needed_to_treat(control_risk: float, treated_risk: float) -> float:
    """People to treat (or to change a habit) for one fewer event: ``1 / |control − treated|``.

    Both risks are shares between 0 and 1 over the same time; equal risks are refused (no
    difference, so no number of people is enough). When the treated risk is higher the
    result is the *number needed to harm*.

    >>> number_needed_to_treat(0.10, 0.05)
    20.0
    """
    control = _share(control_risk, "control_risk")
    treated = _share(treated_risk, "treated_risk")
    difference = abs(control - treated)
    if difference < 1e-12:
        raise ValueError("control_risk and treated_risk are equal: with no difference in risk "
                         "there is no number needed to treat.")
    return 1.0 / difference


def icon_array_counts(risk: float, n_icons: int) -> int:
    """How many of ``n_icons`` people are affected at ``risk``, rounded to the nearest icon.

    Halves round up (0.125 of 100 → 13), so a risk never looks smaller than it is.
    ``risk`` is between 0 and 1; ``n_icons`` is a whole number, 1 or more.

    >>> icon_array_counts(0.083, 100), icon_array_counts(0.083, 1000)
    (8, 83)
    """
    share = _share(risk, "risk")
    n_icons = _checks.whole("n_icons", n_icons, 1)
    return int(math.floor(share * n_icons + 0.5 + 1e-9))


@dataclass(frozen=True)
class ScreeningOutcome:
    """What happens when ``screened`` people take a test: counts of each kind of result."""

    screened: int
    with_disease: int
    true_alarms: int
    false_alarms: int
    missed: int

    @property
    def alarms(self) -> int:
        """Everyone told "the test is positive"."""
        return self.true_alarms + self.false_alarms

    @property
    def share_of_alarms_true(self) -> float:
        """Of those told "positive", the share who have the disease (positive predictive value)."""
        return self.true_alarms / self.alarms if self.alarms else 0.0


def screening_outcomes(screened: int, prevalence: float, sensitivity: float,
                       specificity: float) -> ScreeningOutcome:
    """Expected results of screening ``screened`` people, each count rounded to a whole person.

    ``prevalence`` is the share who have the disease; ``sensitivity`` the share of them the
    test finds; ``specificity`` the share of healthy people it correctly calls negative.
    """
    screened = _checks.whole("screened (people)", screened, 1)
    prev = _share(prevalence, "prevalence")
    sens = _share(sensitivity, "sensitivity")
    spec = _share(specificity, "specificity")
    sick = icon_array_counts(prev, screened)
    found = icon_array_counts(sens, sick) if sick else 0
    healthy = screened - sick
    false = healthy - (icon_array_counts(spec, healthy) if healthy else 0)
    return ScreeningOutcome(screened, sick, found, false, sick - found)


def carrier_chance(degree: int) -> float:
    """Chance that a relative of ``degree`` shares a carrier's *dominant* variant.

    ``degree`` 1 = parent, child, brother or sister; 2 = aunt, uncle, niece, nephew,
    grandparent; 3 = first cousin. The chance halves with each step: ``0.5 ** degree``.
    """
    degree = _checks.whole("degree", degree, 1, 3,
                           hint=" Use 1 (first-degree), 2 or 3 (first cousins).")
    return 0.5 ** degree


def expected_carriers(first: int = 0, second: int = 0, third: int = 0) -> float:
    """Expected carriers of a dominant variant among a carrier's relatives of each degree.

    >>> expected_carriers(first=3, second=2)
    2.0
    """
    total = 0.0
    for degree, count in ((1, first), (2, second), (3, third)):
        count = _checks.whole("the number of relatives", count, 0)
        total += count * carrier_chance(degree)
    return total


def person_risk(features: dict[str, float], model: str = "with_prs") -> float:
    """10-year risk of a heart attack or stroke for one simulated person (a share 0–1).

    ``features`` holds the model's inputs (see :data:`precisionmed.risk.model.TERMS`); the
    coefficients are the ones the dataset build fitted (``risk/model_coefficients``).
    """
    from precisionmed.risk import model as rm

    return rm.predict_one(features, model)


def in_words(risk: float, n_icons: int = 100) -> str:
    """A risk as natural frequency: ``"8 in 100"`` (the icon count), never a bare percentage."""
    return f"{icon_array_counts(risk, n_icons):,} in {n_icons:,}"


def facts() -> pd.DataFrame:
    """The lesson's sourced numbers (``datasets/knowledge/risk_facts``)."""
    from precisionmed import data

    return data.load("knowledge/risk_facts")


def fact(key: str) -> float:
    """The value of one sourced number by its key (see :func:`facts`)."""
    from precisionmed import data

    return float(data.fact_row("knowledge/risk_facts", key)["value"])


def source(key: str) -> str:
    """The source of one sourced number by its key."""
    from precisionmed import data

    return str(data.fact_row("knowledge/risk_facts", key)["source"])
