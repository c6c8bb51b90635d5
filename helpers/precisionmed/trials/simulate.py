"""Lesson 04's precomputed trials: the dilution widget's grid of slider values.

Fitting a Cox model with lifelines takes tens of milliseconds, too slow for a slider. This
simulator fits, once, the all-comers and the biomarker-selected trial of
:func:`precisionmed.trials.dilution.compare_designs` at every slider value and writes the hazard
ratios, their 95% intervals, log-rank p-values and event counts to ``trials/dilution_grid``.
The trials themselves are re-simulated from the same seed when needed (they are fast).
"""

from __future__ import annotations

from pathlib import Path

from precisionmed.tables import column as _col
from precisionmed.tables import write_table
from precisionmed.trials import dilution as dil

ORDER = 40
SEED = dil.GRID_SEED



def _design_columns(prefix: str, label: str) -> list[dict[str, object]]:
    return [
        _col(f"{prefix}_hr", "float", f"{label}: hazard ratio, drug vs control (Cox model).",
             decimals=4),
        _col(f"{prefix}_ci_low", "float", f"{label}: lower end of the 95% confidence interval.",
             decimals=4),
        _col(f"{prefix}_ci_high", "float", f"{label}: upper end of the 95% confidence interval.",
             decimals=4),
        _col(f"{prefix}_p_value", "float", f"{label}: log-rank test p-value.", decimals=6),
        _col(f"{prefix}_events", "integer", f"{label}: patients whose disease progressed.",
             unit="patients"),
    ]


GRID_SCHEMA = {
    "title": "Simulated trials for the dilution widget: all-comers vs biomarker-selected",
    "description": (
        f"For every slider value of lesson 04's dilution widget (marker prevalence 5%–100% by "
        f"5%; true hazard ratio in marker-positive patients 0.20–1.00 by 0.05), two simulated "
        f"1:1 trials of {dil.GRID_PATIENTS} patients: one enrolling everyone (all-comers) and "
        f"one enrolling only marker-positive patients. The drug works only in marker-positive "
        f"patients. Exponential times with a control median of {dil.GRID_CONTROL_MEDIAN} months "
        f"(FLAURA's control arm), entry over {dil.GRID_ACCRUAL:g} months, analysis "
        f"{dil.GRID_FOLLOWUP:g} months after the last entry, 5% drop-out per year. Fitted with "
        "lifelines (CoxPHFitter, logrank_test). Simulated data for teaching."),
    "made_by": (f"simulated by precisionmed.trials.simulate with numpy default_rng(seed={SEED}) "
                "through precisionmed.trials.simulate_trial"),
    "version": "2026-11-23",
    "sources": ["Control median 10.2 months: FLAURA control arm, Soria et al., N Engl J Med "
                "2018 (knowledge/trial_randomised)."],
    "columns": [
        _col("prevalence", "float", "Share of patients whose tumour carries the marker.",
             decimals=2),
        _col("true_hr", "float", "True hazard ratio of the drug in marker-positive patients.",
             decimals=2),
        *_design_columns("all", "All-comers trial"),
        *_design_columns("selected", "Biomarker-selected trial"),
    ],
}


def build(out_dir: Path) -> list[Path]:
    """Write ``trials/dilution_grid`` under ``out_dir``."""
    return write_table(dil.grid_rows(), Path(out_dir), dil.GRID_TABLE, GRID_SCHEMA)
