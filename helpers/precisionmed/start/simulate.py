"""Lesson 00's data: a simulated two-site trial (the recurring patients are a curated table).

The trial is invented for teaching. Its one real ingredient is how common the marker is at each
site, taken from EGFR-mutation prevalence in lung cancer (Zhang et al., Oncotarget 2016:
China 38.4 %, Europe 14.1 %). Response rates are invented round numbers, stated in the lesson.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.tables import column as _col
from precisionmed.tables import write_table

ORDER = 10
SEED = 20260001

#: Invented response probabilities for the lesson-00 trial (teaching values, not data).
RESPONSE_RATES = {
    ("new drug", True): 0.70,
    ("new drug", False): 0.10,
    ("standard care", True): 0.30,
    ("standard care", False): 0.30,
}

#: Trial sites: the ancestry group each stands for and the knowledge-table row
#: (``knowledge/onc_prevalence``: EGFR sensitising mutations in lung cancer, Zhang et al. 2016)
#: that sets how common the marker is there.
SITES = {
    "Site A": {"group": "European", "prevalence_population": "Europe", "n": 400},
    "Site B": {"group": "East Asian", "prevalence_population": "China", "n": 400},
}


def site_prevalence(site: str) -> float:
    """Marker prevalence at ``site``, read from the knowledge table ``knowledge/onc_prevalence``."""
    from precisionmed import data

    if site not in SITES:
        raise ValueError(f"Unknown site {site!r}; sites are {', '.join(SITES)}.")
    table = data.load("knowledge/onc_prevalence")
    row = table[(table["biomarker"] == "EGFR sensitising mutation")
                & (table["cancer_type"] == "lung")
                & (table["population"] == SITES[site]["prevalence_population"])]
    if len(row) != 1:
        raise ValueError(f"knowledge/onc_prevalence needs one EGFR lung row for "
                         f"{SITES[site]['prevalence_population']!r}.")
    return float(row["prevalence"].iloc[0])

TRIAL_SCHEMA = {
    "title": "A simulated two-site trial of a targeted drug",
    "description": (
        "800 invented patients with the same cancer at two trial sites, randomly given a new "
        "targeted drug or standard care. The drug works much better when the tumour carries a "
        "marker; the marker is more common at Site B. Response rates are invented teaching "
        "values; the marker prevalence per site follows EGFR-mutation prevalence in lung cancer."
    ),
    "made_by": f"simulated by precisionmed.start.simulate with numpy default_rng(seed={SEED})",
    "version": "2026-11-23",
    "sources": [
        "Marker prevalence: EGFR sensitising mutations in NSCLC, China 38.4% vs Europe 14.1% — "
        "Zhang et al., Oncotarget 2016 (meta-analysis of 456 studies).",
        "Response rates (70% / 10% with the drug, 30% with standard care): invented for teaching.",
    ],
    "columns": [
        _col("patient_id", "string", "Trial identifier, T-0001 …"),
        _col("site", "string", "Trial site.", allowed=list(SITES)),
        _col("ancestry_group", "string", "Most common ancestry group at the site (coarse label "
             "from the source study; not biology of race).", allowed=["European", "East Asian"]),
        _col("marker_positive", "boolean", "Whether the tumour carries the marker."),
        _col("arm", "string", "Treatment given by randomisation.",
             allowed=["new drug", "standard care"]),
        _col("responded", "boolean", "Whether the tumour shrank (responded) on treatment."),
    ],
}


def simulate_trial(seed: int = SEED) -> pd.DataFrame:
    """Simulate the lesson-00 trial with ``numpy.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    rows = []
    counter = 0
    for site, spec in SITES.items():
        n = int(spec["n"])
        # Exactly round(prevalence * n) marker-positive patients, in random order.
        marker = rng.permutation(n) < round(site_prevalence(site) * n)
        arm = np.where(rng.permutation(n) < n // 2, "new drug", "standard care")
        draws = rng.random(n)
        for i in range(n):
            counter += 1
            p = RESPONSE_RATES[(str(arm[i]), bool(marker[i]))]
            rows.append({
                "patient_id": f"T-{counter:04d}", "site": site,
                "ancestry_group": spec["group"], "marker_positive": bool(marker[i]),
                "arm": str(arm[i]), "responded": bool(draws[i] < p),
            })
    return pd.DataFrame(rows)


def build(out_dir: Path) -> list[Path]:
    """Write ``start/trial`` under ``out_dir``."""
    return write_table(simulate_trial(), Path(out_dir), "start/trial", TRIAL_SCHEMA)
