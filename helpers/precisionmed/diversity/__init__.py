"""Lesson 08 science: who is in the data, and tools that fail people they never saw.

Simplified for teaching, not for care. Two tools:

- :func:`egfr_ckd_epi` — estimated kidney function (eGFR, mL/min/1.73 m²) from blood
  creatinine by the CKD-EPI creatinine equations: ``"2009"`` (Levey AS and others, Ann Intern
  Med 2009;150:604, with its race coefficient 1.159 for patients recorded as Black) and
  ``"2021"`` (Inker LA and others, N Engl J Med 2021;385:1737, refit without race). The
  coefficients are the ones the National Kidney Foundation publishes for each equation.
- a small **polygenic score** toolkit for a seeded simulation of populations whose allele
  frequencies and linkage (which nearby DNA letters travel together) differ:
  :func:`gwas_effects` (a genome-wide association scan of a training cohort),
  :func:`train_score` (keep, in each stretch of DNA, the marker most associated with the
  trait, weighted by its effect), :func:`polygenic_score` and :func:`score_accuracy`
  (variance explained and calibration slope in a population). The simulation itself lives
  in :mod:`precisionmed.diversity.simulate`; the lesson reads its precomputed results.

Every function checks its input and raises a friendly :class:`ValueError` or
:class:`TypeError` naming what was wrong and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from precisionmed._checks import number

#: Equations :func:`egfr_ckd_epi` knows.
EQUATIONS = ("2009", "2021")
#: Sexes the equations are fitted for (the equations use sex recorded at birth).
SEXES = ("female", "male")
#: Published coefficients: kappa, alpha (female, male), upper exponent, constant, age base,
#: female factor and (2009 only) the race factor.
COEFFICIENTS: dict[str, dict[str, object]] = {
    "2009": {"constant": 141.0, "kappa": {"female": 0.7, "male": 0.9},
             "alpha": {"female": -0.329, "male": -0.411}, "upper": -1.209, "age": 0.993,
             "female": 1.018, "black": 1.159,
             "source": "Levey AS and others, Ann Intern Med 2009;150:604 (CKD-EPI 2009)"},
    "2021": {"constant": 142.0, "kappa": {"female": 0.7, "male": 0.9},
             "alpha": {"female": -0.241, "male": -0.302}, "upper": -1.200, "age": 0.9938,
             "female": 1.012, "black": None,
             "source": "Inker LA and others, N Engl J Med 2021;385:1737 (CKD-EPI 2021, "
                       "without race)"},
}
#: eGFR at or below which an adult kidney transplant candidate starts to accrue waiting time
#: in the US (OPTN policy; mL/min/1.73 m²).
WAITLIST_EGFR = 20.0
#: eGFR below which kidney function is reduced enough to count as chronic kidney disease
#: when it lasts 3 months or more (KDIGO category G3a starts below 60).
CKD_EGFR = 60.0
#: KDIGO GFR categories: (lower bound, name).
GFR_CATEGORIES = ((90.0, "G1"), (60.0, "G2"), (45.0, "G3a"), (30.0, "G3b"), (15.0, "G4"),
                  (0.0, "G5"))


def _number(value: object, what: str) -> float:
    return number(what, value)


def egfr_ckd_epi(creatinine_mg_dl: float, age_years: float, sex: str,
                 equation: str = "2021", black: bool | None = None) -> float:
    """Estimated GFR (mL/min/1.73 m²) by a CKD-EPI creatinine equation. Teaching only.

    ``equation="2009"``: 141 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.209 × 0.993^age × 1.018 if
    female × 1.159 if Black (κ 0.7 female / 0.9 male; α −0.329 / −0.411); ``black`` must then
    be True or False. ``equation="2021"``: 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 ×
    0.9938^age × 1.012 if female (α −0.241 / −0.302); the 2021 refit removed race, so passing
    ``black`` is refused.

    >>> round(egfr_ckd_epi(0.9, 50, "male", "2021"), 1)
    104.0

    Adults only (age 18–120); creatinine must be more than 0 (mg/dL, standardised assay).
    """
    if not isinstance(equation, str) or equation not in EQUATIONS:
        raise ValueError(f"equation must be one of {EQUATIONS} (as text), got {equation!r}.")
    if not isinstance(sex, str) or sex.strip().lower() not in SEXES:
        raise ValueError(f"sex must be 'female' or 'male', got {sex!r}.")
    sex = sex.strip().lower()
    scr = _number(creatinine_mg_dl, "Creatinine (mg/dL)")
    if scr <= 0 or scr > 30:
        raise ValueError(f"Creatinine must be more than 0 and at most 30 mg/dL, got {scr!r}.")
    age = _number(age_years, "Age (years)")
    if not 18 <= age <= 120:
        raise ValueError(f"The CKD-EPI equations are for adults: age must be 18–120 years, "
                         f"got {age_years!r}.")
    c = COEFFICIENTS[equation]
    if equation == "2021":
        if black is not None:
            raise ValueError("The 2021 CKD-EPI equation removed race: leave black=None (it "
                             "gives the same result for everyone). Use equation='2009' to "
                             "see the old race coefficient.")
        race = 1.0
    else:
        if not isinstance(black, (bool, np.bool_)):
            raise ValueError("The 2009 CKD-EPI equation needs black=True or black=False (it "
                             "multiplied eGFR by 1.159 for patients recorded as Black).")
        race = float(c["black"]) if black else 1.0  # type: ignore[arg-type]
    kappa = c["kappa"][sex]  # type: ignore[index]
    alpha = c["alpha"][sex]  # type: ignore[index]
    ratio = scr / kappa
    value = (float(c["constant"]) * min(ratio, 1.0) ** alpha  # type: ignore[arg-type]
             * max(ratio, 1.0) ** float(c["upper"])  # type: ignore[arg-type]
             * float(c["age"]) ** age)  # type: ignore[arg-type]
    if sex == "female":
        value *= float(c["female"])  # type: ignore[arg-type]
    return value * race


def gfr_category(egfr: float) -> str:
    """KDIGO GFR category (G1…G5) of an eGFR in mL/min/1.73 m²."""
    value = _number(egfr, "eGFR")
    if value < 0:
        raise ValueError(f"eGFR cannot be negative, got {egfr!r}.")
    for low, name in GFR_CATEGORIES:
        if value >= low:
            return name
    return "G5"  # pragma: no cover


def accrues_waiting_time(egfr: float) -> bool:
    """True when an eGFR is at or below the US waiting-time threshold of 20 (teaching only)."""
    value = _number(egfr, "eGFR")
    if value < 0:
        raise ValueError(f"eGFR cannot be negative, got {egfr!r}.")
    return value <= WAITLIST_EGFR


# --- polygenic scores ---------------------------------------------------------------------------

def _matrix(genotypes: object, what: str = "genotypes") -> np.ndarray:
    try:
        g = np.asarray(genotypes, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be a table of 0, 1 or 2 copies per person and "
                         "marker.") from exc
    if g.ndim != 2 or g.shape[0] < 3 or g.shape[1] < 1:
        raise ValueError(f"{what} must be a 2-D table (people × markers) with at least 3 "
                         "people.")
    if not np.isfinite(g).all() or g.min() < 0 or g.max() > 2:
        raise ValueError(f"{what} must hold 0, 1 or 2 copies of the allele.")
    return g


def _vector(values: object, n: int, what: str) -> np.ndarray:
    try:
        v = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be numbers, one per person.") from exc
    if v.ndim != 1 or len(v) != n or not np.isfinite(v).all():
        raise ValueError(f"{what} must be {n} finite numbers, one per person.")
    return v


def _groups(groups: object, n: int) -> np.ndarray:
    if groups is None:
        return np.zeros(n, dtype=int)
    labels = np.asarray(groups, dtype=object)
    if labels.ndim != 1 or len(labels) != n:
        raise ValueError(f"groups must be one label per person ({n}).")
    _, codes = np.unique(labels.astype(str), return_inverse=True)
    return codes


def gwas_effects(genotypes: object, trait: object, groups: object = None) -> pd.DataFrame:
    """A genome-wide association scan: each marker's effect on the trait, one at a time.

    For each marker (column of ``genotypes``: 0, 1 or 2 copies), the slope of the trait on the
    copy count and its *z* score. Genotypes and trait are centred within each training
    population (``groups``), as real scans adjust for ancestry, so differences in average
    trait between populations are not read as marker effects. Returns columns
    ``marker`` (0-based index), ``beta``, ``z``.
    """
    g = _matrix(genotypes)
    y = _vector(trait, g.shape[0], "trait")
    codes = _groups(groups, g.shape[0])
    gc = g.copy()
    yc = y.copy()
    for code in np.unique(codes):
        rows = codes == code
        gc[rows] -= gc[rows].mean(axis=0)
        yc[rows] -= yc[rows].mean()
    ss = (gc ** 2).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        beta = np.where(ss > 0, gc.T @ yc / ss, 0.0)
        resid = ((yc[:, None] - gc * beta) ** 2).sum(axis=0) / max(len(y) - 2, 1)
        se = np.sqrt(np.where(ss > 0, resid / ss, np.inf))
        z = np.where(np.isfinite(se) & (se > 0), beta / se, 0.0)
    return pd.DataFrame({"marker": np.arange(g.shape[1]), "beta": beta, "z": z})


def train_score(effects: pd.DataFrame, blocks: object, min_abs_z: float = 2.0) -> pd.DataFrame:
    """Build a polygenic score from a scan: in each DNA block keep the strongest marker.

    ``effects`` is :func:`gwas_effects`'s table; ``blocks`` gives each marker's block (nearby
    markers that travel together). In every block the marker with the largest |z| is kept if
    |z| ≥ ``min_abs_z``, with its ``beta`` as weight (a simple "clumping and thresholding"
    score). Returns columns ``marker`` and ``weight``.
    """
    if not isinstance(effects, pd.DataFrame) or not {"marker", "beta", "z"} <= set(effects):
        raise ValueError("effects must be the table gwas_effects returns (marker, beta, z).")
    b = np.asarray(blocks)
    if b.ndim != 1 or len(b) != len(effects):
        raise ValueError("blocks must give one block label per marker.")
    threshold = _number(min_abs_z, "min_abs_z")
    if threshold < 0:
        raise ValueError("min_abs_z must be 0 or more.")
    frame = effects.assign(block=b, absz=effects["z"].abs())
    best = frame.sort_values(["block", "absz", "marker"], ascending=[True, False, True])
    best = best.drop_duplicates("block")
    best = best[best["absz"] >= threshold]
    return pd.DataFrame({"marker": best["marker"].to_numpy(dtype=int),
                         "weight": best["beta"].to_numpy(dtype=float)})


def polygenic_score(genotypes: object, weights: pd.DataFrame) -> np.ndarray:
    """Each person's score: the sum of their copies of each kept marker × its weight."""
    g = _matrix(genotypes)
    if not isinstance(weights, pd.DataFrame) or not {"marker", "weight"} <= set(weights):
        raise ValueError("weights must be the table train_score returns (marker, weight).")
    markers = weights["marker"].to_numpy(dtype=int)
    if len(markers) and (markers.min() < 0 or markers.max() >= g.shape[1]):
        raise ValueError("weights name markers that are not in the genotype table.")
    return g[:, markers] @ weights["weight"].to_numpy(dtype=float)


@dataclass(frozen=True)
class Accuracy:
    """How well a score predicts a trait in one population.

    ``r2``: share of trait variance the score explains (squared correlation, 0–1);
    ``slope``: calibration slope (trait on score; 1 means the score's units are right,
    below 1 that it overstates differences between people); ``people``: how many were scored.
    """

    r2: float
    slope: float
    people: int


def score_accuracy(score: object, trait: object) -> Accuracy:
    """Variance explained (r²) and calibration slope of ``score`` for ``trait``."""
    s = np.asarray(score, dtype=float) if not isinstance(score, (str, bytes)) else None
    if s is None or s.ndim != 1 or len(s) < 3 or not np.isfinite(s).all():
        raise ValueError("score must be at least 3 finite numbers, one per person.")
    y = _vector(trait, len(s), "trait")
    if np.std(s) == 0 or np.std(y) == 0:
        return Accuracy(0.0, 0.0, len(s))
    r = float(np.corrcoef(s, y)[0, 1])
    slope = float(np.cov(s, y, bias=True)[0, 1] / np.var(s))
    return Accuracy(r * r, slope, len(s))


def accuracy_ratio(reference_r2: float, other_r2: float) -> float:
    """How many times lower ``other_r2`` is than ``reference_r2`` (e.g. 4.9 = 4.9-fold)."""
    ref = _number(reference_r2, "reference r²")
    other = _number(other_r2, "other r²")
    if ref <= 0 or other <= 0:
        raise ValueError("Both r² values must be more than 0 to compare them as a ratio.")
    return ref / other


__all__ = ["Accuracy", "COEFFICIENTS", "EQUATIONS", "accrues_waiting_time", "accuracy_ratio",
           "egfr_ckd_epi", "gfr_category", "gwas_effects", "polygenic_score",
           "score_accuracy", "train_score"]
