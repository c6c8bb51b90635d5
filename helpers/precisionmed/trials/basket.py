"""Basket trials: one drug for one biomarker, tried in several tumour types ("baskets").

Simplified for teaching. Each basket's patients respond with that basket's true chance; there
is no control arm. Draws come from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from precisionmed.plots import OKABE_ITO
from precisionmed.stats import response_rates
from precisionmed.trials import _checks
from precisionmed.trials.randomised import SEED

#: Illustrative response rates per tumour type for a TRK-fusion basket trial. Only the pooled
#: response (75%, Drilon et al., N Engl J Med 2018) is published in the course fact sheet; the
#: split by tumour type is invented for teaching.
ILLUSTRATIVE_BASKETS: dict[str, float] = {
    "infantile fibrosarcoma": 0.90,
    "salivary gland": 0.85,
    "soft-tissue sarcoma": 0.80,
    "thyroid": 0.75,
    "lung": 0.70,
    "colorectal": 0.50,
}



def simulate_basket(response_rates: Mapping[str, float] | None = None,
                    patients_per_basket: int = 12, seed: int = SEED) -> pd.DataFrame:
    """Simulate a basket trial: one drug, one biomarker, several tumour types ("baskets").

    ``response_rates`` maps a tumour type to its true chance of response (0–1); by default
    :data:`ILLUSTRATIVE_BASKETS` (invented split around the published 75%). Returns columns
    ``patient_id``, ``basket``, ``true_rate`` and ``responded``.
    """
    rates = dict(ILLUSTRATIVE_BASKETS if response_rates is None else response_rates)
    if not isinstance(rates, dict) or not rates:
        raise ValueError("response_rates must map at least one tumour type to a response rate.")
    for basket, rate in rates.items():
        if not isinstance(basket, str) or not basket.strip():
            raise ValueError(f"Basket names must be non-empty text, got {basket!r}.")
        _checks.share(f"response rate of {basket!r}", rate)
    k = _checks.whole("patients_per_basket", patients_per_basket, 1, 10_000)
    rng = np.random.default_rng(_checks.seed(seed))
    rows = []
    for basket, rate in rates.items():
        draws = rng.random(k)
        for i in range(k):
            rows.append({"patient_id": f"B-{len(rows) + 1:04d}", "basket": basket,
                         "true_rate": float(rate), "responded": bool(draws[i] < rate)})
    return pd.DataFrame(rows)


def basket_summary(basket: pd.DataFrame) -> pd.DataFrame:
    """Response rate per basket with a 95% Wilson interval, in the baskets' original order.

    Columns ``basket``, ``patients``, ``responders``, ``rate``, ``ci_low``, ``ci_high``,
    ``true_rate``; a last row ``"all baskets"`` pools everyone.
    """
    frame = _checks.table("basket", basket, ["basket", "responded"])
    order = list(dict.fromkeys(frame["basket"]))
    per = response_rates(frame, by=["basket"]).set_index("basket").loc[order].reset_index()
    pooled = response_rates(frame.assign(basket="all baskets"), by=["basket"])
    out = pd.concat([per, pooled], ignore_index=True)
    if "true_rate" in frame.columns:
        truth = frame.groupby("basket", sort=False)["true_rate"].first()
        pooled_truth = float(frame["true_rate"].astype(float).mean())
        out["true_rate"] = [float(truth[b]) if b in truth.index else pooled_truth
                            for b in out["basket"]]
    return out


def plot_basket(ax: Axes, summary: pd.DataFrame) -> None:
    """Bar chart of :func:`basket_summary`: observed response with 95% range, and true rate."""
    _checks.axes(ax)
    frame = _checks.table("summary", summary, ["basket", "rate", "ci_low", "ci_high"])
    x = np.arange(len(frame))
    err = np.vstack([frame["rate"] - frame["ci_low"], frame["ci_high"] - frame["rate"]]) * 100
    ax.bar(x, frame["rate"] * 100, 0.7, yerr=err, capsize=4, color=OKABE_ITO["blue"],
           label="observed (bar: 95% range)")
    if "true_rate" in frame.columns:
        ax.plot(x, frame["true_rate"] * 100, "D", color=OKABE_ITO["orange"], ms=8,
                label="true rate (simulation)")
    ax.set_xticks(x, [str(b) for b in frame["basket"]], rotation=30, ha="right")
    ax.set_ylim(0, 125)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel("Patients who respond (%)")
    ax.legend(loc="upper center", ncol=2)


def describe_basket(summary: pd.DataFrame) -> str:
    """One-sentence description (alt text) of :func:`plot_basket`'s chart."""
    frame = _checks.table("summary", summary, ["basket", "rate"])
    low = frame.iloc[:-1].sort_values("rate").iloc[0] if len(frame) > 1 else frame.iloc[0]
    high = frame.iloc[:-1].sort_values("rate").iloc[-1] if len(frame) > 1 else frame.iloc[0]
    return (f"Bar chart of the share of patients responding in {len(frame) - 1} baskets and "
            f"pooled: from {low['rate']:.0%} ({low['basket']}) to {high['rate']:.0%} "
            f"({high['basket']}), each with a wide 95% range because the baskets are small.")
