"""Lesson 00's data: the recurring patients and a simulated two-site trial.

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

RECURRING = [
    {
        "patient_id": "PM-001", "name": "Amara", "age_years": 52, "sex": "female",
        "population": "AFR", "background": "Nigerian-British teacher",
        "story": "Found a lump in her breast; the biopsy shows breast cancer. Her doctors "
                 "will use the tumour's subtype to choose treatment, and her genes may "
                 "change how well tamoxifen works.",
        "lessons": "00;01;03;05", "height_cm": 165, "weight_kg": 72,
        "medications": "none yet", "cyp2c19": "*1/*1", "cyp2d6": "*17/*29",
        "cyp2c9": "*1/*1", "vkorc1": "G/G", "dpyd": "Reference/Reference",
        "tumour_type": "breast", "tumour_alterations": "PIK3CA H1047R",
        "breast_subtype": "Luminal A",
    },
    {
        "patient_id": "PM-002", "name": "Wei", "age_years": 64, "sex": "male",
        "population": "EAS", "background": "retired engineer, never smoked",
        "story": "Had a heart stent two years ago and takes clopidogrel. Now a cough that "
                 "will not go away turns out to be lung cancer.",
        "lessons": "00;01;03;04", "height_cm": 170, "weight_kg": 66,
        "medications": "clopidogrel", "cyp2c19": "*2/*3", "cyp2d6": "*1/*10",
        "cyp2c9": "*1/*1", "vkorc1": "A/A", "dpyd": "Reference/Reference",
        "tumour_type": "lung", "tumour_alterations": "EGFR L858R",
        "breast_subtype": "",
    },
    {
        "patient_id": "PM-003", "name": "Rosa", "age_years": 71, "sex": "female",
        "population": "AMR", "background": "grandmother and keen gardener",
        "story": "Has an irregular heartbeat (atrial fibrillation) and is starting warfarin, "
                 "a blood thinner whose right dose differs a lot between people.",
        "lessons": "00;01;02", "height_cm": 158, "weight_kg": 68,
        "medications": "warfarin (starting)", "cyp2c19": "*1/*17", "cyp2d6": "*1/*2",
        "cyp2c9": "*1/*2", "vkorc1": "G/A", "dpyd": "Reference/Reference",
        "tumour_type": "", "tumour_alterations": "", "breast_subtype": "",
    },
    {
        "patient_id": "PM-004", "name": "Daniel", "age_years": 29, "sex": "male",
        "population": "EUR", "background": "delivery driver",
        "story": "Had a wisdom tooth removed and was offered codeine for the pain. Codeine "
                 "only works once the body turns it into morphine, and people do this at "
                 "very different speeds.",
        "lessons": "00;01", "height_cm": 182, "weight_kg": 80,
        "medications": "codeine (offered)", "cyp2c19": "*1/*1", "cyp2d6": "*1/*2x2",
        "cyp2c9": "*1/*1", "vkorc1": "G/A", "dpyd": "Reference/Reference",
        "tumour_type": "", "tumour_alterations": "", "breast_subtype": "",
    },
    {
        "patient_id": "PM-005", "name": "Priya", "age_years": 58, "sex": "female",
        "population": "SAS", "background": "accountant and mother of two",
        "story": "Has bowel (colorectal) cancer. Her tumour's DNA guides which targeted drugs "
                 "can help, and her own DNA matters for the chemotherapy capecitabine.",
        "lessons": "00;01;03", "height_cm": 160, "weight_kg": 61,
        "medications": "capecitabine (planned)", "cyp2c19": "*1/*2", "cyp2d6": "*1/*41",
        "cyp2c9": "*1/*1", "vkorc1": "G/A", "dpyd": "Reference/c.1905+1G>A",
        "tumour_type": "colorectal", "tumour_alterations": "KRAS G12C",
        "breast_subtype": "",
    },
]

_POPULATIONS = ["AFR", "AMR", "EAS", "EUR", "SAS"]



RECURRING_SCHEMA = {
    "title": "The course's recurring simulated patients",
    "description": (
        "Five invented people who appear across the lessons. Their genotypes and tumour "
        "findings are the 'truth' that later simulated cohorts include, so a learner meets "
        "the same person in pharmacogenomics, tumour-DNA and subtyping lessons. Not real people."
    ),
    "made_by": "written by hand in precisionmed.start.simulate (no randomness)",
    "version": "2026-11-23",
    "sources": ["Genotypes chosen from alleles common in each 1000 Genomes super-population "
                "(see knowledge tables of the pharmacogenomics lessons)."],
    "columns": [
        _col("patient_id", "string", "Course-wide identifier, PM-001 … PM-005."),
        _col("name", "string", "First name (invented)."),
        _col("age_years", "integer", "Age.", unit="years"),
        _col("sex", "string", "Sex recorded at birth.", allowed=["female", "male"]),
        _col("population", "string", "1000 Genomes super-population used to simulate genotypes "
             "(a coarse ancestry proxy, not race).", allowed=_POPULATIONS),
        _col("background", "string", "A few words about the person."),
        _col("story", "string", "Why they meet medicine in this course."),
        _col("lessons", "string", "Lesson numbers that use this patient, separated by ';'."),
        _col("height_cm", "integer", "Height.", unit="cm"),
        _col("weight_kg", "integer", "Weight.", unit="kg"),
        _col("medications", "string", "Current or planned medicines."),
        _col("cyp2c19", "string", "CYP2C19 diplotype (star alleles)."),
        _col("cyp2d6", "string", "CYP2D6 diplotype; 'x2' marks a duplicated gene copy."),
        _col("cyp2c9", "string", "CYP2C9 diplotype."),
        _col("vkorc1", "string", "VKORC1 -1639G>A (rs9923231) genotype.",
             allowed=["G/G", "G/A", "A/A"]),
        _col("dpyd", "string", "DPYD diplotype written with CPIC variant names "
             "('Reference' = none of the tested variants)."),
        _col("tumour_type", "string", "Cancer type, if any.", nullable=True,
             allowed=["breast", "lung", "colorectal", "melanoma", "CML", "GIST", "AML"]),
        _col("tumour_alterations", "string", "Driver alterations in the tumour, separated by ';'.",
             nullable=True),
        _col("breast_subtype", "string", "PAM50 intrinsic subtype (breast cancer only).",
             nullable=True),
    ],
}

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


def recurring_patients() -> pd.DataFrame:
    """Return the recurring patients as a table (the same rows the build writes)."""
    return pd.DataFrame(RECURRING)


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
    """Write ``patients/recurring`` and ``start/trial`` under ``out_dir``."""
    out_dir = Path(out_dir)
    written = write_table(recurring_patients(), out_dir, "patients/recurring", RECURRING_SCHEMA)
    written += write_table(simulate_trial(), out_dir, "start/trial", TRIAL_SCHEMA)
    return written
