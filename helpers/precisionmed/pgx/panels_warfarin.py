"""Lesson 02's panel: three warfarin doses side by side for one (invented) person."""

from __future__ import annotations

import ipywidgets as w
from matplotlib.figure import Figure

from precisionmed.pgx.warfarin import (
    CYP2C9_DIPLOTYPES,
    RACES,
    VKORC1_GENOTYPES,
    describe_three_doses,
    plot_three_doses,
    three_doses,
)
from precisionmed.plots import set_alt
from precisionmed.widgets import LABEL_STYLE, FigureView, choice_slider, connect, slider
from precisionmed.widgets._layout import checkbox, fit

UNKNOWN = "unknown"
#: The age groups the IWPC formula tells apart: it counts whole decades (floor(age / 10)),
#: with everyone 90 or older counted as 9. Each slider position is one group, so every move
#: changes the dose.
AGE_GROUPS: tuple[tuple[str, int], ...] = tuple(
    (f"{d}–{d + 9} years", d) for d in range(20, 90, 10)) + (("90 or older", 90),)


def age_group(age_years: float) -> int:
    """The slider value (first year of the IWPC decade) for an age in years, e.g. 71 → 70."""
    if isinstance(age_years, bool) or not isinstance(age_years, (int, float)) \
            or not 20 <= age_years <= 110:
        raise ValueError(f"age must be a number of years from 20 to 110, got {age_years!r}.")
    return min(int(age_years) // 10, 9) * 10


def dose_explorer(age: float = 71, height: float = 158, weight: float = 68,
                  vkorc1: str = "G/A", cyp2c9: str = "*1/*2", race: str = "White") -> w.VBox:
    """Build the warfarin dose panel (defaults: Rosa, PM-003).

    Controls: ``age`` (one position per decade, the only age detail the IWPC formula uses),
    ``height``, ``weight`` (1 cm / 1 kg sliders), ``vkorc1``, ``cyp2c9``, ``race`` (dropdowns,
    "unknown" allowed for the genes), ``inducer`` and ``amiodarone`` (checkboxes). The summary
    says how much one step of height or weight moves the dose (about 0.1 mg/week), so a step
    that leaves a rounded number unchanged is explained. The box has ``controls``, ``view``,
    ``summary`` and ``result`` (dict of three doses).
    """
    controls = {
        "age": choice_slider("Age (the formula counts decades)", list(AGE_GROUPS),
                             age_group(age)),
        "height": slider("Height (cm)", height, 140, 200, 1, unit="cm"),
        "weight": slider("Weight (kg)", weight, 40, 150, 1, unit="kg"),
        "vkorc1": fit(w.Dropdown(options=[*VKORC1_GENOTYPES, UNKNOWN], value=vkorc1,
                                 description="VKORC1 -1639", style=LABEL_STYLE,
                                 tooltip="VKORC1 c.-1639G>A genotype"), "300px"),
        "cyp2c9": fit(w.Dropdown(options=[*CYP2C9_DIPLOTYPES, UNKNOWN], value=cyp2c9,
                                 description="CYP2C9", style=LABEL_STYLE,
                                 tooltip="CYP2C9 diplotype (*1, *2, *3 only)"), "300px"),
        "race": fit(w.Dropdown(options=list(RACES), value=race,
                               description="Race (IWPC category)", style=LABEL_STYLE,
                               tooltip="Self-reported race, as the IWPC formula uses it"),
                    "420px"),
        "inducer": checkbox("Takes an enzyme inducer",
                            tooltip="Carbamazepine, phenytoin or rifampicin"),
        "amiodarone": checkbox("Takes amiodarone"),
    }
    view = FigureView(figsize=(6.5, 3.8))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        vk = controls["vkorc1"].value
        c9 = controls["cyp2c9"].value
        args = [controls["age"].value, controls["height"].value, controls["weight"].value,
                None if vk == UNKNOWN else vk, None if c9 == UNKNOWN else c9,
                controls["race"].value, controls["inducer"].value,
                controls["amiodarone"].value]
        doses = three_doses(*args)
        taller = three_doses(args[0], args[1] + 1, *args[2:])
        heavier = three_doses(args[0], args[1], args[2] + 1, *args[3:])

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_three_doses(ax, doses)
            set_alt(fig, describe_three_doses(doses))

        view.update(draw)
        summary.value = _summary(doses, taller, heavier, controls["age"].value)
        return doses

    return connect(box, controls, view, redraw, summary=summary)


def _summary(doses: dict[str, float], taller: dict[str, float], heavier: dict[str, float],
             age: int) -> str:
    """The doses in words, the decade the formula used, and what one slider step changes.

    One step of height or weight moves a dose by about 0.1 mg/week; where that is less than
    the 0.1 the panel rounds to, the summary says a step may leave a rounded dose unchanged.
    """
    steps = {name: {"height": taller[name] - doses[name], "weight": heavier[name] - doses[name]}
             for name in ("clinical", "pharmacogenetic")}
    small = any(abs(v) < 0.1 for by in steps.values() for v in by.values())
    note = (" A step smaller than 0.1 may leave a rounded dose unchanged." if small else "")
    return (f"Fixed {doses['fixed']:.0f} · clinical {doses['clinical']:.1f} · "
            f"pharmacogenetic <b>{doses['pharmacogenetic']:.1f}</b> mg/week "
            "(IWPC 2009; teaching example, not a prescription). "
            f"The formulas count age in whole decades ({min(age // 10, 9)} here). The clinical "
            "formula uses no genes, so VKORC1 and CYP2C9 move only the pharmacogenetic bar. "
            f"Here 1 cm more height adds {steps['pharmacogenetic']['height']:.2f} mg/week and "
            f"1 kg more weight {steps['pharmacogenetic']['weight']:.2f} mg/week to the "
            f"pharmacogenetic dose ({steps['clinical']['height']:.2f} and "
            f"{steps['clinical']['weight']:.2f} to the clinical one).{note}")


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("02 dose_explorer: age", dose_explorer, "age", [v for _, v in AGE_GROUPS] * 3),
    ("02 dose_explorer: cyp2c9", dose_explorer, "cyp2c9",
     [*CYP2C9_DIPLOTYPES, UNKNOWN] * 4),
]
