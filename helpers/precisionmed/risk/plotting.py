"""Lesson 10's icon array: 100 (or 1,000) people like one person, over 10 years.

:class:`IconView` holds one state of the panel (person, genes used, habits, icons) with its
risks; :func:`plot_icons` draws it cheaply (one scatter per kind of icon, updated in place)
and :func:`describe_icons` / :meth:`IconView.sentences` say the same thing in words. Each
kind of icon has its own colour *and* shape, and the legend gives its count, so nothing
depends on telling colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes

from precisionmed import risk
from precisionmed.plots import OKABE_ITO

BASE = OKABE_ITO["vermillion"]
EXTRA = OKABE_ITO["orange"]
NONE = "#BBBBBB"
#: The healthiest habits the panel compares with: not smoking, 10,000 steps a day.
BEST_STEPS = 10000
#: Grid of each icon count: (columns, rows, marker area in points²).
GRIDS = {100: (10, 10, 70.0), 1000: (40, 25, 8.0)}


@dataclass(frozen=True)
class IconView:
    """One state of the icon panel: who, what is known, which habits, and the risks."""

    name: str
    genes: str
    smoker: bool
    steps: int
    n_icons: int
    risk_now: float
    risk_best: float

    @property
    def now(self) -> int:
        """Icons with an event with the habits chosen."""
        return risk.icon_array_counts(self.risk_now, self.n_icons)

    @property
    def best(self) -> int:
        """Icons with an event even with the healthiest habits."""
        return min(risk.icon_array_counts(self.risk_best, self.n_icons), self.now)

    @property
    def extra(self) -> int:
        """Icons with an event only because of the habits chosen."""
        return self.now - self.best

    @property
    def ratio(self) -> float:
        """Relative risk of the habits chosen against the healthiest habits, as the icons show it.

        Icons with an event now over icons with one even with the healthiest habits, so
        dividing the two counts on screen gives the same number (50 in 100 against 17 in 100
        is 2.9 times, not the 3.0 the unrounded risks give). When not one icon has an event
        with the healthiest habits, it comes from the risks themselves.
        """
        if self.best >= 1:
            return self.now / self.best
        return risk.relative_risk(self.risk_now, self.risk_best)

    @property
    def at_best(self) -> bool:
        """True when the habits chosen are the healthiest ones."""
        return not self.smoker and self.steps >= BEST_STEPS

    def habits(self) -> str:
        """The habits chosen, in words."""
        return (f"{'smokes' if self.smoker else 'does not smoke'}, "
                f"{self.steps:,} steps a day")

    def relative(self) -> str:
        """The relative framing, one line."""
        if self.at_best:
            return "Relative: these are the healthiest habits here (1.0 times)."
        return f"Relative: {self.ratio:.1f} times the risk with the healthiest habits."

    def absolute(self) -> str:
        """The absolute framing, one line."""
        n = self.n_icons
        if self.at_best:
            return f"Absolute: {self.now:,} in {n:,}; no habit here lowers it further."
        return (f"Absolute: {self.now:,} in {n:,} instead of {self.best:,} in {n:,} "
                f"({self.extra:,} more in {n:,}).")

    def sentences(self) -> list[str]:
        """What the panel says under the figure; each is true of the figure."""
        n = self.n_icons
        out = [f"Out of {n:,} people like {self.name} ({self.genes}; {self.habits()}), about "
               f"{self.now:,} have a heart attack or stroke within 10 years and "
               f"{n - self.now:,} do not.",
               self.relative(), self.absolute()]
        if not self.at_best and abs(self.risk_now - self.risk_best) > 1e-9:
            nnt = risk.number_needed_to_treat(self.risk_now, self.risk_best)
            text = (f"About {nnt:,.0f} people like {self.name} would need to change to "
                    "the healthiest habits for one of them to avoid an event")
            # The icons are whole people: n ÷ (extra icons) can differ from the risks' answer
            # (1,000 ÷ 13 ≈ 77 against 78). Say which one the sentence uses when they differ.
            if self.extra < 1 or round(n / self.extra) != round(nnt):
                text += " (worked out from the exact risks; the icons are rounded to whole people)"
            out.append(text + ".")
        return out


def _axes(ax: object) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}.")
    return ax


def _view(view: object) -> IconView:
    if not isinstance(view, IconView):
        raise TypeError("Expected an IconView (from the icon panel).")
    return view


def icon_positions(n_icons: int) -> np.ndarray:
    """Centres of ``n_icons`` icons, filled row by row from the top left (x, y)."""
    if n_icons not in GRIDS:
        raise ValueError(f"n_icons must be one of {sorted(GRIDS)}, got {n_icons!r}.")
    cols, rows, _ = GRIDS[n_icons]
    i = np.arange(n_icons)
    x = (i % cols + 0.5) / cols * 10
    y = 10 - (i // cols + 0.5) / rows * 10
    return np.column_stack([x, y])


def plot_icons(ax: Axes, view: IconView) -> None:
    """Draw the icon array and both framings; later calls only move the animated artists."""
    _axes(ax)
    _view(view)
    state = getattr(ax, "_pm_icons", None)
    if state is None:
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        ax.set_axis_off()
        fig = ax.figure
        kinds = {}
        for key, colour, marker in (("best", BASE, "s"), ("extra", EXTRA, "^"),
                                    ("none", NONE, "o")):
            kinds[key] = ax.scatter([], [], s=10, c=colour, marker=marker, linewidths=0,
                                    animated=True)
        texts = {"title": ax.set_title("", fontsize=11, loc="left")}
        texts["title"].set_animated(True)
        labels = (("best", 0.80, BASE, "s", "event even with the\nhealthiest habits"),
                  ("extra", 0.66, EXTRA, "^", "extra events with\nthese habits"),
                  ("none", 0.52, NONE, "o", "no heart attack\nor stroke"))
        for key, y, colour, marker, label in labels:
            fig.add_artist(_marker(fig, 0.585, y, colour, marker))
            texts[key] = fig.text(0.61, y, "", fontsize=10, fontweight="bold", va="center",
                                  animated=True)
            fig.text(0.70, y, label, fontsize=9, va="center")
        fig.text(0.575, 0.36, "Relative framing", fontsize=9, color="#444444")
        fig.text(0.575, 0.17, "Absolute framing", fontsize=9, color="#444444")
        texts["relative"] = fig.text(0.575, 0.27, "", fontsize=10, fontweight="bold",
                                     animated=True)
        texts["absolute"] = fig.text(0.575, 0.08, "", fontsize=10, fontweight="bold",
                                     animated=True)
        state = {"kinds": kinds, "texts": texts}
        ax._pm_icons = state  # type: ignore[attr-defined]
    positions = icon_positions(view.n_icons)
    size = GRIDS[view.n_icons][2]
    spans = {"best": (0, view.best), "extra": (view.best, view.now),
             "none": (view.now, view.n_icons)}
    for key, (start, stop) in spans.items():
        points = state["kinds"][key]
        points.set_offsets(positions[start:stop] if stop > start else np.empty((0, 2)))
        points.set_sizes([size])
    n = view.n_icons
    t = state["texts"]
    t["title"].set_text(f"{n:,} people like {view.name}, 10 years ({view.genes})")
    t["best"].set_text(f"{view.best:,}")
    t["extra"].set_text(f"{view.extra:,}")
    t["none"].set_text(f"{n - view.now:,}")
    t["relative"].set_text("1.0 times (healthiest habits)" if view.at_best
                           else f"{view.ratio:.1f} times the risk")
    t["absolute"].set_text(f"{view.now:,} in {n:,}" if view.at_best
                           else f"{view.now:,} in {n:,} vs {view.best:,} in {n:,}")


def _marker(fig: object, x: float, y: float, colour: str, marker: str) -> object:
    from matplotlib.lines import Line2D

    return Line2D([x], [y], marker=marker, color=colour, markersize=8, linestyle="none",
                  transform=fig.transFigure)  # type: ignore[attr-defined]


def describe_icons(view: IconView) -> str:
    """One-paragraph alt text for :func:`plot_icons` that states every count."""
    _view(view)
    n = view.n_icons
    return (f"Icon array of {n:,} people like {view.name} over 10 years ({view.genes}; "
            f"{view.habits()}): {view.best:,} red squares have a heart attack or stroke even "
            f"with the healthiest habits, {view.extra:,} orange triangles have one only with "
            f"these habits, and {n - view.now:,} grey circles have none. {view.relative()} "
            f"{view.absolute()}")
