"""Lesson 08's data: a polygenic-score simulation in three populations, and a kidney clinic.

Files written under ``diversity/`` (run ``python -m precisionmed.datasets build``):

- ``pgs_markers``: the simulation's DNA markers: for each of ``BLOCKS`` stretches of DNA, one
  causal variant (not on the genotyping chip) and ``TAGS`` chip markers near it, with each
  marker's allele frequency and its linkage with the causal variant in every population.
- ``pgs_people``: every simulated person (training pools of populations A and C, test sets of
  A, B and C): population, role, trait and their chip genotypes as one string of 0/1/2 copies.
- ``pgs_accuracy``: the precomputed result of the lesson's panel: a score trained on a cohort
  of ``TRAIN_SIZE`` people with a given share from population C (the rest from A), its variance
  explained and calibration slope in each test population, averaged over ``REPLICATES``
  training draws.
- ``kidney_clinic``: simulated adults with blood creatinine, scored with both CKD-EPI
  equations, with the three named patients of the lesson.

Populations are invented: **A** is the well-studied population, **B** a close relative of A,
**C** a population far from A (stronger drift: different allele frequencies, and different
linkage between chip markers and causal variants). The causal effects are the *same* in every
population, so every loss of accuracy comes from frequency and linkage differences and from
who was in the training cohort. Every random draw uses ``numpy.random.default_rng(SEED)``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed import diversity as dv
from precisionmed.tables import column as _col
from precisionmed.tables import write_table

ORDER = 70
SEED = 20260808
VERSION = "2026-12-01"
POPULATIONS = ("A", "B", "C")
#: DNA blocks (each with one causal variant) and chip markers per block.
BLOCKS = 40
TAGS = 3
#: Drift from the shared ancestor (Balding–Nichols F) per population; B branches off A.
DRIFT = {"A": 0.02, "C": 0.15}
DRIFT_B_FROM_A = 0.01
#: Blocks whose causal variant is common in C but rare (2%) in A and B.
PRIVATE_BLOCKS = 6
#: Share of trait variance from the causal variants in population A (heritability).
HERITABILITY = 0.5
#: Training pools, training cohort size, test set size and training draws per mix.
POOL = 2500
TRAIN_SIZE = 2000
TEST_SIZE = 1000
REPLICATES = 8
#: Shares of the training cohort from population C that the lesson's slider offers.
MIXES = tuple(round(0.1 * i, 1) for i in range(11))
#: |z| a marker needs to enter the score.
MIN_ABS_Z = 2.0


def _made_by() -> str:
    return f"simulated by precisionmed.diversity.simulate with numpy default_rng(seed={SEED})"


def _seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}.")
    return int(seed)


def _marker_table(table: object) -> pd.DataFrame:
    need = {"kind", "effect", "block", *(f"freq_{p}" for p in POPULATIONS),
            *(f"link_{p}" for p in POPULATIONS)}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns):
        raise ValueError("table must be the marker table markers() returns "
                         "(diversity/pgs_markers).")
    return table


def _people_table(frame: object) -> pd.DataFrame:
    need = {"population", "role", "trait", "genotypes"}
    if not isinstance(frame, pd.DataFrame) or not need <= set(frame.columns) or frame.empty:
        raise ValueError("frame must be the people table people() returns "
                         "(diversity/pgs_people).")
    return frame


def _drift(rng: np.random.Generator, p: np.ndarray, f: float) -> np.ndarray:
    """Balding–Nichols allele frequencies drifted by F from ``p`` (kept in 0.02–0.98)."""
    a = p * (1 - f) / f
    b = (1 - p) * (1 - f) / f
    return np.clip(rng.beta(a, b), 0.02, 0.98)


def markers(seed: int = SEED) -> pd.DataFrame:
    """The marker table: frequencies and linkage per population (deterministic for a seed)."""
    rng = np.random.default_rng(_seed(seed))
    rows = []
    base_causal = rng.uniform(0.1, 0.9, BLOCKS)
    base_tag = rng.uniform(0.1, 0.9, (BLOCKS, TAGS))
    freq_c = {"A": _drift(rng, base_causal, DRIFT["A"]), "C": _drift(rng, base_causal, DRIFT["C"])}
    freq_c["B"] = _drift(rng, freq_c["A"], DRIFT_B_FROM_A)
    # Some causal variants are common in C but rare in A and B (as many variants common in
    # under-studied populations are rare where most studies were done).
    private = rng.choice(BLOCKS, PRIVATE_BLOCKS, replace=False)
    freq_c["C"][private] = rng.uniform(0.2, 0.5, PRIVATE_BLOCKS)
    for p in ("A", "B"):
        freq_c[p][private] = 0.02
    freq_t = {"A": _drift(rng, base_tag, DRIFT["A"]), "C": _drift(rng, base_tag, DRIFT["C"])}
    freq_t["B"] = _drift(rng, freq_t["A"], DRIFT_B_FROM_A)
    # Linkage: the chance a chip marker's allele copies the causal allele on a chromosome.
    link_a = rng.uniform(0.4, 0.98, (BLOCKS, TAGS))
    link_b = np.clip(link_a + rng.normal(0, 0.05, (BLOCKS, TAGS)), 0.0, 1.0)
    link_c = rng.uniform(0.1, 0.9, (BLOCKS, TAGS))
    links = {"A": link_a, "B": link_b, "C": link_c}
    effects = rng.normal(0.0, 1.0, BLOCKS)
    for k in range(BLOCKS):
        rows.append({"marker_id": f"CV{k + 1:02d}", "block": k + 1, "kind": "causal",
                     "on_chip": False, "effect": effects[k],
                     **{f"freq_{p}": freq_c[p][k] for p in POPULATIONS},
                     **{f"link_{p}": 1.0 for p in POPULATIONS}})
        for j in range(TAGS):
            rows.append({"marker_id": f"M{k + 1:02d}{'abc'[j]}", "block": k + 1, "kind": "chip",
                         "on_chip": True, "effect": 0.0,
                         **{f"freq_{p}": freq_t[p][k, j] for p in POPULATIONS},
                         **{f"link_{p}": links[p][k, j] for p in POPULATIONS}})
    return pd.DataFrame(rows)


def _people_for(rng: np.random.Generator, table: pd.DataFrame, population: str,
                n: int) -> tuple[np.ndarray, np.ndarray]:
    """Chip genotypes (n × chip markers) and causal genotypes (n × blocks) for n people."""
    causal = table[table["kind"] == "causal"]
    chip = table[table["kind"] == "chip"]
    p_causal = causal[f"freq_{population}"].to_numpy()
    p_chip = chip[f"freq_{population}"].to_numpy()
    link = chip[f"link_{population}"].to_numpy()
    block_of = chip["block"].to_numpy() - 1
    chip_g = np.zeros((n, len(chip)), dtype=np.int8)
    causal_g = np.zeros((n, len(causal)), dtype=np.int8)
    for _ in range(2):  # two chromosomes
        c = rng.random((n, len(causal))) < p_causal
        own = rng.random((n, len(chip))) < p_chip
        copy = rng.random((n, len(chip))) < link
        chip_g += np.where(copy, c[:, block_of], own).astype(np.int8)
        causal_g += c.astype(np.int8)
    return chip_g, causal_g


def people(table: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Every simulated person with population, role, trait and chip genotypes."""
    table = _marker_table(table)
    rng = np.random.default_rng(_seed(seed) + 1)
    effects = table.loc[table["kind"] == "causal", "effect"].to_numpy()
    groups = [("A", "train", POOL), ("C", "train", POOL), ("A", "test", TEST_SIZE),
              ("B", "test", TEST_SIZE), ("C", "test", TEST_SIZE)]
    drawn = [(pop, role, *_people_for(rng, table, pop, n)) for pop, role, n in groups]
    # One scale for every population: heritability HERITABILITY in population A's pool.
    a_values = drawn[0][3] @ effects
    scale = float(np.std(a_values))
    centre = float(np.mean(a_values))
    noise_sd = float(np.sqrt((1 - HERITABILITY) / HERITABILITY))
    rows = []
    counter = 0
    for pop, role, chip_g, causal_g in drawn:
        genetic = (causal_g @ effects - centre) / scale
        trait = genetic + rng.normal(0.0, noise_sd, len(genetic))
        for i in range(len(genetic)):
            counter += 1
            rows.append({"person_id": f"PG-{counter:05d}", "population": pop, "role": role,
                         "trait": trait[i], "genetic_value": genetic[i],
                         "genotypes": "".join(map(str, chip_g[i].tolist()))})
    return pd.DataFrame(rows)


def genotype_matrix(frame: pd.DataFrame) -> np.ndarray:
    """The ``genotypes`` strings of ``pgs_people`` rows as a people × markers matrix."""
    if not isinstance(frame, pd.DataFrame) or "genotypes" not in frame:
        raise ValueError("genotype_matrix needs rows of diversity/pgs_people.")
    text = frame["genotypes"].astype(str).tolist()
    if not text:
        raise ValueError("genotype_matrix needs at least one person.")
    width = len(text[0])
    if any(len(t) != width for t in text):
        raise ValueError("every person must have the same number of genotypes.")
    raw = np.frombuffer("".join(text).encode("ascii"), dtype=np.uint8).reshape(len(text), width)
    if raw.min() < 48 or raw.max() > 50:
        raise ValueError("genotypes must be strings of 0, 1 and 2.")
    return (raw - 48).astype(np.int8)


def accuracy_grid(table: pd.DataFrame, frame: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Train on each mix in :data:`MIXES` (``REPLICATES`` draws) and score every test set."""
    table, frame = _marker_table(table), _people_table(frame)
    rng = np.random.default_rng(_seed(seed) + 2)
    blocks = table.loc[table["kind"] == "chip", "block"].to_numpy()
    g = genotype_matrix(frame)
    pop = frame["population"].to_numpy()
    role = frame["role"].to_numpy()
    y = frame["trait"].to_numpy(dtype=float)
    pool = {p: np.flatnonzero((pop == p) & (role == "train")) for p in ("A", "C")}
    tests = {p: np.flatnonzero((pop == p) & (role == "test")) for p in POPULATIONS}
    rows = []
    for mix in MIXES:
        n_c = int(round(TRAIN_SIZE * mix))
        results: dict[str, list[tuple[float, float, int]]] = {p: [] for p in POPULATIONS}
        for _ in range(REPLICATES):
            chosen = np.concatenate([rng.choice(pool["A"], TRAIN_SIZE - n_c, replace=False),
                                     rng.choice(pool["C"], n_c, replace=False)])
            effects = dv.gwas_effects(g[chosen], y[chosen], pop[chosen])
            weights = dv.train_score(effects, blocks, MIN_ABS_Z)
            for p in POPULATIONS:
                acc = dv.score_accuracy(dv.polygenic_score(g[tests[p]], weights), y[tests[p]])
                results[p].append((acc.r2, acc.slope, len(weights)))
        for p in POPULATIONS:
            r2 = np.array([r[0] for r in results[p]])
            slope = np.array([r[1] for r in results[p]])
            kept = np.array([r[2] for r in results[p]])
            rows.append({"share_c": mix, "population": p, "r2": r2.mean(), "r2_min": r2.min(),
                         "r2_max": r2.max(), "slope": slope.mean(),
                         "markers_kept": kept.mean(), "train_a": TRAIN_SIZE - n_c,
                         "train_c": n_c})
    return pd.DataFrame(rows)


def _genetic_ceiling(frame: pd.DataFrame) -> dict[str, float]:
    """Share of trait variance the causal variants explain in each test population."""
    frame = _people_table(frame)
    out = {}
    for p in POPULATIONS:
        rows = frame[(frame["population"] == p) & (frame["role"] == "test")]
        out[p] = float(np.corrcoef(rows["genetic_value"], rows["trait"])[0, 1] ** 2)
    return out


# --- the kidney clinic --------------------------------------------------------------------------

#: The lesson's named patients: (id, name, age, sex, recorded as Black, creatinine mg/dL, story).
NAMED_PATIENTS = (
    ("KC-001", "Marcus", 52, "male", True, 3.7,
     "Has kidney disease from high blood pressure and is being assessed for a kidney "
     "transplant."),
    ("KC-002", "Denise", 61, "female", True, 1.1,
     "Had a routine blood test; her doctor is deciding whether her kidney function is low "
     "enough to count as chronic kidney disease."),
    ("KC-003", "Tom", 58, "male", False, 3.3,
     "Has kidney disease from diabetes and is also being assessed for a transplant."),
)


def kidney_clinic(seed: int = SEED) -> pd.DataFrame:
    """A simulated kidney clinic (named patients first), scored with both equations."""
    rng = np.random.default_rng(_seed(seed) + 3)
    rows = []
    for pid, name, age, sex, black, scr, story in NAMED_PATIENTS:
        rows.append({"patient_id": pid, "name": name, "age_years": age, "sex": sex,
                     "recorded_black": black, "creatinine_mg_dl": scr, "story": story})
    for i in range(len(NAMED_PATIENTS) + 1, 201):
        sex = "female" if rng.random() < 0.5 else "male"
        black = bool(rng.random() < 0.3)
        age = int(rng.integers(25, 86))
        base = 0.75 if sex == "female" else 0.95
        scr = float(np.clip(base * np.exp(rng.normal(0.45, 0.6)), 0.5, 9.0))
        rows.append({"patient_id": f"KC-{i:03d}", "name": None, "age_years": age, "sex": sex,
                     "recorded_black": black, "creatinine_mg_dl": round(scr, 2),
                     "story": None})
    frame = pd.DataFrame(rows)
    frame["egfr_2009"] = [dv.egfr_ckd_epi(s, a, x, "2009", black=bool(b)) for s, a, x, b in
                          zip(frame["creatinine_mg_dl"], frame["age_years"], frame["sex"],
                              frame["recorded_black"], strict=True)]
    frame["egfr_2021"] = [dv.egfr_ckd_epi(s, a, x, "2021") for s, a, x in
                          zip(frame["creatinine_mg_dl"], frame["age_years"], frame["sex"],
                              strict=True)]
    for eq in ("2009", "2021"):
        values = frame[f"egfr_{eq}"].round(1)
        frame[f"category_{eq}"] = [dv.gfr_category(v) for v in values]
        frame[f"waiting_time_{eq}"] = [dv.accrues_waiting_time(v) for v in values]
    return frame


# --- schemas -------------------------------------------------------------------------------------

_POP_NOTE = ("Populations A, B and C are invented, not real ancestry groups: A is the "
             "well-studied one, B a close relative of A, C far from A.")

MARKERS_SCHEMA = {
    "title": "Polygenic-score simulation: DNA markers in three invented populations",
    "description": (f"{BLOCKS} blocks of DNA, each with one causal variant (not on the "
                    f"genotyping chip) and {TAGS} chip markers. Allele frequencies drift from "
                    "a shared ancestor (Balding–Nichols; F 0.02 for A, 0.15 for C, B 0.01 "
                    "from A). Linkage is the chance that a chip marker's allele copies the "
                    "causal allele on a chromosome: similar in A and B, drawn afresh in C. "
                    "Causal effects are the same in every population. " + _POP_NOTE +
                    " Simulated data for teaching."),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Design after Martin AR and others, Am J Hum Genet 2017;100:635 (simulated "
                "scores lose accuracy with frequency and linkage differences) and Martin AR "
                "and others, Nat Genet 2019;51:584.",
                "Invented teaching values: block count, frequencies, linkage, effects."],
    "columns": [
        _col("marker_id", "string", "Marker name (CVnn causal; Mnnx chip markers)."),
        _col("block", "integer", "DNA block the marker sits in."),
        _col("kind", "string", "causal variant or chip marker.", allowed=["causal", "chip"]),
        _col("on_chip", "boolean", "Measured by the genotyping chip."),
        _col("effect", "float", "Effect of one copy of the causal allele on the trait "
             "(before scaling; 0 for chip markers).", decimals=4),
        *[_col(f"freq_{p}", "float", f"Allele frequency in population {p}.", decimals=4)
          for p in POPULATIONS],
        *[_col(f"link_{p}", "float", f"Linkage with the block's causal variant in "
               f"population {p} (chance of copying its allele).", decimals=4)
          for p in POPULATIONS],
    ],
}

PEOPLE_SCHEMA = {
    "title": "Polygenic-score simulation: people, traits and chip genotypes",
    "description": (f"Training pools of {POOL} people from A and from C, and test sets of "
                    f"{TEST_SIZE} from each of A, B and C. The trait is the causal variants' "
                    f"effect, scaled so that they explain {HERITABILITY:.0%} of the trait's "
                    "variance in A, plus random non-genetic variation. " + _POP_NOTE +
                    " Simulated data for teaching."),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["diversity/pgs_markers (this simulation)."],
    "columns": [
        _col("person_id", "string", "Identifier (PG-…)."),
        _col("population", "string", "Invented population.", allowed=list(POPULATIONS)),
        _col("role", "string", "Training pool or test set.", allowed=["train", "test"]),
        _col("trait", "float", "Measured trait (standard units).", decimals=4),
        _col("genetic_value", "float", "The causal variants' part of the trait (unknown in "
             "real life).", decimals=4),
        _col("genotypes", "string", "Copies (0, 1, 2) of each chip marker in pgs_markers "
             "order, one digit per marker."),
    ],
}

ACCURACY_SCHEMA = {
    "title": "Polygenic-score simulation: accuracy by training mix (precomputed)",
    "description": (f"For each share of population C in a training cohort of {TRAIN_SIZE} "
                    "(the rest from A), a genome-wide scan adjusted for population, a score "
                    f"keeping the strongest chip marker per block (|z| ≥ {MIN_ABS_Z:g}), and "
                    "its accuracy in each test set: variance explained (r²) and calibration "
                    f"slope, averaged over {REPLICATES} random training draws. " + _POP_NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["precisionmed.diversity.gwas_effects, train_score and score_accuracy on "
                "diversity/pgs_people."],
    "columns": [
        _col("share_c", "float", "Share of the training cohort from population C.",
             decimals=1),
        _col("population", "string", "Test population.", allowed=list(POPULATIONS)),
        _col("r2", "float", "Mean variance explained by the score (0–1).", decimals=4),
        _col("r2_min", "float", "Lowest r² over the training draws.", decimals=4),
        _col("r2_max", "float", "Highest r² over the training draws.", decimals=4),
        _col("slope", "float", "Mean calibration slope (trait on score; 1 = well "
             "calibrated).", decimals=3),
        _col("markers_kept", "float", "Mean markers in the score.", decimals=1),
        _col("train_a", "integer", "Training people from A.", unit="people"),
        _col("train_c", "integer", "Training people from C.", unit="people"),
    ],
}

KIDNEY_SCHEMA = {
    "title": "Simulated kidney clinic scored with the CKD-EPI 2009 and 2021 equations",
    "description": ("Invented adults with a standardised blood creatinine, each scored with "
                    "the CKD-EPI 2009 equation (with its race coefficient, using the race the "
                    "clinic recorded) and the 2021 refit without race. The first three rows "
                    "are the lesson's named patients. The waiting-time columns apply the US "
                    "rule that an adult kidney candidate accrues waiting time at eGFR ≤ 20 "
                    "(simplified). Simulated data for teaching, not for care."),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Levey AS and others, Ann Intern Med 2009;150:604 (CKD-EPI 2009).",
                "Inker LA and others, N Engl J Med 2021;385:1737 (CKD-EPI 2021).",
                "KDIGO 2012/2024 GFR categories G1–G5.",
                "OPTN policy: waiting time from eGFR ≤ 20 mL/min; race-neutral eGFR required "
                "from 27 July 2022.",
                "Invented teaching values: ages, sexes, recorded race shares, creatinine."],
    "columns": [
        _col("patient_id", "string", "Identifier (KC-…)."),
        _col("name", "string", "First name (named patients only).", nullable=True),
        _col("age_years", "integer", "Age.", unit="years"),
        _col("sex", "string", "Sex as the equations use it.", allowed=list(dv.SEXES)),
        _col("recorded_black", "boolean", "The clinic recorded the patient as Black (a "
             "social label the 2009 equation used; not a measure of biology)."),
        _col("creatinine_mg_dl", "float", "Standardised serum creatinine.", unit="mg/dL",
             decimals=2),
        _col("story", "string", "Why the patient is here (named patients).", nullable=True),
        _col("egfr_2009", "float", "eGFR by CKD-EPI 2009.", unit="mL/min/1.73 m²",
             decimals=1),
        _col("egfr_2021", "float", "eGFR by CKD-EPI 2021.", unit="mL/min/1.73 m²",
             decimals=1),
        _col("category_2009", "string", "KDIGO GFR category by 2009.",
             allowed=[c for _, c in dv.GFR_CATEGORIES]),
        _col("category_2021", "string", "KDIGO GFR category by 2021.",
             allowed=[c for _, c in dv.GFR_CATEGORIES]),
        _col("waiting_time_2009", "boolean", "eGFR 2009 ≤ 20 (would accrue waiting time)."),
        _col("waiting_time_2021", "boolean", "eGFR 2021 ≤ 20 (would accrue waiting time)."),
    ],
}


def build(out_dir: Path) -> list[Path]:
    """Write ``diversity/*`` under ``out_dir``."""
    out_dir = Path(out_dir)
    table = markers()
    written = write_table(table, out_dir, "diversity/pgs_markers", MARKERS_SCHEMA)
    frame = people(table)
    written += write_table(frame, out_dir, "diversity/pgs_people", PEOPLE_SCHEMA)
    written += write_table(accuracy_grid(table, frame), out_dir, "diversity/pgs_accuracy",
                           ACCURACY_SCHEMA)
    written += write_table(kidney_clinic(), out_dir, "diversity/kidney_clinic", KIDNEY_SCHEMA)
    return written
