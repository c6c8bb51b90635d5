"""A molecular tumour board report for one simulated patient, and its VAF plot.

The report follows what a real board reads, simplified for teaching: which calls passed
quality filters, which look inherited (germline) or tumour-only (somatic) from their VAF and
the pathologist's purity estimate, which are known drivers, the matched drugs with evidence
levels and sources, and warnings where an alteration predicts a drug will fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from precisionmed import data
from precisionmed._checks import require
from precisionmed.oncology import knowledge
from precisionmed.oncology.matching import (
    MATCH_COLUMNS,
    Setting,
    as_setting,
    match_therapies,
    resistance_warnings,
    therapy_summary,
)
from precisionmed.oncology.variants import estimate_purity, origin_call
from precisionmed.plots import OKABE_ITO

CLINICAL = "oncology/clinical"
CALLS = "oncology/maf"

#: Columns of :attr:`TumourReport.calls`.
REPORT_COLUMNS = ["gene", "alteration", "variant_type", "vaf", "t_alt_count", "t_depth",
                  "filter", "origin_call", "known_driver"]

#: Plot categories in drawing order: (label, colour, marker).
CATEGORIES = {
    "likely somatic": (OKABE_ITO["vermillion"], "o"),
    "likely germline": (OKABE_ITO["blue"], "s"),
    "uncertain": (OKABE_ITO["orange"], "D"),
    "filtered (low quality)": ("#999999", "x"),
}
MAX_ROWS = 24


#: Fixed axes rectangles of this module's static figures (``plots.new_figure(axes_rects=...)``):
#: constrained layout's choice for the lesson's data; tests/course/test_fixed_layouts.py.
DRIVER_VAF_AXES = ((0.0865, 0.1285, 0.9075, 0.806),)


class _RowLabels(Text):
    """All row labels as one multi-line text whose line spacing matches the rows.

    One text draws about twice as fast as one text per row; the spacing is set at draw time
    from the axes' height in pixels, so the lines sit on rows 0, 1, 2, ... of the y axis.
    """

    _unit: float | None = None

    def _unit_step(self, renderer: object) -> float:
        """Pixels between two lines at line spacing 1 (measured once, public API only)."""
        if self._unit is None:
            probe = Text(0, 0, "Ag", fontproperties=self.get_fontproperties(), linespacing=1.0)
            probe.set_figure(self.get_figure())
            one = probe.get_window_extent(renderer).height
            probe.set_text("Ag\nAg")
            self._unit = max(probe.get_window_extent(renderer).height - one, 1e-6)
        return self._unit

    def draw(self, renderer: object) -> None:  # noqa: D102
        axes = self.axes
        lines = self.get_text().count("\n") + 1
        if axes is not None and self.get_text():
            low, high = axes.get_ylim()
            pitch = axes.bbox.height / abs(high - low)
            self.set_linespacing(max(pitch / self._unit_step(renderer), 0.1))
            self.set_y((lines - 1) / 2)
        super().draw(renderer)


@dataclass(frozen=True)
class TumourReport:
    """Everything the tumour board shows for one patient (treat as read-only)."""

    patient: dict
    calls: pd.DataFrame
    matches: pd.DataFrame
    summary: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    purity_estimate: float | None = None
    setting: Setting | None = None

    @property
    def patient_id(self) -> str:
        """The patient's identifier."""
        return str(self.patient["patient_id"])

    def headline(self) -> str:
        """One plain sentence: who, which cancer, purity, and how many drugs to consider."""
        p = self.patient
        who = f"{p['name']} ({p['patient_id']})" if p.get("name") else p["patient_id"]
        verdicts = dict(zip(self.summary["drug"], self.summary["verdict"], strict=True))
        consider = [d for d, v in verdicts.items() if v == "consider"]
        avoid = [d for d, v in verdicts.items() if v == "avoid"]
        stage = f"{p['stage']} " if p.get("stage") else ""
        prior = str(p.get("prior_therapy") or "none")
        after = f" after {prior}" if prior != "none" else ", no earlier drug treatment"
        text = (f"{who}: {stage}{p['cancer_type']} cancer{after}, pathologist's purity estimate "
                f"{p['pathology_purity']:.0%}, TMB {p['tmb']:g} mut/Mb, {p['msi_status']}. ")
        text += (f"Drugs to discuss: {', '.join(consider)}." if consider
                 else "No matched targeted drug for this setting in this course's table.")
        if avoid:
            text += f" Likely to fail: {', '.join(avoid)}."
        later = self._not_for_this_setting()
        if later:
            text += f" Not for this setting: {later}."
        return text

    def _not_for_this_setting(self) -> str:
        """'drug for biomarker, …: why' for each drug approved only for another setting.

        Naming the biomarker and the reason keeps a tumour-agnostic row (pembrolizumab for
        TMB-high after earlier treatment) from reading as "this drug is not for this cancer".
        """
        rows = self.summary[self.summary["verdict"] == "not for this setting"]
        groups: dict[str, dict[str, list[str]]] = {}
        for drug, because, reason in zip(rows["drug"], rows["because"], rows["reason"],
                                         strict=True):
            # reason: "approved for <setting>; <why>", once per matching row (settings hold
            # no semicolons); keep the distinct whys.
            whys = [piece for piece in str(reason).split("; ")
                    if piece and not piece.startswith("approved for")]
            why = "; ".join(dict.fromkeys(whys))
            marker = " or ".join(part for part in str(because or "").split("; ") if part)
            groups.setdefault(why, {}).setdefault(marker, []).append(str(drug))
        parts = []
        for why, by_marker in groups.items():
            listed = ", ".join(
                (" and ".join([", ".join(drugs[:-1]), drugs[-1]]) if len(drugs) > 1
                 else drugs[0]) + (f" for {marker}" if marker else "")
                for marker, drugs in by_marker.items())
            parts.append(f"{listed} ({why})" if why else listed)
        return "; ".join(parts)


@lru_cache(maxsize=1)
def _cohort() -> tuple[pd.DataFrame, pd.DataFrame]:
    return data.load(CLINICAL), data.load(CALLS)


@lru_cache(maxsize=1)
def _annotated_calls() -> pd.DataFrame:
    """Every call with its origin call and driver flag, computed once for the cohort."""
    clinical, calls = _cohort()
    purity = dict(zip(clinical["patient_id"], clinical["pathology_purity"], strict=True))
    named = set(knowledge.hotspot_names()) | {
        (r["gene"], r["alteration"]) for rows in knowledge.rows_by_gene().values() for r in rows}
    origins, known = [], []
    for pid, gene, alteration, vtype, filt, vaf_value, depth in zip(
            calls["patient_id"], calls["gene"], calls["alteration"], calls["variant_type"],
            calls["filter"], calls["vaf"], calls["t_depth"], strict=True):
        known.append(vtype in ("fusion", "amplification", "ITD", "MSI")
                     or (gene, alteration) in named)
        if filt != "PASS":
            origins.append("filtered (low quality)")
        elif pd.isna(vaf_value):
            origins.append("somatic (no VAF)")
        else:
            origins.append(origin_call(float(vaf_value), float(purity[pid]), int(depth)))
    calls = calls.assign(origin_call=origins, known_driver=known)
    return calls.sort_values(["patient_id", "known_driver", "vaf"],
                             ascending=[True, False, False], na_position="first",
                             kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def _rows_by_patient() -> dict[str, np.ndarray]:
    return {str(k): v for k, v in _annotated_calls().groupby("patient_id").indices.items()}


def _patient_calls(patient_id: str) -> pd.DataFrame:
    rows = _rows_by_patient().get(patient_id)
    table = _annotated_calls()
    if rows is None:
        return table.iloc[:0][REPORT_COLUMNS]
    return table.iloc[rows][REPORT_COLUMNS].reset_index(drop=True)


def patient_ids(cancer_type: str | None = None) -> list[str]:
    """Identifiers of the simulated tumour-sequencing patients (recurring ones first)."""
    clinical = _cohort()[0]
    if cancer_type is not None:
        clinical = clinical[clinical["cancer_type"] == cancer_type]
    ids = clinical["patient_id"].tolist()
    return sorted(ids, key=lambda x: (not x.startswith("PM-"), x))


def patient_label(patient_id: str) -> str:
    """Dropdown label such as 'PM-002 · Wei · lung'."""
    labels = _labels()
    if isinstance(patient_id, str) and patient_id.strip() in labels:
        return labels[patient_id.strip()]
    _patient(patient_id)  # raises the friendly error
    raise AssertionError("unreachable")  # pragma: no cover


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Every patient's dropdown label, built in one pass over the clinical table."""
    clinical = _cohort()[0]
    return {pid: f"{pid}{f' · {name}' if isinstance(name, str) and name else ''} · {kind}"
            for pid, name, kind in zip(clinical["patient_id"], clinical["name"],
                                       clinical["cancer_type"], strict=True)}


def _patient(patient_id: str) -> dict:
    clinical = _cohort()[0]
    if not isinstance(patient_id, str):
        raise ValueError(f"patient_id must be text such as 'PM-002', got {patient_id!r}.")
    hit = clinical[clinical["patient_id"] == patient_id.strip()]
    if hit.empty:
        import difflib

        close = difflib.get_close_matches(patient_id.strip(), clinical["patient_id"].tolist(),
                                          n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"No simulated tumour patient {patient_id!r}.{hint}")
    row = hit.iloc[0].to_dict()
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def tumour_report(patient_id: str) -> TumourReport:
    """Build (once, then from a cache) the tumour-board report for ``patient_id``.

    Raises
    ------
    ValueError
        For an unknown patient (close identifiers are suggested).
    """
    _patient(patient_id)
    return _report(patient_id.strip())


@lru_cache(maxsize=1024)
def _report(patient_id: str) -> TumourReport:
    patient = _patient(patient_id)
    calls = _patient_calls(patient_id)
    keep = calls[(calls["filter"] == "PASS") & (calls["origin_call"] != "likely germline")]
    alterations = [a if g == "MSI" else f"{g} {a}" for g, a in
                   zip(keep["gene"], keep["alteration"], strict=True)]
    alterations.append(f"TMB {patient['tmb']:g} mut/Mb")
    setting = patient_setting(patient)
    matches = match_therapies(alterations, str(patient["cancer_type"]), setting=setting)
    somatic = calls[(calls["origin_call"] == "likely somatic") & calls["vaf"].notna()]["vaf"]
    estimate = estimate_purity(somatic.tolist()) if len(somatic) else None
    return TumourReport(patient=patient, calls=calls, matches=matches[MATCH_COLUMNS],
                        summary=therapy_summary(matches), warnings=resistance_warnings(matches),
                        purity_estimate=estimate, setting=setting)


def patient_setting(patient: dict) -> Setting:
    """The board's view of a patient's stage and earlier treatment (from the clinical table)."""
    if not isinstance(patient, dict):
        raise ValueError("patient must be a row of oncology/clinical as a dict.")
    prior = str(patient.get("prior_therapy") or "none")
    setting = as_setting({"stage": str(patient.get("stage") or "advanced"), "prior": [prior]})
    assert setting is not None
    return setting


def plot_vaf(ax: Axes, report: TumourReport, show_filtered: bool = True,
             animated: bool = False) -> None:
    """Draw each call's VAF as a dot (one row per call) with reference lines.

    Dots are coloured by the germline-or-somatic call; known drivers get a black ring. A
    dashed line marks purity / 2 (where a clonal heterozygous somatic variant should sit) and a
    dotted line 0.5 (a heterozygous germline variant). Called again on the same ``ax`` it
    updates its artists in place (fast enough for a widget). With ``animated=True`` the
    artists that change between patients are marked animated, so a widget's
    :class:`~precisionmed.widgets.FigureView` redraws only them over a cached background
    (ordinary ``savefig`` skips animated artists, so leave it False for static figures).
    """
    require(ax, Axes, "ax")
    require(report, TumourReport, "report (from tumour_report)")
    calls = _plotted_calls(report, show_filtered)
    y = np.arange(len(calls), dtype=float)
    state = getattr(ax, "_precisionmed_vaf", None)
    if state is None:
        ax.clear()
        scatters = {name: ax.scatter([], [], s=55, c=colour, marker=marker, label=name,
                                     zorder=3)
                    for name, (colour, marker) in CATEGORIES.items()}
        rings = ax.scatter([], [], s=170, facecolors="none", edgecolors="black", linewidths=1.6,
                           label="known driver", zorder=4)
        ax.axvline(0.5, color=OKABE_ITO["blue"], ls=":", lw=1.5)
        purity_line = ax.axvline(0.25, color=OKABE_ITO["vermillion"], ls="--", lw=1.5)
        ax.text(0.5, 1.0, " germline 0.5", transform=ax.get_xaxis_transform(), va="bottom",
                ha="left", fontsize=9, color=OKABE_ITO["blue"])
        purity_text = ax.text(0.25, 1.0, "purity/2 ", transform=ax.get_xaxis_transform(),
                              va="bottom", ha="right", fontsize=9, color=OKABE_ITO["vermillion"])
        labels = _RowLabels(-0.01, 0, "", transform=ax.get_yaxis_transform(), ha="right",
                            va="center", ma="right", fontsize=8)
        ax.add_artist(labels)
        labels.set_clip_on(False)  # labels sit left of the axes
        ax.set_xlim(0, 1.02)
        ax.set_ylim(-0.8, MAX_ROWS - 0.2)
        ax.set_yticks([])
        ax.set_xlabel("Variant allele fraction (share of reads with the variant)")
        ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
        ax.grid(True, axis="x", alpha=0.3)
        ax.grid(False, axis="y")
        state = (scatters, rings, purity_line, purity_text, labels)
        ax._precisionmed_vaf = state  # type: ignore[attr-defined]
        if animated:  # the title stays put (patient details live in the widget's header)
            ax.set_title("Variant calls by VAF (dashed: purity ÷ 2; dotted: 0.5)",
                         fontsize=11, pad=16)
            for artist in [*scatters.values(), rings, purity_line, purity_text, labels]:
                artist.set_animated(True)
    scatters, rings, purity_line, purity_text, labels = state
    vafs = calls["vaf"].to_numpy(dtype=float)
    origins = calls["origin_call"].to_numpy()
    for name, collection in scatters.items():
        mask = origins == name
        collection.set_offsets(np.column_stack([vafs[mask], y[mask]]) if mask.any()
                               else np.empty((0, 2)))
    driver = calls["known_driver"].to_numpy(dtype=bool)
    rings.set_offsets(np.column_stack([vafs[driver], y[driver]]) if driver.any()
                      else np.empty((0, 2)))
    half_purity = float(report.patient["pathology_purity"]) / 2
    purity_line.set_xdata([half_purity, half_purity])
    purity_text.set_x(half_purity)
    names = [f"{g} {a}" for g, a in zip(calls["gene"], calls["alteration"], strict=True)]
    labels.set_text("\n".join(reversed(names)))
    ax.set_ylim(-0.8, max(len(calls), 6) - 0.2)
    if not animated:
        ax.set_title(f"{patient_label(report.patient_id)}: purity ≈ "
                     f"{report.patient['pathology_purity']:.0%} (pathologist), "
                     f"so purity/2 ≈ {half_purity:.2f}", fontsize=11, pad=16)


def _plotted_calls(report: TumourReport, show_filtered: bool) -> pd.DataFrame:
    """The calls :func:`plot_vaf` draws, lowest VAF first.

    Those with a VAF (PASS only unless ``show_filtered``), the highest :data:`MAX_ROWS`.
    """
    calls = report.calls[report.calls["vaf"].notna()]
    if not show_filtered:
        calls = calls[calls["filter"] == "PASS"]
    return calls.sort_values("vaf", kind="stable").tail(MAX_ROWS)


def describe_vaf(report: TumourReport, show_filtered: bool = True) -> str:
    """One-sentence description (alt text) of :func:`plot_vaf`'s chart.

    Give the same ``show_filtered``: it counts the dots that chart draws.
    """
    require(report, TumourReport, "report (from tumour_report)")
    calls = _plotted_calls(report, bool(show_filtered))
    counts = calls["origin_call"].value_counts()
    drivers = calls[calls["known_driver"]]
    driver_text = "; ".join(f"{g} {a} at {v:.2f}" for g, a, v in
                            zip(drivers["gene"], drivers["alteration"], drivers["vaf"],
                                strict=True)) or "no known driver with a VAF"
    return (f"Dot plot of {len(calls)} variant calls for {report.patient_id} by variant allele "
            f"fraction: {counts.get('likely somatic', 0)} likely somatic, "
            f"{counts.get('likely germline', 0)} likely germline, "
            f"{counts.get('uncertain', 0)} uncertain and "
            + (f"{counts.get('filtered (low quality)', 0)} filtered" if show_filtered
               else "low-quality (filtered) calls hidden")
            + f"; known drivers: {driver_text}; "
            f"dashed line at purity/2 = {report.patient['pathology_purity'] / 2:.2f}, dotted "
            "line at 0.5.")


def driver_vafs() -> pd.DataFrame:
    """Known-driver calls with a VAF across the cohort, with the pathologist's purity.

    Columns: ``patient_id``, ``cancer_type``, ``driver``, ``vaf``, ``pathology_purity``.
    Used to show that a driver's VAF follows purity / 2.
    """
    calls = _annotated_calls()
    hits = calls[calls["known_driver"] & calls["vaf"].notna() & (calls["filter"] == "PASS")]
    clinical = _cohort()[0][["patient_id", "cancer_type", "pathology_purity"]]
    out = hits.assign(driver=hits["gene"] + " " + hits["alteration"])[
        ["patient_id", "driver", "vaf"]].merge(clinical, on="patient_id", how="left")
    return out[["patient_id", "cancer_type", "driver", "vaf", "pathology_purity"]]


def _check_driver_frame(frame: pd.DataFrame) -> None:
    require(frame, pd.DataFrame, "frame (from driver_vafs)")
    for col in ("vaf", "pathology_purity", "cancer_type"):
        if col not in frame.columns:
            raise ValueError(f"frame lacks column {col!r}; make it with driver_vafs().")
    if frame.empty:
        raise ValueError("frame is empty; make it with driver_vafs().")


def plot_driver_vafs(ax: Axes, frame: pd.DataFrame) -> None:
    """Scatter of each known driver's VAF against purity, with the line VAF = purity / 2."""
    require(ax, Axes, "ax")
    _check_driver_frame(frame)
    for col in ("vaf", "pathology_purity", "cancer_type"):
        if col not in frame.columns:
            raise ValueError(f"frame lacks column {col!r}; make it with driver_vafs().")
    colours = [OKABE_ITO[c] for c in ("blue", "orange", "bluish green", "vermillion",
                                      "sky blue", "reddish purple", "black")]
    for i, (cancer, group) in enumerate(frame.groupby("cancer_type", sort=True)):
        ax.scatter(group["pathology_purity"], group["vaf"], s=18, alpha=0.7,
                   color=colours[i % len(colours)], label=str(cancer))
    line = np.linspace(0, 1, 11)
    ax.plot(line, line / 2, color="black", ls="--", lw=1.5, label="VAF = purity / 2")
    ax.plot(line, np.full_like(line, 0.5), color=OKABE_ITO["blue"], ls=":", lw=1.2,
            label="0.5 (inherited, one copy)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 0.8)
    ax.set_xlabel("Pathologist's purity estimate (share of cancer cells)")
    ax.set_ylabel("Driver's VAF (share of reads)")
    ax.legend(fontsize=8, ncol=2, loc="upper left")


def describe_driver_vafs(frame: pd.DataFrame) -> str:
    """One-sentence description (alt text) of :func:`plot_driver_vafs`."""
    _check_driver_frame(frame)
    slope = float(np.median(frame["vaf"] / frame["pathology_purity"]))
    return (f"Scatter plot of {len(frame)} known driver mutations: their VAF rises with the "
            f"tumour's purity and sits close to the dashed line VAF = purity / 2 (median "
            f"VAF ÷ purity = {slope:.2f}); blood cancers sit at the right, with high purity.")


def driver_vaf_figure(frame: pd.DataFrame | None = None) -> Figure:
    """Scatter of driver VAF against purity with the purity ÷ 2 line, titled, with alt text.

    ``frame`` defaults to :func:`driver_vafs` (every known driver in the cohort).
    """
    from precisionmed import plots

    frame = driver_vafs() if frame is None else frame
    fig, ax = plots.new_figure(alt=describe_driver_vafs(frame), axes_rects=DRIVER_VAF_AXES)
    plot_driver_vafs(ax, frame)
    ax.set_title("Driver VAF follows purity ÷ 2")
    return fig
