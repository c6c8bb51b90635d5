"""Lesson 06's data: immunotherapy biomarkers for lesson 03's tumours, and a basket trial.

Files written under ``immunotherapy/`` (run ``python -m precisionmed.datasets build``):

- ``tumours``: for each of lesson 03's 540 simulated tumours, the TMB *counted* from its
  somatic calls (``oncology/maf`` + ``oncology/answer_key``) on the course panel
  (``PANEL_MEGABASES``), the five Bethesda microsatellite markers (MSI-H tumours are the ones
  with an MSI-H call in lesson 03), mismatch-repair staining and PD-L1 staining counts.
- ``basket_trial`` and ``basket_answer_key``: a simulated tumour-agnostic basket trial of a
  checkpoint inhibitor in the ten KEYNOTE-158 tumour types, whose response chance rises with
  TMB, calibrated so the expected response rates are KEYNOTE-158's 28.3% (TMB ≥ 10) and 6.5%
  (TMB < 10), and dMMR tumours respond at Le 2015's pooled 9 of 17.
- ``facts`` and ``protein_fragments``: the lesson's sourced numbers and the KRAS fragment.

Every random draw uses ``numpy.random.default_rng(SEED)``; floats are rounded by the schema.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed import immunotherapy as im
from precisionmed.immunotherapy import knowledge as _facts
from precisionmed.tables import column as _col
from precisionmed.tables import write_table

ORDER = 60
SEED = 20260606
VERSION = "2026-12-01"
#: Variant types a TMB counts (single-letter changes and small insertions/deletions).
COUNTED_TYPES = ("SNV", "deletion", "insertion")
#: Invented teaching value: share of MSS tumours with one unstable marker (MSI-L).
MSI_L_SHARE = 0.05
#: Tumour types of KEYNOTE-158's cohorts A–J (the trial's real baskets).
BASKET_TYPES = ("anal", "biliary", "cervical", "endometrial", "mesothelioma", "neuroendocrine",
                "salivary", "small-cell lung", "thyroid", "vulvar")
#: Invented teaching values: patients per basket and median true TMB (mut/Mb) of tumours with
#: working mismatch repair; dMMR share per basket (endometrial highest, as in Akagi 2021).
BASKET_PATIENTS = 76
BASKET_MEDIAN_TMB = {"anal": 4.0, "biliary": 3.5, "cervical": 5.8, "endometrial": 4.0,
                     "mesothelioma": 1.7, "neuroendocrine": 1.7, "salivary": 2.9,
                     "small-cell lung": 9.2, "thyroid": 1.7, "vulvar": 5.8}
BASKET_DMMR_SHARE = {"endometrial": 0.17, "biliary": 0.03, "small-cell lung": 0.01}
DMMR_MEDIAN_TMB = 40.0
TMB_SPREAD = 0.75
#: Panel size of the trial's test (about the size Chalmers 2017 found to track the exome).
BASKET_PANEL_MB = 1.1
#: Calibration targets (KEYNOTE-158) and the dMMR response chance (Le 2015 pooled, 9 of 17).
TARGET_HIGH = 0.283
TARGET_LOW = 0.065
DMMR_RESPONSE = 9 / 17
#: Slope of the logistic response curve on log10(TMB + 1), fixed by the calibration below.


def _made_by() -> str:
    return f"simulated by precisionmed.immunotherapy.simulate with numpy default_rng(seed={SEED})"


# --- biomarkers for lesson 03's tumours ---------------------------------------------------------

def tumour_biomarkers(root: Path, seed: int = SEED) -> pd.DataFrame:
    """One row per lesson-03 tumour: counted TMB, Bethesda markers, MMR stain, PD-L1 counts.

    ``root`` is a ``datasets/`` folder that already holds ``oncology/clinical``,
    ``oncology/maf`` and ``oncology/answer_key`` (the build writes those first).
    """
    from precisionmed import data
    from precisionmed.oncology import PANEL_MEGABASES

    clinical = data.load("oncology/clinical", root=root)
    maf = data.load("oncology/maf", root=root)
    key = data.load("oncology/answer_key", root=root)
    if len(maf) != len(key) or not (maf["patient_id"].to_numpy() == key["patient_id"].to_numpy()
                                    ).all():
        raise ValueError("oncology/maf and oncology/answer_key no longer line up row by row.")
    counted = maf[(key["origin"].to_numpy() == "somatic") & maf["variant_type"].isin(
        COUNTED_TYPES).to_numpy() & (maf["filter"] == "PASS").to_numpy()]
    counts = counted.groupby("patient_id").size()
    msi_ids = set(maf.loc[maf["alteration"] == "MSI-H", "patient_id"])
    rng = np.random.default_rng(seed)
    rows = []
    for patient in clinical.itertuples(index=False):
        pid = str(patient.patient_id)
        n = int(counts.get(pid, 0))
        unstable = [False] * len(im.BETHESDA_MARKERS)
        if pid in msi_ids:
            k = int(rng.integers(2, 6))  # 2–5 of 5 markers
            # mononucleotide markers (BAT-25, BAT-26) first: they are unstable most often
            order = [0, 1, *list(rng.permutation([2, 3, 4]))]
            for i in order[:k]:
                unstable[i] = True
        elif rng.random() < MSI_L_SHARE:
            unstable[int(rng.integers(len(unstable)))] = True
        status = im.msi_status(sum(unstable), len(unstable))
        dmmr = pid in msi_ids
        lost = (("MLH1/PMS2" if rng.random() < 0.75 else "MSH2/MSH6") if dmmr else None)
        blood = str(patient.sample) != "tumour biopsy"
        if blood:
            viable = pos_t = pos_l = pos_m = None
        else:
            viable = int(rng.integers(150, 2001))
            high_expresser = str(patient.cancer_type) in ("lung", "melanoma")
            share = float(rng.beta(0.55, 1.1) if high_expresser else rng.beta(0.35, 2.2))
            pos_t = int(rng.binomial(viable, share))
            pos_l = int(rng.poisson(viable * rng.gamma(1.2, 0.05)))
            pos_m = int(rng.poisson(viable * rng.gamma(1.0, 0.03)))
        rows.append({
            "patient_id": pid, "name": patient.name if pd.notna(patient.name) else None,
            "cancer_type": str(patient.cancer_type), "mutations_counted": n,
            "panel_mb": PANEL_MEGABASES, "tmb": im.tmb(n, PANEL_MEGABASES),
            "tmb_high": im.tmb_high(im.tmb(n, PANEL_MEGABASES)),
            **{f"msi_{m.replace('-', '').lower()}": u
               for m, u in zip(im.BETHESDA_MARKERS, unstable, strict=True)},
            "msi_unstable": sum(unstable), "msi_tested": len(unstable), "msi_status": status,
            "mmr_ihc": "dMMR" if dmmr else "pMMR", "mmr_lost": lost,
            "viable_tumour_cells": viable, "pdl1_tumour_cells": pos_t,
            "pdl1_lymphocytes": pos_l, "pdl1_macrophages": pos_m,
        })
    return pd.DataFrame(rows)


def _marker_column(marker: str) -> dict[str, object]:
    return _col(f"msi_{marker.replace('-', '').lower()}", "boolean",
                f"Bethesda marker {marker} unstable in the tumour (PCR, tumour vs normal).")


TUMOURS_SCHEMA = {
    "title": "Immunotherapy biomarkers of lesson 03's simulated tumours",
    "description": (
        "One row per tumour of the lesson 03 cohort (oncology/clinical). The TMB is not drawn: "
        "it is the number of somatic single-letter changes and small insertions/deletions that "
        "pass the filters in oncology/maf (origin from oncology/answer_key) divided by the "
        "course panel's size (0.25 megabases), so it carries the counting noise of a small "
        "panel. MSI markers: tumours with an MSI-H call in lesson 03 get 2–5 of the 5 Bethesda "
        "markers unstable; other tumours none, or (5%, invented) one (MSI-L). PD-L1 staining "
        "counts are drawn independently of TMB (TMB and PD-L1 are nearly unrelated, Yarchoan "
        "2019); blood cancers are not stained (empty). Simulated data for teaching."),
    "made_by": _made_by(), "version": VERSION,
    "sources": [
        "Somatic calls: datasets/oncology/maf.csv and answer_key.csv (lesson 03's simulator).",
        "TMB-high ≥ 10 mut/Mb: FDA approval of pembrolizumab, 16 June 2020 (Marcus and others, "
        "Clin Cancer Res 2021).",
        "Bethesda markers and the 2-of-5 rule: Boland and others, Cancer Res 1998; Umar and "
        "others, J Natl Cancer Inst 2004.",
        "PD-L1 scoring (TPS, CPS, ≥ 100 viable tumour cells): PD-L1 IHC 22C3 pharmDx.",
        "Invented teaching values: MSI-L share, marker choice, MMR proteins lost, PD-L1 "
        "expression distributions and immune-cell counts.",
    ],
    "columns": [
        _col("patient_id", "string", "Identifier from oncology/clinical (PM-… recurring)."),
        _col("name", "string", "First name (recurring patients only).", nullable=True),
        _col("cancer_type", "string", "Cancer type (from oncology/clinical)."),
        _col("mutations_counted", "integer", "Somatic SNVs and small indels passing filters.",
             unit="mutations"),
        _col("panel_mb", "float", "Size of the sequenced panel.", unit="megabases", decimals=2),
        _col("tmb", "float", "Counted TMB: mutations_counted ÷ panel_mb.",
             unit="mutations per megabase", decimals=1),
        _col("tmb_high", "boolean", "TMB at or above 10 mut/Mb."),
        *[_marker_column(m) for m in im.BETHESDA_MARKERS],
        _col("msi_unstable", "integer", "Unstable Bethesda markers.", unit="markers"),
        _col("msi_tested", "integer", "Bethesda markers tested.", unit="markers"),
        _col("msi_status", "string", "MSI-H (≥ 30% unstable), MSI-L (fewer) or MSS (none).",
             allowed=["MSI-H", "MSI-L", "MSS"]),
        _col("mmr_ihc", "string", "Mismatch-repair protein stain: dMMR (a protein is missing) "
             "or pMMR (all present).", allowed=["dMMR", "pMMR"]),
        _col("mmr_lost", "string", "Which pair of repair proteins is missing (dMMR only).",
             nullable=True, allowed=["MLH1/PMS2", "MSH2/MSH6"]),
        _col("viable_tumour_cells", "integer", "Viable tumour cells counted on the PD-L1 "
             "slide (solid tumours only).", unit="cells", nullable=True),
        _col("pdl1_tumour_cells", "integer", "Tumour cells with PD-L1 membrane staining.",
             unit="cells", nullable=True),
        _col("pdl1_lymphocytes", "integer", "PD-L1 positive lymphocytes in or next to the "
             "tumour.", unit="cells", nullable=True),
        _col("pdl1_macrophages", "integer", "PD-L1 positive macrophages in or next to the "
             "tumour.", unit="cells", nullable=True),
    ],
}


# --- the basket trial ----------------------------------------------------------------------------

def _draw_basket(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    counter = 0
    for tumour in BASKET_TYPES:
        n_dmmr = int(round(BASKET_DMMR_SHARE.get(tumour, 0.0) * BASKET_PATIENTS))
        dmmr_slots = set(rng.permutation(BASKET_PATIENTS)[:n_dmmr].tolist())
        for i in range(BASKET_PATIENTS):
            counter += 1
            dmmr = i in dmmr_slots
            median = DMMR_MEDIAN_TMB if dmmr else BASKET_MEDIAN_TMB[tumour]
            true = float(median * math.exp(rng.normal(0.0, TMB_SPREAD)))
            count = int(rng.poisson(true * BASKET_PANEL_MB))
            rows.append({"patient_id": f"KB-{counter:04d}", "tumour_type": tumour,
                         "true_tmb": true, "mutations_counted": count,
                         "tmb": count / BASKET_PANEL_MB, "dmmr": dmmr})
    return pd.DataFrame(rows)


def _expected_rates(frame: pd.DataFrame, intercept: float, slope: float) -> tuple[float, float]:
    p = _probabilities(frame, intercept, slope)
    high = frame["tmb"].to_numpy() >= im.TMB_HIGH_CUTOFF
    return float(p[high].mean()), float(p[~high].mean())


def _probabilities(frame: pd.DataFrame, intercept: float, slope: float) -> np.ndarray:
    z = intercept + slope * np.log10(frame["true_tmb"].to_numpy() + 1.0)
    p = 1.0 / (1.0 + np.exp(-z))
    return np.where(frame["dmmr"].to_numpy(), DMMR_RESPONSE, p)


def calibrate(frame: pd.DataFrame) -> tuple[float, float]:
    """Intercept and slope whose expected response rates hit KEYNOTE-158's two numbers.

    Nested bisection: for each slope, the intercept that gives 6.5% below the cut-off; then
    the slope that gives 28.3% at or above it (dMMR tumours fixed at 9/17).
    """
    needed = {"tmb", "true_tmb", "dmmr"}
    if not isinstance(frame, pd.DataFrame) or not needed <= set(frame.columns) or frame.empty:
        raise ValueError(f"calibrate needs the basket table with columns {sorted(needed)}.")
    def intercept_for(slope: float) -> float:
        lo, hi = -20.0, 10.0
        for _ in range(80):
            mid = (lo + hi) / 2
            if _expected_rates(frame, mid, slope)[1] < TARGET_LOW:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    lo, hi = 0.0, 15.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if _expected_rates(frame, intercept_for(mid), mid)[0] < TARGET_HIGH:
            lo = mid
        else:
            hi = mid
    slope = (lo + hi) / 2
    return intercept_for(slope), slope


def _draw_responders(frame: pd.DataFrame, p: np.ndarray, seed: int) -> np.ndarray:
    """Who responds in the basket trial.

    In each TMB group (≥ 10, < 10) the number of responders is the group's expected number
    (sum of chances, rounded), and who they are is drawn with chances proportional to each
    patient's probability. So the observed rates equal the calibration targets instead of
    wandering by chance, while high-chance patients respond more often.
    """
    rng = np.random.default_rng(seed)
    responded = np.zeros(len(frame), dtype=bool)
    high = frame["tmb"].to_numpy() >= im.TMB_HIGH_CUTOFF
    for group in (high, ~high):
        index = np.flatnonzero(group)
        n = int(round(float(p[index].sum())))
        if n:
            chosen = rng.choice(index, size=n, replace=False, p=p[index] / p[index].sum())
            responded[chosen] = True
    return responded


def simulate_basket(seed: int = SEED) -> dict[str, object]:
    """The simulated basket trial: ``trial`` and ``key`` tables and the fitted curve.

    Deterministic for a given seed.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}.")
    frame = _draw_basket(seed + 1)
    intercept, slope = calibrate(frame)
    p = _probabilities(frame, intercept, slope)
    frame["response_probability"] = p
    frame["responded"] = _draw_responders(frame, p, seed + 2)
    frame["tmb_high"] = frame["tmb"] >= im.TMB_HIGH_CUTOFF
    frame["msi_status"] = np.where(frame["dmmr"], "MSI-H", "MSS")
    return {"trial": frame, "intercept": intercept, "slope": slope}


BASKET_SCHEMA = {
    "title": "Simulated basket trial of a checkpoint inhibitor (tumour-agnostic)",
    "description": (
        f"{BASKET_PATIENTS * len(BASKET_TYPES)} invented patients, {BASKET_PATIENTS} in each of "
        "the ten tumour types of KEYNOTE-158's cohorts A–J, all given the same checkpoint "
        "inhibitor. TMB is counted on a 1.1-megabase panel. The chance of a response rises "
        "with the tumour's true TMB (a logistic curve on log10(TMB + 1)) whose two numbers are "
        "set so that the expected response rate is 28.3% at TMB ≥ 10 and 6.5% below "
        "(KEYNOTE-158); MSI-H (dMMR) tumours respond with chance 9/17 (Le 2015, pooled). "
        "Who responded is drawn once. Simulated data for teaching; the true chances are in "
        "immunotherapy/basket_answer_key."),
    "made_by": _made_by(), "version": VERSION,
    "sources": [
        "Tumour types, 28.3% vs 6.5%, 15.9% TMB-high, 12.5% MSI-H among TMB-high: Marabelle "
        "and others, KEYNOTE-158 TMB analysis (Lancet Oncol 2020).",
        "dMMR response 9 of 17: Le and others, N Engl J Med 2015 (4/10 colorectal, 5/7 other).",
        "Panel of about 1.1 Mb tracks exome TMB: Chalmers and others, Genome Med 2017.",
        "Invented teaching values: patients per basket, TMB medians and spread, dMMR shares.",
    ],
    "columns": [
        _col("patient_id", "string", "Trial identifier (KB-…)."),
        _col("tumour_type", "string", "Basket (KEYNOTE-158 cohort type).",
             allowed=list(BASKET_TYPES)),
        _col("mutations_counted", "integer", "Somatic mutations found on the panel.",
             unit="mutations"),
        _col("tmb", "float", "Measured TMB (mutations_counted ÷ 1.1 Mb).",
             unit="mutations per megabase", decimals=2),
        _col("tmb_high", "boolean", "Measured TMB at or above 10 mut/Mb."),
        _col("msi_status", "string", "Microsatellite status (MSI-H tumours are dMMR).",
             allowed=["MSI-H", "MSS"]),
        _col("responded", "boolean", "Tumour shrank by the trial's response rule (simulated)."),
    ],
}

KEY_SCHEMA = {
    "title": "Answer key of the simulated basket trial (instructors)",
    "description": ("The truth behind immunotherapy/basket_trial: each patient's true TMB and "
                    "simulated chance of response, and the fitted curve's two numbers."),
    "made_by": _made_by(), "version": VERSION,
    "sources": BASKET_SCHEMA["sources"],
    "columns": [
        _col("patient_id", "string", "Trial identifier (KB-…)."),
        _col("true_tmb", "float", "The tumour's true TMB before counting noise.",
             unit="mutations per megabase", decimals=3),
        _col("dmmr", "boolean", "Mismatch repair deficient (responds with chance 9/17)."),
        _col("response_probability", "float", "Simulated chance of a response.", decimals=4),
        _col("curve_intercept", "float", "Logistic curve: intercept a.", decimals=6),
        _col("curve_slope", "float", "Logistic curve: slope b on log10(TMB + 1).", decimals=6),
    ],
}


FACTS_SCHEMA = {
    "title": "Lesson 06 facts: immunotherapy numbers with their sources",
    "description": ("The published numbers lesson 06 quotes, one per row, each with its source. "
                    "Simplified for teaching; not for care. Status 'checked' means read in the "
                    "source or its abstract; 'derived' means arithmetic on checked numbers, "
                    "explained in the source column."),
    "made_by": "written from precisionmed.immunotherapy.knowledge by the lesson 06 simulator",
    "version": VERSION, "as_of": VERSION,
    "sources": ["Each row names its source."],
    "columns": [
        _col("key", "string", "Short name used by the lesson."),
        _col("fact", "string", "What the number is."),
        _col("value", "float", "The number.", decimals=3),
        _col("unit", "string", "Its unit."),
        _col("source", "string", "Paper, label or announcement."),
        _col("status", "string", "How it was checked.", allowed=["checked", "derived"]),
    ],
}

PROTEIN_SCHEMA = {
    "title": "Protein fragment for the peptide panel (real sequence)",
    "description": ("Human KRAS, residues 1–80 of the canonical isoform in UniProt (accession "
                    "P01116), covering the hotspot positions 12, 13 and 61, and the real "
                    "hotspot changes the lesson offers."),
    "made_by": "written from precisionmed.immunotherapy.knowledge by the lesson 06 simulator",
    "version": VERSION,
    "sources": ["UniProt P01116 (RASK_HUMAN), canonical sequence, residues 1–80."],
    "columns": [
        _col("gene", "string", "Gene symbol."),
        _col("uniprot", "string", "UniProt accession."),
        _col("first_residue", "integer", "Position of the fragment's first letter."),
        _col("sequence", "string", "Amino-acid letters (one-letter code)."),
        _col("changes", "string", "Hotspot changes offered, separated by ';'."),
        _col("toy_visible_share", "float", "TOY: share of all single-letter changes in the "
             "fragment that give at least one 9-letter peptide at or above the toy score's "
             "threshold (precisionmed.immunotherapy.toy_visible_share). Not biology.",
             decimals=4),
    ],
}


def build(out_dir: Path) -> list[Path]:
    """Write ``immunotherapy/*`` under ``out_dir`` (needs lesson 03's files there first)."""
    out_dir = Path(out_dir)
    written = write_table(tumour_biomarkers(out_dir), out_dir, "immunotherapy/tumours",
                          TUMOURS_SCHEMA)
    basket = simulate_basket()
    trial = basket["trial"]
    written += write_table(trial, out_dir, "immunotherapy/basket_trial", BASKET_SCHEMA)
    key = trial.assign(curve_intercept=basket["intercept"], curve_slope=basket["slope"])
    written += write_table(key, out_dir, "immunotherapy/basket_answer_key", KEY_SCHEMA)
    facts = pd.DataFrame(_facts.FACTS, columns=["key", "fact", "value", "unit", "source",
                                                "status"])
    written += write_table(facts, out_dir, "immunotherapy/facts", FACTS_SCHEMA)
    protein = pd.DataFrame([{"gene": "KRAS", "uniprot": _facts.KRAS_ACCESSION,
                             "first_residue": 1, "sequence": _facts.KRAS_FRAGMENT,
                             "changes": ";".join(c[0] for c in _facts.KRAS_CHANGES),
                             "toy_visible_share": im.toy_visible_share(_facts.KRAS_FRAGMENT)}])
    written += write_table(protein, out_dir, "immunotherapy/protein_fragments", PROTEIN_SCHEMA)
    return written
