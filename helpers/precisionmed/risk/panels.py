"""Lesson 10's panel: an icon array fed by one person's genes, records and lifestyle.

:func:`icon_panel` returns a ``VBox`` (never displays it) with ``controls``, ``view``
(:class:`~precisionmed.widgets.FigureView`), ``summary`` and ``result`` (an
:class:`~precisionmed.risk.plotting.IconView`). Each state's picture is drawn once and shown
again from its PNG, so moving back is instant. ``BENCHMARK_CASES`` feed ``benchmarks/run.py``.
Teaching material with simulated people; not for care.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
from matplotlib.figure import Figure

from precisionmed.plots import set_alt
from precisionmed.risk import model as rm
from precisionmed.risk import plotting as rp
from precisionmed.widgets import FigureView, choice_slider, connect, slider

#: The panel's people: name → cohort id (their records and genes come from the joined table).
PEOPLE = {"Peter": "P-00001", "Grace": "P-00002", "Omar": "P-00003"}
#: What the model is told about genes: (readout, model, use the FH result).
GENES = (("no genetic data", "without_prs", False),
         ("polygenic score", "with_prs", False),
         ("polygenic score + FH result", "with_prs", True))
STEPS = tuple(range(2000, rp.BEST_STEPS + 1, 1000))
ICONS = (100, 1000)
ICON_AXES = ((0.02, 0.03, 0.52, 0.82),)


@lru_cache(maxsize=1)
def people() -> dict[str, dict[str, object]]:
    """The panel's people as the joined table holds them (age, sex, records, genes, habits)."""
    from precisionmed.risk.integrate import integrate_stored

    table = integrate_stored().table.set_index("person_id")
    out = {}
    for name, pid in PEOPLE.items():
        row = table.loc[pid]
        out[name] = {k: (bool(row[k]) if k in ("male", "fh", "smoker") else float(row[k]))
                     for k in ("age", "male", "sbp", "ldl", "prs", "fh", "smoker", "steps")}
    return out


def icon_view(name: str, genes: str, smoker: bool, steps: int, n_icons: int) -> rp.IconView:
    """The icon panel's state for one person, genetic information, habits and icon count.

    ``name`` is a key of :data:`PEOPLE`, ``genes`` a readout of :data:`GENES`, ``smoker`` and
    ``steps`` (2,000–10,000) the habits, ``n_icons`` 100 or 1,000.
    """
    if name not in PEOPLE:
        raise ValueError(f"name must be one of {list(PEOPLE)}, got {name!r}.")
    known = {g[0]: g for g in GENES}
    if genes not in known:
        raise ValueError(f"genes must be one of {list(known)}, got {genes!r}.")
    if not isinstance(smoker, bool):
        raise TypeError(f"smoker must be True or False, got {smoker!r:.40}.")
    if isinstance(steps, bool) or steps not in STEPS:
        raise ValueError(f"steps must be one of {list(STEPS)}, got {steps!r}.")
    if isinstance(n_icons, bool) or n_icons not in ICONS:
        raise ValueError(f"n_icons must be 100 or 1000, got {n_icons!r}.")
    _, model, use_fh = known[genes]
    person = dict(people()[name])
    person["fh"] = bool(person["fh"]) and use_fh
    now = rm.predict_one({**person, "smoker": smoker, "steps": float(steps)}, model)
    best = rm.predict_one({**person, "smoker": False, "steps": float(rp.BEST_STEPS)}, model)
    return rp.IconView(name, genes, smoker, int(steps), int(n_icons), now, best)




def recorded_habits(name: str) -> str:
    """What the records say about ``name``'s habits (smoking, steps), in words."""
    if not isinstance(name, str) or name not in PEOPLE:
        raise ValueError(f"name must be one of {list(PEOPLE)}, got {name!r:.40}.")
    person = people()[name]
    return (f"{name}'s records: {'smokes' if person['smoker'] else 'does not smoke now'}, "
            f"about {person['steps']:,.0f} steps a day on the wearable.")


def icon_panel(name: str = "Peter", genes: str = "polygenic score + FH result",
               smoker: bool = True, steps: int = 4000, n_icons: int = 100) -> w.VBox:
    """The icon-array panel: one person's risk over 10 years, relative and absolute.

    Controls: ``"person"``, ``"genes"`` (what the model is told), ``"smoker"``, ``"steps"``
    and ``"icons"`` (100 or 1,000). ``result`` is an
    :class:`~precisionmed.risk.plotting.IconView`. Nothing is displayed.
    """
    icon_view(name, genes, smoker, steps, n_icons)  # checks the start values
    controls = {
        "person": choice_slider("Person", list(PEOPLE), name),
        "genes": choice_slider("Genetic information used", [g[0] for g in GENES], genes),
        "smoker": choice_slider("Smokes", [("no", False), ("yes", True)], smoker),
        "steps": slider("Steps a day", steps, STEPS[0], STEPS[-1], 1000),
        "icons": choice_slider("Icons", [("100 people", 100), ("1,000 people", 1000)],
                               n_icons),
    }
    view = FigureView(figsize=(6.5, 3.4), axes_rects=ICON_AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), view.box, summary], layout=w.Layout(max_width="100%"))
    images: dict[object, tuple[bytes, str]] = {}

    def redraw() -> object:
        state = icon_view(controls["person"].value, controls["genes"].value,
                          controls["smoker"].value, int(controls["steps"].value),
                          controls["icons"].value)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            rp.plot_icons(ax, state)
            set_alt(fig, rp.describe_icons(state))

        view.show_state(images, (state.name, state.genes, state.smoker, state.steps,
                                    state.n_icons), draw)
        lines = "<br>".join(html.escape(s) for s in state.sentences())
        summary.value = (f"{lines}<br><i>{html.escape(recorded_habits(state.name))} Simulated "
                         "people; teaching, not care.</i>")
        return state

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("10 icon_panel: steps", icon_panel, "steps", [5000, 6000, 8000, 10000, 2000, 4000]),
    ("10 icon_panel: smoker", icon_panel, "smoker", [False, True]),
    ("10 icon_panel: person", icon_panel, "person", ["Grace", "Omar", "Peter"]),
    ("10 icon_panel: genes", icon_panel, "genes",
     ["no genetic data", "polygenic score", "polygenic score + FH result"]),
    ("10 icon_panel: icons", icon_panel, "icons", [1000, 100]),
]
