"""Lesson 10's risk model: logistic regression for a heart attack or stroke within 10 years.

Fitted once, at dataset-build time, on the integrated simulated cohort
(:func:`precisionmed.risk.integrate.integrate`) by :func:`fit_logistic` (Newton's method in
numpy, so the build needs no extra package and gives the same numbers everywhere). The build
stores the coefficients (``risk/model_coefficients``), the discrimination and calibration
(``risk/model_performance``, ``risk/calibration``), so the lesson only multiplies and adds.

Two models: ``without_prs`` (age, sex, blood pressure, LDL cholesterol, smoking, steps and a
familial-hypercholesterolaemia variant) and ``with_prs`` (the same plus the polygenic score).
For teaching with simulated data, not for care.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

#: Model inputs, each with how it is scaled: (term, description).
TERMS = (
    ("age10", "age: per 10 years above 55"),
    ("male", "man (1) or woman (0)"),
    ("sbp10", "systolic blood pressure: per 10 mmHg above 130"),
    ("ldl", "LDL cholesterol: per mmol/L above 3.5"),
    ("smoker", "smokes now (1) or not (0)"),
    ("steps1000", "steps per day: per 1,000 above 7,000 (counted up to 10,000)"),
    ("fh", "carries a familial-hypercholesterolaemia variant (1) or not (0)"),
    ("prs", "polygenic score: per standard deviation above the average"),
)
MODELS = {
    "without_prs": ("age10", "male", "sbp10", "ldl", "smoker", "steps1000", "fh"),
    "with_prs": ("age10", "male", "sbp10", "ldl", "smoker", "steps1000", "fh", "prs"),
}
#: Steps above this add nothing more in the model (a plateau, as in the All of Us studies).
STEPS_CAP = 10000


def design(frame: pd.DataFrame) -> pd.DataFrame:
    """The model's scaled inputs (:data:`TERMS`) from an integrated table or feature rows.

    ``frame`` needs ``age``, ``male``, ``sbp``, ``ldl``, ``smoker``, ``steps``, ``fh`` and
    ``prs`` columns.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}.")
    needed = ("age", "male", "sbp", "ldl", "smoker", "steps", "fh", "prs")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks the column(s) {missing}; the model needs {list(needed)}.")
    return pd.DataFrame({
        "age10": (frame["age"].astype(float) - 55) / 10,
        "male": frame["male"].astype(float),
        "sbp10": (frame["sbp"].astype(float) - 130) / 10,
        "ldl": frame["ldl"].astype(float) - 3.5,
        "smoker": frame["smoker"].astype(float),
        "steps1000": (np.minimum(frame["steps"].astype(float), STEPS_CAP) - 7000) / 1000,
        "fh": frame["fh"].astype(float),
        "prs": frame["prs"].astype(float),
    }, index=frame.index)


def fit_logistic(x: np.ndarray, y: np.ndarray, offset: np.ndarray | None = None,
                 iterations: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-likelihood logistic regression by Newton's method; intercept first.

    ``x`` is an (n, k) array of inputs, ``y`` n outcomes (0 or 1) and ``offset`` an optional
    known part of each log odds (a term whose coefficient is fixed). Returns the k + 1
    coefficients and their standard errors.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 2 or y.ndim != 1 or len(x) != len(y) or len(y) < 2:
        raise ValueError("x must be a 2-D array with one row per outcome in y (at least 2).")
    if not set(np.unique(y)) <= {0.0, 1.0} or y.min() == y.max():
        raise ValueError("y must hold both 0s and 1s (no event and event).")
    known = np.zeros(len(y)) if offset is None else np.asarray(offset, dtype=float)
    if known.shape != y.shape:
        raise ValueError("offset must have one value per outcome in y.")
    design_matrix = np.column_stack([np.ones(len(x)), x])
    beta = np.zeros(design_matrix.shape[1])
    hessian = np.eye(len(beta))
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(known + design_matrix @ beta)))
        weights = p * (1 - p)
        gradient = design_matrix.T @ (y - p)
        hessian = design_matrix.T @ (design_matrix * weights[:, None])
        step = np.linalg.solve(hessian, gradient)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta, np.sqrt(np.diag(np.linalg.inv(hessian)))


def auc(outcome: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve (the C statistic).

    The chance that a random person with the event has a higher score than a random person
    without it (ties count a half).
    """
    y = np.asarray(outcome, dtype=bool)
    s = np.asarray(score, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError("outcome and score must be 1-D and of the same length.")
    cases, controls = int(y.sum()), int((~y).sum())
    if cases == 0 or controls == 0:
        raise ValueError("The AUC needs people with and without the event.")
    ranks = pd.Series(s).rank(method="average").to_numpy()
    return float((ranks[y].sum() - cases * (cases + 1) / 2) / (cases * controls))


def calibration_by_decile(outcome: np.ndarray, predicted: np.ndarray) -> pd.DataFrame:
    """People split into ten equal groups by predicted risk: mean predicted vs observed share.

    Columns ``decile`` (1 = lowest risk), ``people``, ``mean_predicted``, ``observed``.
    """
    y = np.asarray(outcome, dtype=float)
    p = np.asarray(predicted, dtype=float)
    if y.shape != p.shape or y.ndim != 1 or len(y) < 10:
        raise ValueError("outcome and predicted must be 1-D, of the same length, at least 10.")
    order = np.argsort(p, kind="mergesort")
    groups = np.array_split(order, 10)
    return pd.DataFrame({
        "decile": np.arange(1, 11),
        "people": [len(g) for g in groups],
        "mean_predicted": [float(p[g].mean()) for g in groups],
        "observed": [float(y[g].mean()) for g in groups],
    })


@lru_cache(maxsize=1)
def coefficients() -> dict[str, dict[str, float]]:
    """The stored coefficients: model → {term: coefficient} (``intercept`` included)."""
    from precisionmed import data

    table = data.load("risk/model_coefficients")
    out: dict[str, dict[str, float]] = {}
    for row in table.itertuples(index=False):
        out.setdefault(str(row.model), {})[str(row.term)] = float(row.coefficient)
    return out


def _model(model: object) -> str:
    if not isinstance(model, str) or model not in MODELS:
        raise ValueError(f"model must be one of {sorted(MODELS)}, got {model!r}.")
    return model


def predict(frame: pd.DataFrame, model: str = "with_prs") -> np.ndarray:
    """10-year risks (shares 0–1) for every row of ``frame`` from the stored coefficients."""
    name = _model(model)
    coef = coefficients()[name]
    x = design(frame)
    logit = coef["intercept"] + sum(coef[t] * x[t].to_numpy() for t in MODELS[name])
    return 1 / (1 + np.exp(-np.asarray(logit, dtype=float)))


def predict_one(features: dict[str, float], model: str = "with_prs") -> float:
    """10-year risk of one person described by ``features``.

    ``features`` holds age, male, sbp, ldl, smoker, steps, fh and prs; no pandas, so it is
    fast enough for a panel.
    """
    if not isinstance(features, dict):
        raise TypeError(f"features must be a dict of the model's inputs, got "
                        f"{type(features).__name__}.")
    needed = ("age", "male", "sbp", "ldl", "smoker", "steps", "fh", "prs")
    missing = [k for k in needed if k not in features]
    if missing:
        raise ValueError(f"features lacks {missing}; the model needs {list(needed)}.")
    values = {}
    for key in needed:
        value = features[key]
        if isinstance(value, (bool, np.bool_)):
            value = float(value)
        if not isinstance(value, (int, float, np.integer, np.floating)) or not math.isfinite(
                float(value)):
            raise ValueError(f"feature {key!r} must be a finite number or True/False, "
                             f"got {value!r}.")
        values[key] = float(value)
    scaled = {"age10": (values["age"] - 55) / 10, "male": values["male"],
              "sbp10": (values["sbp"] - 130) / 10, "ldl": values["ldl"] - 3.5,
              "smoker": values["smoker"],
              "steps1000": (min(values["steps"], STEPS_CAP) - 7000) / 1000,
              "fh": values["fh"], "prs": values["prs"]}
    name = _model(model)
    coef = coefficients()[name]
    logit = coef["intercept"] + sum(coef[t] * scaled[t] for t in MODELS[name])
    return 1 / (1 + math.exp(-logit))


#: Rare-variant terms whose coefficient is fixed rather than fitted: too few carriers in the
#: cohort to estimate them (the lesson shows the free estimate and how uncertain it is). The
#: value stands in for large published studies of carriers; here it is the simulation's own.
FIXED = {"fh": 0.70}


def fit_all(table: pd.DataFrame, outcome: pd.Series) -> dict[str, pd.DataFrame]:
    """Fit both models on ``table`` with ``outcome`` (event within 10 years, True/False).

    Terms in :data:`FIXED` enter as a known offset; their freely fitted value is kept too
    (term ``"<term> (fitted freely)"``, not used to predict). Returns the three tables the
    dataset build stores: ``coefficients``, ``performance`` and ``calibration``.
    """
    x_all = design(table)
    y = np.asarray(outcome, dtype=float)
    coef_rows, perf_rows, cal_rows = [], [], []
    for name, terms in MODELS.items():
        free = [t for t in terms if t not in FIXED]
        offset = sum(FIXED[t] * x_all[t].to_numpy() for t in terms if t in FIXED)
        offset = np.asarray(offset, dtype=float) * np.ones(len(y))
        beta, se = fit_logistic(x_all[free].to_numpy(), y, offset)
        coef_rows += [{"model": name, "term": term, "how": "fitted", "coefficient": float(b),
                       "standard_error": float(e),
                       "odds_ratio": float(np.exp(b)) if term != "intercept" else None}
                      for term, b, e in zip(("intercept", *free), beta, se, strict=True)]
        for term in (t for t in terms if t in FIXED):
            coef_rows.append({"model": name, "term": term, "how": "fixed",
                              "coefficient": FIXED[term], "standard_error": None,
                              "odds_ratio": float(np.exp(FIXED[term]))})
            all_beta, all_se = fit_logistic(x_all[list(terms)].to_numpy(), y)
            k = list(terms).index(term) + 1
            coef_rows.append({"model": name, "term": f"{term} (fitted freely)",
                              "how": "not used", "coefficient": float(all_beta[k]),
                              "standard_error": float(all_se[k]),
                              "odds_ratio": float(np.exp(all_beta[k]))})
        p = 1 / (1 + np.exp(-(offset + beta[0] + x_all[free].to_numpy() @ beta[1:])))
        perf_rows.append({"model": name, "people": len(y), "events": int(y.sum()),
                          "auc": auc(y.astype(bool), p), "mean_predicted": float(p.mean()),
                          "observed": float(y.mean())})
        cal = calibration_by_decile(y, p)
        cal.insert(0, "model", name)
        cal_rows.append(cal)
    return {"coefficients": pd.DataFrame(coef_rows), "performance": pd.DataFrame(perf_rows),
            "calibration": pd.concat(cal_rows, ignore_index=True)}


def performance() -> pd.DataFrame:
    """The stored discrimination (AUC) and overall calibration of each model."""
    from precisionmed import data

    return data.load("risk/model_performance")


def calibration() -> pd.DataFrame:
    """The stored calibration by decile of each model."""
    from precisionmed import data

    return data.load("risk/calibration")
