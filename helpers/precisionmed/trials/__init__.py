"""Does it work? Simulated trials of targeted drugs, survival curves, and resistance.

Simplified for teaching; simulated data, not medical advice. The modules:

- :mod:`~precisionmed.trials.randomised` — seeded randomised trials (all-comers or
  biomarker-selected) with hazard ratios from pivotal trials;
- :mod:`~precisionmed.trials.basket` — a basket trial (one drug, many tumour types);
- :mod:`~precisionmed.trials.survival` — Kaplan–Meier curves, medians, Cox hazard ratios and
  log-rank tests through lifelines;
- :mod:`~precisionmed.trials.dilution` — how an all-comers trial dilutes a targeted drug's
  effect;
- :mod:`~precisionmed.trials.resistance` — sensitive and resistant clones under therapy, their
  DNA in the blood, and a switch of drug.

>>> from precisionmed import trials
>>> flaura = trials.simulate_pivotal("FLAURA")          # doctest: +SKIP
>>> trials.compare_arms(flaura).sentence()               # doctest: +SKIP
"""

from precisionmed.trials.basket import (
    ILLUSTRATIVE_BASKETS,
    basket_summary,
    describe_basket,
    plot_basket,
    simulate_basket,
)
from precisionmed.trials.dilution import (
    DilutionResult,
    compare_designs,
    describe_dilution,
    expected_hazard_ratio,
    plot_dilution,
)
from precisionmed.trials.figures import (
    basket_figure,
    dilution_figure,
    km_figure,
    resistance_figure,
)
from precisionmed.trials.randomised import (
    ALL_COMERS,
    CONTROL,
    DRUG,
    SELECTED,
    hazard_from_median,
    implied_median,
    patients_to_screen,
    pivotal_trial,
    simulate_pivotal,
    simulate_trial,
    single_arm_table,
    trial_table,
)
from precisionmed.trials.resistance import (
    ResistanceResult,
    describe_resistance,
    doubling_time,
    plot_resistance,
    simulate_resistance,
)
from precisionmed.trials.survival import (
    Comparison,
    SurvivalCurve,
    compare_arms,
    describe_km,
    hazard_ratio,
    kaplan_meier,
    logrank_p,
    median_months,
    plot_km,
)

__all__ = [
    "ALL_COMERS", "CONTROL", "DRUG", "ILLUSTRATIVE_BASKETS", "SELECTED", "Comparison",
    "DilutionResult", "ResistanceResult", "SurvivalCurve", "basket_figure", "basket_summary",
    "compare_arms", "dilution_figure", "km_figure", "resistance_figure",
    "compare_designs", "describe_basket", "describe_dilution", "describe_km",
    "describe_resistance", "doubling_time", "expected_hazard_ratio", "hazard_from_median",
    "hazard_ratio", "implied_median", "kaplan_meier", "logrank_p",
    "median_months", "patients_to_screen", "pivotal_trial", "plot_basket", "plot_dilution",
    "plot_km", "plot_resistance", "simulate_basket", "simulate_pivotal", "simulate_resistance",
    "simulate_trial", "single_arm_table", "trial_table",
]
