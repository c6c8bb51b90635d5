"""Lesson 09's panels: the shrinking crowd and the reach of a family through a DNA database.

Each builder returns a ``VBox`` (never displays it) with ``controls``, ``view``
(:class:`~precisionmed.widgets.FigureView`), ``summary`` and ``result``; tests set
``box.controls[...].value`` and read ``box.result`` and ``box.view.png``. Each state's
picture is drawn once and shown again from its PNG, so moving back is instant.
``BENCHMARK_CASES`` feed ``benchmarks/run.py``.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from precisionmed import privacy as pv
from precisionmed.plots import set_alt
from precisionmed.privacy import plotting as pp
from precisionmed.widgets import FigureView, choice_slider, connect, slider

#: SNP sets of the simulated town: (readout, column suffix, minor allele frequency).
SNP_SETS = (("50% (common)", "50", 0.5), ("20%", "20", 0.2), ("10% (rarer)", "10", 0.1))
MAX_SNPS = 30
#: Database coverages the family panel offers (share of the population tested).
COVERAGES = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1)
#: The target of the crowd panel: an invented person of the simulated town.
TARGET_ID = "P-00001"


@lru_cache(maxsize=1)
def crowd_counts() -> dict[tuple[int, float], tuple[int, ...]]:
    """People matching the target for every clue level and SNP set, after 0…30 SNPs.

    Read from ``privacy/town``; the target is :data:`TARGET_ID`. Key: (clue level, maf).
    """
    from precisionmed import data

    town = data.load("privacy/town")
    # plain object arrays: comparing them is much cheaper than pandas' string columns
    column = {name: town[name].to_numpy(dtype=object)
              for name in ("person_id", "zip", "sex", "birth_date")}
    row = int(np.flatnonzero(column["person_id"] == TARGET_ID)[0])
    dates = column["birth_date"]
    target_date = dates[row]
    demo = np.ones(len(town), dtype=bool)
    levels = [demo.copy()]
    year = np.array([d[:4] for d in dates], dtype=object)
    for test in (column["zip"] == column["zip"][row],
                 column["sex"] == column["sex"][row],
                 year == target_date[:4],
                 dates == target_date):
        demo = demo & test
        levels.append(demo.copy())
    out = {}
    for _, suffix, maf in SNP_SETS:
        genotypes = pv.genotype_matrix(town[f"snps_maf{suffix}"].to_numpy(dtype=object).tolist())
        same = genotypes == genotypes[row]
        for level, keep in enumerate(levels):
            out[(level, maf)] = tuple(int(x) for x in pv.crowd_sizes(same[keep]))
    return out




def crowd_view(clues: int, maf: float, n_snps: int) -> pp.CrowdView:
    """The crowd panel's state for ``clues`` (0–4), ``maf`` (0.5, 0.2, 0.1) and ``n_snps``."""
    if isinstance(clues, bool) or clues not in range(len(pp.CLUE_LEVELS)):
        raise ValueError(f"clues must be a whole number from 0 to {len(pp.CLUE_LEVELS) - 1}.")
    mafs = [m for _, _, m in SNP_SETS]
    if isinstance(maf, bool) or maf not in mafs:
        raise ValueError(f"maf must be one of {mafs}, got {maf!r}.")
    if isinstance(n_snps, bool) or n_snps not in range(MAX_SNPS + 1):
        raise ValueError(f"n_snps must be a whole number from 0 to {MAX_SNPS}.")
    counts = crowd_counts()
    return pp.CrowdView(int(clues), float(maf), int(n_snps), counts[(int(clues), maf)],
                        counts[(0, maf)][0])


def crowd_panel(clues: int = 0, maf: float = 0.5, n_snps: int = 0) -> w.VBox:
    """The shrinking-crowd panel: add demographic clues and SNPs, watch the crowd fall to one.

    Controls: ``"clues"`` (nothing → ZIP → + sex → + birth year → + full birth date),
    ``"maf"`` (SNP frequency) and ``"n_snps"`` (0–30). ``result`` is a
    :class:`~precisionmed.privacy.plotting.CrowdView`. Nothing is displayed.
    """
    crowd_view(clues, maf, n_snps)  # checks the start values
    controls = {
        "clues": choice_slider("Demographics known", [(label, i) for i, label in
                                                      enumerate(pp.CLUE_LEVELS)], clues),
        "maf": choice_slider("SNP minor allele frequency",
                             [(label, m) for label, _, m in SNP_SETS], maf),
        "n_snps": slider("SNPs known", n_snps, 0, MAX_SNPS, 1),
    }
    view = FigureView(figsize=(6.5, 3.4), axes_rects=CROWD_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), view.box, summary], layout=w.Layout(max_width="100%"))
    images: dict[object, tuple[bytes, str]] = {}

    def redraw() -> object:
        state = crowd_view(controls["clues"].value, controls["maf"].value,
                           controls["n_snps"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            pp.plot_crowd(ax, state)
            set_alt(fig, pp.describe_crowd(state))

        view.show_state(images, (state.clues, state.maf, state.n_snps), draw)
        summary.value = (f"<b>{html.escape(state.sentence())}</b> <i>Simulated town: no real "
                         "person can be found in it.</i>")
        return state

    return connect(box, controls, view, redraw, summary=summary)


def family_panel(children: float = 2.5, coverage: float = 0.005) -> w.VBox:
    """The family-reach panel: children per couple and database coverage → chance of a cousin.

    Controls: ``"children"`` (1.5–4 per couple) and ``"coverage"`` (0.1%–10% of the
    population in the database). ``result`` is a :class:`~precisionmed.privacy.FamilyReach`.
    """
    if coverage not in COVERAGES:
        raise ValueError(f"coverage must be one of {COVERAGES}, got {coverage!r}.")
    controls = {
        "children": slider("Children per couple", children, 1.5, 4.0, 0.5),
        "coverage": choice_slider("Share of the population in the database",
                                  [(f"{c:.2%}".replace(".00%", "%").replace("0%", "%")
                                    if c < 0.01 else f"{c:.0%}", c) for c in COVERAGES],
                                  coverage),
    }
    view = FigureView(figsize=(6.5, 3.4), axes_rects=FAMILY_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), view.box, summary], layout=w.Layout(max_width="100%"))
    images: dict[object, tuple[bytes, str]] = {}
    measured = pv.fact("erlich_third_cousin_share")

    def redraw() -> object:
        reach = pv.family_reach(controls["children"].value, controls["coverage"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            pp.plot_reach(ax, reach, measured)
            set_alt(fig, pp.describe_reach(reach))

        view.show_state(images, (reach.children_per_couple, reach.coverage), draw)
        summary.value = pp.summarise_reach(reach)
        return reach

    return connect(box, controls, view, redraw, summary=summary)


def beacon_figure() -> Figure:
    """The beacon idea in one picture: evidence for a member and an outsider, query by query."""
    from precisionmed.plots import new_figure

    curves = pv.beacon_evidence()
    alt = pp.describe_beacon(curves["member"], curves["outsider"], pv.BEACON_THRESHOLD)
    fig, ax = new_figure(alt, figsize=(6.5, 3.4), axes_rects=BEACON_AXES)
    pp.plot_beacon(ax, curves["member"], curves["outsider"], pv.BEACON_THRESHOLD)
    return fig


#: Fixed axes rectangles (left, bottom, width, height in figure fractions) at the figures'
#: 6.5 × 3.4 size: what constrained layout chose, kept so no layout pass runs.
CROWD_AXES = ((0.124, 0.151, 0.868, 0.772),)
FAMILY_AXES = ((0.138, 0.214, 0.856, 0.708),)
BEACON_AXES = ((0.158, 0.151, 0.835, 0.772),)

#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("09 crowd_panel: SNPs known", crowd_panel, "n_snps", list(range(0, MAX_SNPS + 1, 3))),
    ("09 crowd_panel: demographics", crowd_panel, "clues", [1, 2, 3, 4, 0]),
    ("09 crowd_panel: SNP frequency", crowd_panel, "maf", [0.2, 0.1, 0.5]),
    ("09 family_panel: children", family_panel, "children", [1.5, 2.0, 3.0, 3.5, 4.0, 2.5]),
    ("09 family_panel: coverage", family_panel, "coverage", list(COVERAGES)),
]
