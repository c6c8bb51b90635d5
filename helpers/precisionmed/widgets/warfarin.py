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
from precisionmed.widgets import LABEL_STYLE, FigureView, connect, slider

UNKNOWN = "unknown"


def dose_explorer(age: float = 71, height: float = 158, weight: float = 68,
                  vkorc1: str = "G/A", cyp2c9: str = "*1/*2", race: str = "White") -> w.VBox:
    """Build the warfarin dose panel (defaults: Rosa, PM-003).

    Controls: ``age``, ``height``, ``weight`` (sliders), ``vkorc1``, ``cyp2c9``, ``race``
    (dropdowns, "unknown" allowed for the genes), ``inducer`` and ``amiodarone`` (checkboxes).
    The box has ``controls``, ``view``, ``summary`` and ``result`` (dict of three doses).
    """
    controls = {
        "age": slider("Age (years)", age, 20, 90, 1),
        "height": slider("Height (cm)", height, 140, 200, 1),
        "weight": slider("Weight (kg)", weight, 40, 150, 1),
        "vkorc1": w.Dropdown(options=[*VKORC1_GENOTYPES, UNKNOWN], value=vkorc1,
                             description="VKORC1 -1639", style=LABEL_STYLE),
        "cyp2c9": w.Dropdown(options=[*CYP2C9_DIPLOTYPES, UNKNOWN], value=cyp2c9,
                             description="CYP2C9", style=LABEL_STYLE),
        "race": w.Dropdown(options=list(RACES), value=race, description="Race (IWPC category)",
                           style=LABEL_STYLE),
        "inducer": w.Checkbox(value=False, description="Takes an enzyme inducer "
                              "(carbamazepine, phenytoin, rifampicin)", style=LABEL_STYLE),
        "amiodarone": w.Checkbox(value=False, description="Takes amiodarone", style=LABEL_STYLE),
    }
    for key in ("age", "height", "weight"):
        controls[key].readout_format = ".0f"
    view = FigureView(figsize=(6.5, 3.8))
    summary = w.HTML()
    box = w.VBox([*controls.values(), summary, view.box])

    def redraw() -> object:
        vk = controls["vkorc1"].value
        c9 = controls["cyp2c9"].value
        doses = three_doses(controls["age"].value, controls["height"].value,
                            controls["weight"].value, None if vk == UNKNOWN else vk,
                            None if c9 == UNKNOWN else c9, controls["race"].value,
                            controls["inducer"].value, controls["amiodarone"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            plot_three_doses(ax, doses)
            set_alt(fig, describe_three_doses(doses))

        view.update(draw)
        summary.value = (f"Fixed {doses['fixed']:.0f} · clinical {doses['clinical']:.1f} · "
                         f"pharmacogenetic <b>{doses['pharmacogenetic']:.1f}</b> mg/week "
                         "(IWPC 2009; teaching example, not a prescription).")
        return doses

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("02 dose_explorer: age", dose_explorer, "age", [float(a) for a in range(20, 91, 2)]),
    ("02 dose_explorer: cyp2c9", dose_explorer, "cyp2c9",
     [*CYP2C9_DIPLOTYPES, UNKNOWN] * 4),
]
