"""Lesson 08's panels: the training-mix of a polygenic score, and two kidney equations.

Each builder returns a ``VBox`` (never displays it) with ``controls``, ``view``
(:class:`precisionmed.widgets.FigureView`), ``summary`` and ``result``; tests set
``box.controls[...].value`` and read the result. ``BENCHMARK_CASES`` feed
``benchmarks/run.py``. Both panels keep each state's PNG, so moving back is instant.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from precisionmed.diversity import plotting as dp
from precisionmed.plots import set_alt
from precisionmed.widgets import LABEL_STYLE, FigureView, choice_slider, connect

#: Shares of the training cohort from population C the slider offers (0%, 10%, … 100%).
MIXES: tuple[float, ...] = tuple(round(0.1 * i, 1) for i in range(11))
#: Axes rectangles (left, bottom, width, height) for the panels' figures: placed by hand, so
#: the first draw skips the layout engine (about 50 ms less per panel).
MIX_AXES = (0.10, 0.16, 0.88, 0.74)
KIDNEY_AXES = (0.10, 0.15, 0.88, 0.75)
#: Creatinine values (mg/dL) the kidney slider offers.
CREATININE: tuple[float, ...] = tuple(round(0.5 + 0.1 * i, 1) for i in range(56))




@lru_cache(maxsize=1)
def accuracy_table() -> pd.DataFrame:
    """The precomputed accuracy grid (``diversity/pgs_accuracy``)."""
    from precisionmed import data

    return data.load("diversity/pgs_accuracy")


def mix_result(share_c: float) -> dp.MixResult:
    """The precomputed accuracy of the score trained with ``share_c`` of its cohort from C."""
    if isinstance(share_c, bool) or not isinstance(share_c, (int, float)):
        raise TypeError(f"share_c must be a number from {MIXES}, got {share_c!r}.")
    share = round(float(share_c), 1)
    if share not in MIXES or abs(share - float(share_c)) > 1e-9:
        raise ValueError(f"share_c must be one of {MIXES}, got {share_c!r}.")
    table = accuracy_table()
    rows = table[(table["share_c"] - share).abs() < 1e-9].set_index("population")
    return dp.MixResult(share_c=share, r2={p: float(rows.loc[p, "r2"]) for p in rows.index},
                        slope={p: float(rows.loc[p, "slope"]) for p in rows.index},
                        train_a=int(rows["train_a"].iloc[0]),
                        train_c=int(rows["train_c"].iloc[0]))


def training_mix_panel(share_c: float = 0.0) -> w.VBox:
    """The 'who is in the training cohort?' panel.

    One control, ``"share_c"``: the share of the training cohort from population C (the rest
    from A). The bars show the precomputed variance explained in each test population; the
    dashed lines the all-A training. ``result`` is a :class:`~precisionmed.diversity.plotting.
    MixResult`.
    """
    if share_c not in MIXES:
        raise ValueError(f"share_c must be one of {MIXES}, got {share_c!r}.")
    controls = {"share_c": choice_slider(
        "Training cohort from population C", [(f"{100 * m:.0f}%", m) for m in MIXES],
        share_c)}
    view = FigureView(figsize=(6.5, 3.4))
    view.figure.set_layout_engine("none")
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])
    images: dict[object, tuple[bytes, str]] = {}
    reference = mix_result(0.0)

    def redraw() -> object:
        result = mix_result(controls["share_c"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_axes(MIX_AXES)
            dp.plot_accuracy(ax, result, reference)
            set_alt(fig, dp.describe_accuracy(result))

        view.show_state(images, result.share_c, draw)
        summary.value = dp.summarise_accuracy(result)
        return result

    return connect(box, controls, view, redraw, summary=summary)


@lru_cache(maxsize=1)
def named_patients() -> pd.DataFrame:
    """The kidney clinic's named patients (``diversity/kidney_clinic`` rows with a name)."""
    from precisionmed import data

    clinic = data.load("diversity/kidney_clinic")
    return clinic[clinic["name"].notna()].reset_index(drop=True)


def patient_result(name: str, creatinine: float | None = None) -> dp.KidneyResult:
    """A named patient scored with both equations (at their own or a given creatinine)."""
    patients = named_patients()
    names = patients["name"].astype(str).tolist()
    if name not in names:
        raise ValueError(f"name must be one of {names}, got {name!r}.")
    row = patients[patients["name"] == name].iloc[0]
    value = float(row["creatinine_mg_dl"]) if creatinine is None else creatinine
    return dp.kidney_result(name, int(row["age_years"]), str(row["sex"]),
                            bool(row["recorded_black"]), value)


def kidney_panel(name: str = "Marcus", creatinine: float | None = None) -> w.VBox:
    """The 'two equations, one patient' panel.

    Controls ``"patient"`` (a named patient of the simulated clinic) and ``"creatinine"``
    (0.5–6.0 mg/dL). The figure shows eGFR by both CKD-EPI equations against creatinine with
    the lines at 60 and 20. ``result`` is a :class:`~precisionmed.diversity.plotting.
    KidneyResult`.
    """
    start = patient_result(name)
    value = round(start.creatinine if creatinine is None else creatinine, 1)
    if value not in CREATININE:
        raise ValueError(f"creatinine must be one of {CREATININE[0]}–{CREATININE[-1]} mg/dL "
                         f"in steps of 0.1, got {creatinine!r}.")
    names = named_patients()["name"].astype(str).tolist()
    controls = {
        "patient": w.Dropdown(options=names, value=name, description="Patient",
                              style=LABEL_STYLE, layout=w.Layout(width="auto")),
        "creatinine": choice_slider("Blood creatinine",
                                    [(f"{c:.1f} mg/dL", c) for c in CREATININE], value),
    }
    view = FigureView(figsize=(6.5, 3.4))
    view.figure.set_layout_engine("none")
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])
    images: dict[object, tuple[bytes, str]] = {}

    def own_creatinine(change: dict) -> None:
        """A newly chosen patient starts at their own creatinine."""
        mine = round(patient_result(change["new"]).creatinine, 1)
        if mine in CREATININE:
            controls["creatinine"].value = mine

    # registered before connect(), so the slider moves first and the patient's own redraw
    # then shows the stored picture
    controls["patient"].observe(own_creatinine, names="value")

    def redraw() -> object:
        who = controls["patient"].value
        result = patient_result(who, controls["creatinine"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_axes(KIDNEY_AXES)
            dp.plot_kidney(ax, result)
            set_alt(fig, dp.describe_kidney(result))

        view.show_state(images, (who, result.creatinine), draw)
        summary.value = dp.summarise_kidney(result)
        return result

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("08 training_mix_panel: share from C", training_mix_panel, "share_c", list(MIXES)),
    ("08 kidney_panel: creatinine", kidney_panel, "creatinine",
     [3.0, 3.2, 3.4, 3.6, 3.8, 4.0, 4.2]),
    ("08 kidney_panel: patient", kidney_panel, "patient", ["Denise", "Tom", "Marcus"]),
]

__all__ = ["BENCHMARK_CASES", "kidney_panel", "mix_result", "patient_result",
           "training_mix_panel"]


def pgx_under_studied() -> pd.DataFrame:
    """Lesson 01's allele frequencies for CYP2C9 *5/*6/*8/*11 and CYP2D6 *17/*29.

    One row per allele, one column per population (1000 Genomes labels; percent of
    chromosomes, empty where the source gives none), read from ``knowledge/pgx_frequencies``.
    """
    from precisionmed import data

    table = data.load("knowledge/pgx_frequencies")
    wanted = {"CYP2C9": ["*5", "*6", "*8", "*11"], "CYP2D6": ["*17", "*29"]}
    rows = table[[a in wanted.get(g, []) for g, a in zip(table["gene"], table["allele"],
                                                           strict=True)]]
    wide = rows.pivot_table(index=["gene", "allele"], columns="population",
                            values="frequency", aggfunc="first")
    order = [c for c in ("AFR", "AMR", "EAS", "EUR", "SAS") if c in wide.columns]
    out = (100 * wide[order]).round(1).reset_index()
    out["_n"] = [int(a.strip("*")) for a in out["allele"]]
    out = out.sort_values(["gene", "_n"]).drop(columns="_n").reset_index(drop=True)
    out.columns.name = None
    return out
