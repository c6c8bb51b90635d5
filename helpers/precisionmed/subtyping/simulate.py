"""Lesson 05's data: a simulated breast-cancer expression cohort with subtypes and outcomes.

What is real and what is invented:

* **Real** (``datasets/knowledge/``): the 50 PAM50 genes and their published centroids (genefu
  PAM50 model; Parker et al., J Clin Oncol 2009), the subtype mix (Nurses' Health Study,
  Cancer Epidemiol Biomarkers Prev 2019) and the order of prognosis (Am J Cancer Res 2015).
* **Invented for teaching**: baseline expression levels, noise, the background genes and their
  modules, the lab (batch) offsets, the clinic ER/PR/HER2 probabilities and the hazard rates.

Each tumour's expression is ``baseline + centroid of its subtype + module scores + noise`` on a
log2 scale. Background genes belong to four correlated modules (proliferation, luminal, basal,
immune) or to none. Tumours were measured in two labs; Lab 2 adds a gene-specific offset
(a batch effect) that lessons remove by centring each gene within each lab.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.tables import column as _col
from precisionmed.tables import write_schema, write_table

ORDER = 50
SEED = 20260005

N_TUMOURS = 600
N_BACKGROUND = 450
DECIMALS = 2

SUBTYPES = ["Luminal A", "Luminal B", "HER2-enriched", "Basal-like", "Normal-like"]
_CENTROID_COLUMNS = ["luminal_a", "luminal_b", "her2_enriched", "basal_like", "normal_like"]

#: Teaching assignment of PAM50 genes to co-varying modules (how the simulator adds
#: tumour-to-tumour variation inside a subtype); not part of the published model.
PAM50_MODULES = {
    "proliferation": ["ANLN", "BIRC5", "CCNB1", "CCNE1", "CDC20", "CDC6", "CDCA1", "CENPF",
                      "CEP55", "EXO1", "KIF2C", "KNTC2", "MELK", "MKI67", "MYBL2", "ORC6L",
                      "PTTG1", "RRM2", "TYMS", "UBE2C", "UBE2T"],
    "luminal": ["BAG1", "BCL2", "BLVRA", "CXXC5", "ESR1", "FOXA1", "GPR160", "MAPT", "MDM2",
                "MLPH", "NAT1", "PGR", "SLC39A6"],
    "basal": ["ACTR3B", "CDH3", "EGFR", "FOXC1", "KRT14", "KRT17", "KRT5", "MIA", "PHGDH",
              "SFRP1"],
}
#: Background genes per module (the rest vary on their own).
BACKGROUND_MODULES = {"proliferation": 60, "luminal": 60, "basal": 50, "immune": 60}
#: Immune-module mean per subtype: invented teaching values (more immune cells in basal-like).
IMMUNE_MEANS = {"Luminal A": -0.1, "Luminal B": -0.1, "HER2-enriched": 0.2, "Basal-like": 0.4,
                "Normal-like": 0.0}

#: Invented teaching probabilities of a clinic result given the molecular subtype: chosen so
#: that most tumours agree with the usual surrogate and a realistic minority do not.
CLINIC_PROBABILITIES = {
    #                 P(ER+)  P(PR+ | ER+)  P(HER2+)
    "Luminal A":     (0.98, 0.85, 0.03),
    "Luminal B":     (0.94, 0.65, 0.20),
    "HER2-enriched": (0.35, 0.45, 0.68),
    "Basal-like":    (0.10, 0.40, 0.05),
    "Normal-like":   (0.80, 0.70, 0.05),
}
P_PR_POSITIVE_IF_ER_NEGATIVE = 0.05

#: Invented yearly hazards of relapse or death, ordered as in the published prognosis
#: (Luminal A best; Normal-like and Luminal B intermediate; HER2-enriched and Basal-like worst).
#: Basal-like relapses early: a high hazard in the first 3 years, low afterwards.
HAZARD_PER_YEAR = {"Luminal A": 0.025, "Normal-like": 0.05, "Luminal B": 0.06,
                   "HER2-enriched": 0.10}
#: Basal-like: 0.17 per year for the first 3 years, then 0.03 per year.
BASAL_EARLY, BASAL_LATE, BASAL_SWITCH_YEARS = 0.17, 0.03, 3.0

LABS = ["Lab 1", "Lab 2"]
_MADE_BY = f"simulated by precisionmed.subtyping.simulate with numpy default_rng(seed={SEED})"

_CENTROID_SOURCE = ("PAM50 centroids: genefu pam50 model (bhklab/genefu, "
                    "inst/extdata/pam50_model.csv); Parker et al., J Clin Oncol 2009;27:1160 "
                    "— see knowledge/subtype_pam50_centroids.")
_PREVALENCE_SOURCE = ("Subtype mix: Nurses' Health Study I/II PAM50 study, Cancer Epidemiol "
                      "Biomarkers Prev 2019;28:798 (46/18/14/15/8%) — see "
                      "knowledge/subtype_intrinsic.")
_PROGNOSIS_SOURCE = ("Order of prognosis: Am J Cancer Res 2015 review (PMC4656721); hazard "
                     "values themselves are invented.")



def _knowledge() -> tuple[pd.DataFrame, pd.DataFrame]:
    from precisionmed import data

    # Knowledge tables are curated in the project's datasets/ (copied, never simulated).
    return (data.load("knowledge/subtype_pam50_centroids"),
            data.load("knowledge/subtype_intrinsic"))


def subtype_counts(prevalence: dict[str, float], n: int) -> dict[str, int]:
    """Split ``n`` tumours by ``prevalence`` (shares, renormalised) with largest remainders."""
    total = sum(prevalence.values())
    exact = {k: n * v / total for k, v in prevalence.items()}
    counts = {k: int(np.floor(v)) for k, v in exact.items()}
    order = sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)
    for k in order[: n - sum(counts.values())]:
        counts[k] += 1
    return counts


def simulate_cohort(seed: int = SEED, n: int = N_TUMOURS,
                    n_background: int = N_BACKGROUND) -> dict[str, pd.DataFrame]:
    """Simulate the cohort; return ``expression``, ``clinical`` and ``answer_key`` tables.

    ``expression`` has one row per tumour (``patient_id`` first) and one log2 column per gene.
    The course's recurring patient PM-001 (Amara, Luminal A) is the first row.
    """
    from precisionmed.data import recurring_patients

    centroids, intrinsic = _knowledge()
    rng = np.random.default_rng(seed)
    genes = list(centroids["gene"])
    cen = centroids.set_index("gene")[_CENTROID_COLUMNS].astype(float)
    cen.columns = SUBTYPES
    prevalence = dict(zip(intrinsic["subtype"], intrinsic["prevalence_percent"].astype(float),
                          strict=True))
    counts = subtype_counts({s: prevalence[s] for s in SUBTYPES}, n)

    amara = next(p for p in recurring_patients() if p["patient_id"] == "PM-001")
    subtypes = [amara["breast_subtype"]]
    pool = [s for s in SUBTYPES for _ in range(counts[s])]
    pool.remove(amara["breast_subtype"])
    subtypes += list(rng.permutation(pool))
    subtype_arr = np.array(subtypes)
    ids = ["PM-001"] + [f"BC-{i:03d}" for i in range(1, n)]

    # Module means per subtype: the average published centroid of the module's PAM50 genes.
    module_means = {m: {s: float(cen.loc[g_list, s].mean()) for s in SUBTYPES}
                    for m, g_list in PAM50_MODULES.items()}
    module_means["immune"] = dict(IMMUNE_MEANS)
    modules = list(BACKGROUND_MODULES)
    scores = {m: np.array([module_means[m][s] for s in subtypes]) for m in modules}
    wobble = {m: rng.normal(0.0, 0.4, n) for m in modules}  # tumour-to-tumour variation

    # PAM50 genes: baseline + centroid + within-subtype module wobble + noise.
    base = rng.uniform(4.5, 8.5, len(genes))
    strength = rng.normal(1.0, 0.15, n).clip(0.6, 1.4)  # how typical each tumour is
    pam50 = base + strength[:, None] * cen.loc[genes, subtypes].to_numpy().T
    gene_module = {g: m for m, g_list in PAM50_MODULES.items() for g in g_list}
    for j, g in enumerate(genes):
        if g in gene_module:
            pam50[:, j] += 0.8 * wobble[gene_module[g]]
    pam50 += rng.normal(0.0, 0.45, pam50.shape)

    # Background genes: four modules and independent genes.
    names: list[str] = []
    blocks = []
    prefixes = {"proliferation": "PROLIF", "luminal": "LUMIN", "basal": "BASAL",
                "immune": "IMMUNE"}
    for m in modules:
        k = BACKGROUND_MODULES[m]
        loading = rng.uniform(0.5, 1.1, k)
        b = rng.uniform(4.0, 8.5, k)
        block = b + np.outer(scores[m] + wobble[m], loading) + rng.normal(0, 0.7, (n, k))
        blocks.append(block)
        names += [f"{prefixes[m]}_{i:02d}" for i in range(1, k + 1)]
    k_rest = n_background - sum(BACKGROUND_MODULES.values())
    if k_rest < 0:
        raise ValueError("n_background must be at least the number of module genes.")
    sd = rng.uniform(0.2, 0.7, k_rest)
    blocks.append(rng.uniform(3.5, 8.5, k_rest) + rng.normal(0, 1, (n, k_rest)) * sd)
    names += [f"GENE_{i:03d}" for i in range(1, k_rest + 1)]
    matrix = np.hstack([pam50, *blocks])
    all_genes = genes + names

    # Batch effect: Lab 2 shifts every gene by its own offset.
    lab2 = rng.random(n) < 0.5
    lab2[0] = False
    offsets = rng.normal(0.25, 0.8, len(all_genes))
    matrix[lab2] += offsets
    matrix = np.round(matrix.clip(0.0, None), DECIMALS)
    expression = pd.DataFrame(matrix, columns=all_genes)
    expression.insert(0, "patient_id", ids)

    # Clinic ER/PR/HER2 results with realistic disagreement.
    p = np.array([CLINIC_PROBABILITIES[s] for s in subtypes])
    er = rng.random(n) < p[:, 0]
    pr = np.where(er, rng.random(n) < p[:, 1], rng.random(n) < P_PR_POSITIVE_IF_ER_NEGATIVE)
    her2 = rng.random(n) < p[:, 2]
    er[0], pr[0], her2[0] = True, True, False  # Amara: ER+/PR+/HER2−

    age = np.round(rng.normal(61, 12, n)).clip(26, 92)
    age[subtype_arr == "Basal-like"] -= 6  # basal-like is commoner in younger women
    age[0] = amara["age_years"]

    # Recurrence-free survival: exponential hazards (piecewise for basal-like).
    years = np.empty(n)
    for i, s in enumerate(subtypes):
        if s == "Basal-like":
            t = rng.exponential(1 / BASAL_EARLY)
            if t > BASAL_SWITCH_YEARS:
                t = BASAL_SWITCH_YEARS + rng.exponential(1 / BASAL_LATE)
        else:
            t = rng.exponential(1 / HAZARD_PER_YEAR[s])
        years[i] = t
    follow = rng.uniform(3.0, 12.0, n)  # administrative end of follow-up
    lost = rng.exponential(1 / 0.02, n)  # lost to follow-up
    censor = np.minimum(follow, lost)
    event = years <= censor
    time_months = np.round(np.minimum(years, censor) * 12, 1).clip(0.1, None)
    event[0], time_months[0] = False, 64.0  # Amara: well, five years on

    def status(x: np.ndarray) -> list[str]:
        return ["positive" if v else "negative" for v in x]

    clinical = pd.DataFrame({
        "patient_id": ids, "lab": np.where(lab2, LABS[1], LABS[0]),
        "age_years": age.astype(int), "er_status": status(er), "pr_status": status(pr),
        "her2_status": status(her2), "rfs_months": time_months, "rfs_event": event,
    })
    answer_key = pd.DataFrame({"patient_id": ids, "true_subtype": subtypes})
    return {"expression": expression, "clinical": clinical, "answer_key": answer_key}


def expression_schema(genes: list[str]) -> dict[str, object]:
    """Schema of the expression matrix; the gene columns are described collectively."""
    return {
        "title": "Simulated gene expression of 600 breast tumours (log2)",
        "description": (
            f"One row per tumour, one column per gene: {len(genes)} genes, of which the first "
            "50 are the PAM50 genes (with their published centroids built in) and the rest are "
            "invented background genes (PROLIF_, LUMIN_, BASAL_ and IMMUNE_ genes move together "
            "in modules; GENE_ genes vary on their own). Values are log2 expression (higher = "
            "more of the gene's RNA); a difference of 1 means twice as much. Tumours were "
            "measured in two labs (see subtyping/clinical): Lab 2 adds a gene-specific offset, a "
            "batch effect to remove before comparing tumours. Read it with "
            "precisionmed.subtyping.load_expression(); this wide matrix is not a plain table for "
            "data.load. Entirely simulated."
        ),
        "made_by": _MADE_BY,
        "version": "2026-11-23",
        "sources": [_CENTROID_SOURCE, _PREVALENCE_SOURCE,
                    "Baselines, noise, modules and lab offsets: invented for teaching."],
        "format": "matrix.csv",
        "columns": [
            _col("patient_id", "string", "Tumour identifier; PM-001 is the course's recurring "
                 "patient Amara, BC-001 … are other simulated patients."),
            _col(f"{genes[0]} … {genes[-1]}", "float",
                 f"{len(genes)} gene columns, named in the 'genes' list of this schema, in that "
                 "order.", unit="log2 expression", decimals=DECIMALS),
        ],
        "matrix": {"id_column": "patient_id", "value_type": "float", "decimals": DECIMALS,
                   "unit": "log2 expression", "pam50_genes": genes[:50]},
        "genes": genes,
    }


CLINICAL_SCHEMA = {
    "title": "Simulated clinic results and outcomes of the 600 breast tumours",
    "description": (
        "What the clinic would report for each tumour of subtyping/expression: which lab "
        "measured it, age, the standard receptor tests (ER, PR, HER2 as positive/negative) and "
        "recurrence-free survival (time until the cancer came back or the person died, or until "
        "follow-up ended). Receptor results usually agree with the molecular subtype but not "
        "always. All invented; the order of outlook follows the published prognosis."
    ),
    "made_by": _MADE_BY,
    "version": "2026-11-23",
    "sources": [_PROGNOSIS_SOURCE,
                "Clinic ER/PR/HER2 probabilities per subtype: invented teaching values."],
    "columns": [
        _col("patient_id", "string", "Tumour identifier (matches subtyping/expression)."),
        _col("lab", "string", "Lab that measured the expression.", allowed=LABS),
        _col("age_years", "integer", "Age at diagnosis.", unit="years"),
        _col("er_status", "string", "Oestrogen receptor test (ER).",
             allowed=["positive", "negative"]),
        _col("pr_status", "string", "Progesterone receptor test (PR).",
             allowed=["positive", "negative"]),
        _col("her2_status", "string", "HER2 test (protein or gene copies).",
             allowed=["positive", "negative"]),
        _col("rfs_months", "float", "Months until relapse or death (if rfs_event) or until "
             "follow-up ended.", unit="months", decimals=1),
        _col("rfs_event", "boolean", "True if the cancer came back or the person died; False "
             "if still well at the end of follow-up (censored)."),
    ],
}

ANSWER_KEY_SCHEMA = {
    "title": "Answer key: the true simulated subtype of each breast tumour",
    "description": (
        "The subtype each tumour was simulated from. Kept apart from the expression so that "
        "clustering and classifying can be checked against it; in real life nobody has this "
        "file. For instructors and for checking methods."
    ),
    "made_by": _MADE_BY,
    "version": "2026-11-23",
    "sources": [_PREVALENCE_SOURCE],
    "columns": [
        _col("patient_id", "string", "Tumour identifier (matches subtyping/expression)."),
        _col("true_subtype", "string", "PAM50 intrinsic subtype used to simulate the tumour.",
             allowed=SUBTYPES),
    ],
}


def write_matrix(frame: pd.DataFrame, out_dir: Path, name: str,
                 spec: dict[str, object]) -> list[Path]:
    """Write a wide numeric matrix as ``<name>.matrix.csv`` (fixed decimals) plus its schema."""
    target = Path(out_dir) / f"{name}.matrix.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    id_col = frame.columns[0]
    values = frame.iloc[:, 1:].to_numpy(dtype=float)
    fmt = f"%.{DECIMALS}f"
    lines = [",".join(frame.columns)]
    body = np.char.mod(fmt, np.round(values, DECIMALS))
    for ident, row in zip(frame[id_col], body, strict=True):
        lines.append(",".join([str(ident), *row]))
    target.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return [target, write_schema(out_dir, name, spec)]


def build(out_dir: Path) -> list[Path]:
    """Write ``subtyping/expression``, ``subtyping/clinical`` and ``subtyping/answer_key``."""
    out_dir = Path(out_dir)
    cohort = simulate_cohort()
    genes = list(cohort["expression"].columns[1:])
    written = write_matrix(cohort["expression"], out_dir, "subtyping/expression",
                           expression_schema(genes))
    written += write_table(cohort["clinical"], out_dir, "subtyping/clinical", CLINICAL_SCHEMA)
    written += write_table(cohort["answer_key"], out_dir, "subtyping/answer_key",
                           ANSWER_KEY_SCHEMA)
    return written


__all__ = ["ORDER", "SEED", "SUBTYPES", "build", "simulate_cohort", "subtype_counts",
           "write_matrix"]
