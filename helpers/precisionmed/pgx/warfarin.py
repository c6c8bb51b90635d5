"""The IWPC warfarin dosing algorithms (Klein et al., N Engl J Med 2009;360:753).

Both formulas predict the **square root** of the stable weekly dose (mg/week); the result is
squared. Age enters in decades, as in the paper's dosing sheet: ``floor(age / 10)`` (a
65-year-old counts 6), with the top category "90 or older" counting 9.
Reference categories: VKORC1 G/G, CYP2C9 ``*1/*1``, race "White", no interacting drugs.
Race is self-reported in the IWPC data — a coarse stand-in for ancestry and for genes the
formula does not measure (CYP2C9 ``*5``, ``*6``, ``*8``, ``*11``), which the lessons discuss.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from precisionmed._checks import number, require
from precisionmed.pgx.alleles import normalize_diplotype
from precisionmed.pgx.tables import suggest

RACES: tuple[str, ...] = ("White", "Asian", "Black or African American", "Missing or Mixed")
VKORC1_GENOTYPES: tuple[str, ...] = ("G/G", "G/A", "A/A")
CYP2C9_DIPLOTYPES: tuple[str, ...] = ("*1/*1", "*1/*2", "*1/*3", "*2/*2", "*2/*3", "*3/*3")
ALGORITHMS: tuple[str, ...] = ("pharmacogenetic", "clinical")
#: The fixed starting dose the lessons compare with (5 mg a day).
FIXED_DOSE_MG_WEEK = 35.0

#: Coefficients of the IWPC pharmacogenetic algorithm (square root of mg/week).
PHARMACOGENETIC: dict[str, float] = {
    "intercept": 5.6044, "age_decades": -0.2614, "height_cm": 0.0087, "weight_kg": 0.0128,
    "VKORC1 G/A": -0.8677, "VKORC1 A/A": -1.6974, "VKORC1 unknown": -0.4854,
    "CYP2C9 *1/*2": -0.5211, "CYP2C9 *1/*3": -0.9357, "CYP2C9 *2/*2": -1.0616,
    "CYP2C9 *2/*3": -1.9206, "CYP2C9 *3/*3": -2.3312, "CYP2C9 unknown": -0.2188,
    "Asian": -0.1092, "Black or African American": -0.2760, "Missing or Mixed": -0.1032,
    "enzyme inducer": 1.1816, "amiodarone": -0.5503,
}
#: Coefficients of the IWPC clinical algorithm (no genotypes).
CLINICAL: dict[str, float] = {
    "intercept": 4.0376, "age_decades": -0.2546, "height_cm": 0.0118, "weight_kg": 0.0134,
    "Asian": -0.6752, "Black or African American": 0.4060, "Missing or Mixed": 0.0443,
    "enzyme inducer": 1.2799, "amiodarone": -0.5695,
}
SOURCE = ("International Warfarin Pharmacogenetics Consortium (Klein et al., N Engl J Med "
          "2009;360:753), supplementary appendix")


#: Fixed axes rectangles of this module's static figures (``plots.new_figure(axes_rects=...)``):
#: constrained layout's choice for the lesson's data; tests/course/test_fixed_layouts.py.
ERROR_AXES = ((0.0802, 0.1285, 0.9139, 0.806),)
WITHIN20_AXES = ((0.0944, 0.0729, 0.8996, 0.8615),)


def _number(name: str, value: object, low: float, high: float, unit: str) -> float:
    return number(name, value, low, high, unit=unit)


def _vkorc1(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        clean = value.strip().upper().replace(" ", "")
        if clean in ("A/G",):
            clean = "G/A"
        if clean in VKORC1_GENOTYPES:
            return clean
    raise ValueError(f"vkorc1 must be one of {', '.join(VKORC1_GENOTYPES)} or None (unknown); "
                     f"got {value!r}.{suggest(value, VKORC1_GENOTYPES)}")


def _cyp2c9(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            clean = normalize_diplotype("CYP2C9", value)
        except ValueError as exc:
            raise ValueError(f"cyp2c9 must be one of {', '.join(CYP2C9_DIPLOTYPES)} or None; "
                             f"{exc}") from exc
        if clean in CYP2C9_DIPLOTYPES:
            return clean
        raise ValueError(f"The IWPC algorithm only knows CYP2C9 *1, *2 and *3 "
                         f"({', '.join(CYP2C9_DIPLOTYPES)}); {value!r} contains an allele it "
                         "does not include. Use None (unknown) and read the lesson's caveat.")
    raise ValueError(f"cyp2c9 must be text such as '*1/*3' or None, got {value!r}.")


def _race(value: object) -> str:
    if isinstance(value, str):
        for race in RACES:
            if value.strip().lower() == race.lower():
                return race
    raise ValueError(f"race must be one of {', '.join(RACES)} (the IWPC categories); "
                     f"got {value!r}.{suggest(value, RACES)}")


@dataclass(frozen=True)
class DoseTerms:
    """Each term's contribution to the square-root dose (for showing the formula at work)."""

    terms: dict[str, float]

    @property
    def sqrt_dose(self) -> float:
        """The sum of all terms: the predicted square root of the weekly dose."""
        return float(sum(self.terms.values()))

    @property
    def weekly_dose(self) -> float:
        """Predicted dose in mg/week (the square of :attr:`sqrt_dose`)."""
        return self.sqrt_dose ** 2


def warfarin_terms(age_years: float, height_cm: float, weight_kg: float, vkorc1: str | None,
                   cyp2c9: str | None, race: str, enzyme_inducer: bool = False,
                   amiodarone: bool = False, algorithm: str = "pharmacogenetic") -> DoseTerms:
    """Like :func:`warfarin_weekly_dose` but returns every term of the formula."""
    age = _number("age_years", age_years, 18, 110, "years")
    height = _number("height_cm", height_cm, 100, 230, "cm")
    weight = _number("weight_kg", weight_kg, 20, 300, "kg")
    race = _race(race)
    for flag, val in (("enzyme_inducer", enzyme_inducer), ("amiodarone", amiodarone)):
        if not isinstance(val, (bool, np.bool_)):
            raise ValueError(f"{flag} must be True or False, got {val!r}.")
    if algorithm not in ALGORITHMS:
        raise ValueError(f"algorithm must be one of {', '.join(ALGORITHMS)}; got "
                         f"{algorithm!r}.{suggest(algorithm, ALGORITHMS)}")
    return _terms(age, height, weight, _vkorc1(vkorc1), _cyp2c9(cyp2c9), race,
                  bool(enzyme_inducer), bool(amiodarone), algorithm)


def _terms(age: float, height: float, weight: float, vk: str | None, c9: str | None,
           race: str, enzyme_inducer: bool, amiodarone: bool, algorithm: str) -> DoseTerms:
    """:func:`warfarin_terms` of values already checked (the formula itself)."""
    coef = PHARMACOGENETIC if algorithm == "pharmacogenetic" else CLINICAL
    decades = min(math.floor(age / 10), 9)  # IWPC age categories 10-19 ... 80-89, 90+ (= 9)
    terms = {"intercept": coef["intercept"], "age": coef["age_decades"] * decades,
             "height": coef["height_cm"] * height, "weight": coef["weight_kg"] * weight}
    if algorithm == "pharmacogenetic":
        key = "VKORC1 unknown" if vk is None else f"VKORC1 {vk}"
        terms["VKORC1"] = coef.get(key, 0.0)
        key = "CYP2C9 unknown" if c9 is None else f"CYP2C9 {c9}"
        terms["CYP2C9"] = coef.get(key, 0.0)
    terms["race"] = coef.get(race, 0.0)
    terms["enzyme inducer"] = coef["enzyme inducer"] if enzyme_inducer else 0.0
    terms["amiodarone"] = coef["amiodarone"] if amiodarone else 0.0
    return DoseTerms(terms)


def warfarin_weekly_dose(age_years: float, height_cm: float, weight_kg: float,
                         vkorc1: str | None, cyp2c9: str | None, race: str,
                         enzyme_inducer: bool = False, amiodarone: bool = False,
                         algorithm: str = "pharmacogenetic") -> float:
    """Predicted stable warfarin dose in mg/week by the IWPC algorithm.

    Parameters
    ----------
    age_years, height_cm, weight_kg
        Age (counted in whole decades, ``floor(age / 10)``, 90 or older counting 9), height
        and weight.
    vkorc1
        VKORC1 c.-1639G>A genotype "G/G", "G/A", "A/A", or None if unknown.
    cyp2c9
        CYP2C9 diplotype of ``*1``, ``*2`` and ``*3`` (e.g. "*1/*3"), or None if unknown.
    race
        One of the IWPC categories "White", "Asian", "Black or African American",
        "Missing or Mixed" (self-reported; see the lesson's discussion).
    enzyme_inducer
        Taking carbamazepine, phenytoin, rifampin/rifampicin.
    amiodarone
        Taking amiodarone.
    algorithm
        "pharmacogenetic" (default) or "clinical" (ignores the genotypes).

    >>> round(warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*1", "White"), 1)
    41.9
    >>> round(warfarin_weekly_dose(60, 170, 75, None, None, "White", algorithm="clinical"), 1)
    30.5
    """
    terms = warfarin_terms(age_years, height_cm, weight_kg, vkorc1, cyp2c9, race,
                           enzyme_inducer, amiodarone, algorithm)
    return terms.weekly_dose


def iwpc_cyp2c9(diplotype: str) -> str | None:
    """Map a full CYP2C9 diplotype to what the IWPC formula can use.

    Diplotypes of ``*1``, ``*2``, ``*3`` pass through; any other allele (``*5``, ``*8``,
    ``*11``...) is invisible to a test that only looks for ``*2`` and ``*3``, so it reads as
    ``*1`` — exactly the blind spot the lesson discusses.
    """
    parts = normalize_diplotype("CYP2C9", diplotype).split("/")
    seen = [p if p in ("*1", "*2", "*3") else "*1" for p in parts]
    return normalize_diplotype("CYP2C9", "/".join(seen))


def cohort_doses(patients: pd.DataFrame) -> pd.DataFrame:
    """Add fixed, clinical and pharmacogenetic doses and their errors to a warfarin table.

    ``patients`` needs ``age_years``, ``height_cm``, ``weight_kg``, ``vkorc1``, ``cyp2c9``
    (full diplotype; read through :func:`iwpc_cyp2c9`), ``race_reported``, ``enzyme_inducer``,
    ``amiodarone`` and ``true_dose_mg_week``. Returns a copy with columns ``fixed``,
    ``clinical``, ``pharmacogenetic`` and, for each, ``error_<name>`` (predicted − true, mg/week)
    and ``within20_<name>`` (within 20% of the true dose, the IWPC paper's measure).
    """
    require(patients, pd.DataFrame, "patients (the warfarin patient table)")
    need = ["age_years", "height_cm", "weight_kg", "vkorc1", "cyp2c9", "race_reported",
            "enzyme_inducer", "amiodarone", "true_dose_mg_week"]
    missing = [c for c in need if c not in patients.columns]
    if missing:
        raise ValueError(f"The warfarin table lacks columns {missing}.")
    if patients.empty:
        raise ValueError("The warfarin table has no patients.")
    out = patients.copy()
    # Check the table once, column by column (each distinct genotype and race once), then run
    # the formula on the checked values.
    for column, (low, high, unit) in {"age_years": (18, 110, "years"),
                                      "height_cm": (100, 230, "cm"),
                                      "weight_kg": (20, 300, "kg")}.items():
        values = pd.to_numeric(out[column], errors="coerce").astype(float)
        bad = values[~np.isfinite(values)]
        _number(column, out[column][bad.index[0]] if len(bad) else values.min(), low, high, unit)
        _number(column, values.max(), low, high, unit)
    races = {v: _race(v) for v in out["race_reported"].astype(str).unique()}
    vkorc1 = {v: _vkorc1(v) for v in out["vkorc1"].astype(str).unique()}
    cyp2c9 = {v: _cyp2c9(iwpc_cyp2c9(v)) for v in out["cyp2c9"].astype(str).unique()}
    clinical, genetic = [], []
    for row in out.itertuples(index=False):
        args = (float(row.age_years), float(row.height_cm), float(row.weight_kg))
        race = races[str(row.race_reported)]
        flags = (bool(row.enzyme_inducer), bool(row.amiodarone))
        clinical.append(_terms(*args, None, None, race, *flags, "clinical").weekly_dose)
        genetic.append(_terms(*args, vkorc1[str(row.vkorc1)], cyp2c9[str(row.cyp2c9)], race,
                              *flags, "pharmacogenetic").weekly_dose)
    out["fixed"] = FIXED_DOSE_MG_WEEK
    out["clinical"] = clinical
    out["pharmacogenetic"] = genetic
    truth = out["true_dose_mg_week"].astype(float)
    for name in ("fixed", "clinical", "pharmacogenetic"):
        out[f"error_{name}"] = out[name] - truth
        out[f"within20_{name}"] = (out[name] - truth).abs() <= 0.2 * truth
    return out


def _check_doses(doses: object) -> pd.DataFrame:
    require(doses, pd.DataFrame, "doses (from cohort_doses)")
    cols = [f"{k}_{n}" for k in ("error", "within20") for n in ALGORITHMS + ("fixed",)]
    if doses.empty or any(c not in doses.columns for c in cols):
        raise ValueError("Make the table with cohort_doses() first.")
    return doses


def _check_three(doses: object) -> dict[str, float]:
    require(doses, dict, "doses (from three_doses)")
    for key in ("fixed", "clinical", "pharmacogenetic"):
        value = doses.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not (
                math.isfinite(float(value))):
            raise ValueError("doses must map 'fixed', 'clinical' and 'pharmacogenetic' to "
                             "numbers; make it with three_doses().")
    return doses


def _check_within(table: object) -> pd.DataFrame:
    require(table, pd.DataFrame, "table (from within_20_summary)")
    if table.empty or any(c not in table.columns for c in ALGORITHM_LABELS):
        raise ValueError("Make the table with within_20_summary() first.")
    return table


def within_20_summary(doses: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Share of patients (%) whose predicted dose is within 20% of the true dose.

    One row overall, or one per value of column ``by`` (e.g. ``"population"``); columns
    ``fixed``, ``clinical``, ``pharmacogenetic`` and ``patients``.
    """
    _check_doses(doses)
    cols = ["within20_fixed", "within20_clinical", "within20_pharmacogenetic"]
    if by is not None and (not isinstance(by, str) or by not in doses.columns):
        raise ValueError(f"by must be a column of the table (e.g. 'population'), got {by!r}.")
    groups = [("all", doses)] if by is None else list(doses.groupby(by, sort=True))
    rows = []
    for key, group in groups:
        row = {"group": key, "patients": len(group)}
        for c in cols:
            row[c.replace("within20_", "")] = round(float(group[c].mean()) * 100, 1)
        rows.append(row)
    return pd.DataFrame(rows).set_index("group")


#: Bar colours for the three doses (Okabe–Ito).
DOSE_COLORS = ("#999999", "#E69F00", "#0072B2")
DOSE_LABELS = ("Fixed\n(35 mg/week)", "IWPC clinical\n(no genes)", "IWPC pharmaco-\ngenetic")


def three_doses(age_years: float, height_cm: float, weight_kg: float, vkorc1: str | None,
                cyp2c9: str | None, race: str, enzyme_inducer: bool = False,
                amiodarone: bool = False) -> dict[str, float]:
    """The fixed, clinical and pharmacogenetic weekly doses (mg/week) side by side."""
    args = (age_years, height_cm, weight_kg, vkorc1, cyp2c9, race, enzyme_inducer, amiodarone)
    return {"fixed": FIXED_DOSE_MG_WEEK,
            "clinical": warfarin_weekly_dose(*args, algorithm="clinical"),
            "pharmacogenetic": warfarin_weekly_dose(*args)}


def plot_three_doses(ax: Axes, doses: dict[str, float]) -> list:
    """Draw the three doses as bars on ``ax`` (updated in place on later calls)."""
    require(ax, Axes, "ax")
    _check_three(doses)
    values = [doses["fixed"], doses["clinical"], doses["pharmacogenetic"]]
    state = getattr(ax, "_precisionmed_doses", None)
    if state is None:
        ax.clear()
        bars = ax.bar(range(3), [0.0] * 3, color=DOSE_COLORS, animated=True)
        labels = [ax.annotate("", (i, 0), ha="center", va="bottom", xytext=(0, 3),
                              textcoords="offset points", animated=True) for i in range(3)]
        ax.set_xticks(range(3), DOSE_LABELS)
        ax.set_ylabel("Weekly warfarin dose (mg/week)")
        ax.set_ylim(0, 100)
        ax.set_title("Three starting doses for the same person", fontsize=11)
        state = (list(bars), labels)
        ax._precisionmed_doses = state  # type: ignore[attr-defined]
    bars, labels = state
    for patch, label, value in zip(bars, labels, values, strict=True):
        patch.set_height(value)
        label.xy = (patch.get_x() + patch.get_width() / 2, value)
        label.set_text(f"{value:.1f}")
    return bars


def describe_three_doses(doses: dict[str, float]) -> str:
    """One-sentence description (alt text) of :func:`plot_three_doses`."""
    _check_three(doses)
    return (f"Bar chart of three weekly warfarin doses: fixed {doses['fixed']:.0f} mg, IWPC "
            f"clinical {doses['clinical']:.1f} mg and IWPC pharmacogenetic "
            f"{doses['pharmacogenetic']:.1f} mg.")


ALGORITHM_LABELS = {"fixed": "Fixed 35 mg/week", "clinical": "IWPC clinical",
                    "pharmacogenetic": "IWPC pharmacogenetic"}


def plot_errors(ax: Axes, doses: pd.DataFrame) -> None:
    """Histogram of prediction errors (predicted − true, mg/week) for the three approaches."""
    require(ax, Axes, "ax")
    _check_doses(doses)
    bins = np.arange(-60, 62, 4)
    for name, color in zip(ALGORITHM_LABELS, DOSE_COLORS, strict=True):
        ax.hist(doses[f"error_{name}"].clip(-60, 60), bins=bins, histtype="step", linewidth=2,
                color=color, label=ALGORITHM_LABELS[name])
    ax.axvline(0, color="black", lw=1, ls="--")
    ax.set_xlabel("Predicted minus true dose (mg/week)")
    ax.set_ylabel("Patients")
    ax.legend(fontsize=9, loc="upper left")


def describe_errors(doses: pd.DataFrame) -> str:
    """One-sentence description (alt text) of :func:`plot_errors`."""
    _check_doses(doses)
    mae = {n: doses[f"error_{n}"].abs().mean() for n in ALGORITHM_LABELS}
    return ("Histogram of dosing errors for three approaches; the average size of the error is "
            f"{mae['fixed']:.1f} mg/week for the fixed dose, {mae['clinical']:.1f} for the "
            f"clinical formula and {mae['pharmacogenetic']:.1f} for the pharmacogenetic one.")


def plot_within20(ax: Axes, table: pd.DataFrame) -> None:
    """Grouped bars: share of patients within 20% of the true dose, by group and approach."""
    require(ax, Axes, "ax")
    _check_within(table)
    groups = list(table.index)
    x = np.arange(len(groups))
    width = 0.26
    for j, (name, color) in enumerate(zip(ALGORITHM_LABELS, DOSE_COLORS, strict=True)):
        ax.bar(x + (j - 1) * width, table[name], width, color=color, label=ALGORITHM_LABELS[name])
    ax.set_xticks(x, [str(g) for g in groups])
    ax.set_ylim(0, 100)
    ax.set_ylabel("Patients within 20% of true dose (%)")
    ax.legend(fontsize=9, loc="upper left", ncol=3)


def describe_within20(table: pd.DataFrame) -> str:
    """One-sentence description (alt text) of :func:`plot_within20`."""
    _check_within(table)
    best = table["pharmacogenetic"].idxmax()
    worst = table["pharmacogenetic"].idxmin()
    return ("Grouped bar chart of the share of patients dosed within 20% of their true dose by "
            f"group; the pharmacogenetic formula does best in {best} "
            f"({table.loc[best, 'pharmacogenetic']:.0f}%) and worst in {worst} "
            f"({table.loc[worst, 'pharmacogenetic']:.0f}%).")


def error_chart(doses: pd.DataFrame) -> Figure:
    """Lesson 02's histogram of dosing errors, titled and with its alt text (for ``plots.show``)."""
    from precisionmed.plots import new_figure

    fig, ax = new_figure(alt=describe_errors(doses), axes_rects=ERROR_AXES)
    plot_errors(ax, doses)
    ax.set_title("How far off is each starting dose?")
    return fig


def within20_chart(table: pd.DataFrame) -> Figure:
    """Lesson 02's bars of patients dosed within 20%, titled and with alt text."""
    from precisionmed.plots import new_figure

    fig, ax = new_figure(alt=describe_within20(table), axes_rects=WITHIN20_AXES)
    plot_within20(ax, table)
    ax.set_title("Patients dosed within 20% of their true dose")
    return fig


#: CYP2C9 alleles on the course's simulated panel that lower function but that the IWPC
#: formula cannot see (``*6``, a one-letter deletion, is not simulated).
HIDDEN_CYP2C9: tuple[str, ...] = ("*5", "*8", "*11")


def carries_hidden_cyp2c9(diplotype: str) -> bool:
    """True if a CYP2C9 diplotype such as ``"*1/*8"`` holds ``*5``, ``*8`` or ``*11``."""
    if not isinstance(diplotype, str) or diplotype.count("/") != 1:
        raise ValueError(f"diplotype must look like '*1/*8', got {diplotype!r:.40}.")
    return any(allele.strip() in HIDDEN_CYP2C9 for allele in diplotype.split("/"))


def hidden_allele_errors(doses: pd.DataFrame) -> pd.DataFrame:
    """Patients and mean pharmacogenetic error (mg/week) without and with a hidden allele.

    Rows ``"no *5/*8/*11"`` and ``"carries *5, *8 or *11"``; columns ``patients`` and
    ``mean error (mg/week)`` (predicted − true, rounded to 0.1; positive = too high).
    """
    _check_doses(doses)
    if "cyp2c9" not in doses.columns:
        raise ValueError("The doses table needs the cyp2c9 column (full diplotypes).")
    carrier = doses["cyp2c9"].astype(str).map(carries_hidden_cyp2c9)
    rows = []
    for label, group in (("no *5/*8/*11", doses[~carrier]),
                         ("carries *5, *8 or *11", doses[carrier])):
        mean = float(group["error_pharmacogenetic"].mean()) if len(group) else float("nan")
        rows.append({"group": label, "patients": len(group),
                     "mean error (mg/week)": round(mean, 1)})
    return pd.DataFrame(rows).set_index("group")


def below_all_starting_doses(doses: pd.DataFrame) -> pd.Series:
    """True for each patient whose true dose is below the fixed, clinical and genetic doses."""
    _check_doses(doses)
    truth = doses["true_dose_mg_week"].astype(float)
    return (truth < doses["fixed"]) & (truth < doses["clinical"]) & (
        truth < doses["pharmacogenetic"])


def describe_below_all(doses: pd.DataFrame) -> str:
    """How many simulated patients, like Rosa, need less than all three starting doses."""
    below = below_all_starting_doses(doses)
    return (f"{int(below.sum())} of {len(below)} simulated patients ({below.mean():.0%}) have a "
            "true dose below all three starting doses, like Rosa.")


def dose_level_table(doses: pd.DataFrame) -> pd.DataFrame:
    """Per population: patients, middle (median) true dose, share within 20% and carriers.

    Columns ``patients``, ``middle true dose`` (median, mg/week), ``within 20% (%)`` (genetic
    formula) and ``carry *5/*8/*11``; one row per ``population``.
    """
    _check_doses(doses)
    if "population" not in doses.columns or "cyp2c9" not in doses.columns:
        raise ValueError("The doses table needs the population and cyp2c9 columns.")
    carrier = doses["cyp2c9"].astype(str).map(carries_hidden_cyp2c9)
    rows = []
    for name, group in doses.groupby("population", sort=True):
        rows.append({
            "population": name, "patients": len(group),
            "middle true dose": round(float(group["true_dose_mg_week"].median()), 1),
            "within 20% (%)": round(float(group["within20_pharmacogenetic"].mean()) * 100, 1),
            "carry *5/*8/*11": int(carrier[group.index].sum())})
    return pd.DataFrame(rows).set_index("population")


def describe_dose_level(doses: pd.DataFrame) -> str:
    """Share within 20% (genetic formula) above and below the cohort's middle predicted dose."""
    _check_doses(doses)
    middle = float(doses["pharmacogenetic"].median())
    high = doses["pharmacogenetic"] > middle
    share_high = float(doses.loc[high, "within20_pharmacogenetic"].mean())
    share_low = float(doses.loc[~high, "within20_pharmacogenetic"].mean())
    return (f"Within 20% with the genetic formula: {share_high:.0%} of the patients whose "
            f"predicted dose is above the middle value ({middle:.1f} mg/week), and "
            f"{share_low:.0%} of those below it.")
