"""precisionmed.plots: readable, colour-blind-safe figures and no global state on import."""

from __future__ import annotations

import json

import matplotlib as mpl
import pytest
from kernelrun import fresh_python

from precisionmed import plots


def test_import_changes_no_matplotlib_settings() -> None:
    code = (
        "import json, matplotlib as mpl\n"
        "before = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "import precisionmed, precisionmed.plots, precisionmed.widgets, precisionmed.check\n"
        "import precisionmed.start.panels, precisionmed.start.benefit\n"
        "after = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "print(json.dumps(sorted(k for k in before if before[k] != after[k])))\n"
    )
    assert json.loads(fresh_python(code)) == []


def test_use_style_sets_okabe_ito_cycle_and_readable_sizes() -> None:
    with mpl.rc_context():
        plots.use_style()
        colours = [c["color"] for c in mpl.rcParams["axes.prop_cycle"]]
        assert colours[:3] == [plots.OKABE_ITO["blue"], plots.OKABE_ITO["orange"],
                               plots.OKABE_ITO["bluish green"]]
        assert mpl.rcParams["font.size"] >= 11


def test_palette_is_okabe_ito() -> None:
    assert set(plots.PALETTE) == set(plots.OKABE_ITO.values())
    assert plots.OKABE_ITO["vermillion"] == "#D55E00"
    assert plots.color(9) == plots.PALETTE[1]
    with pytest.raises(ValueError):
        plots.color("red")  # type: ignore[arg-type]


def test_figures_need_alt_text() -> None:
    with pytest.raises(ValueError, match="alt text"):
        plots.new_figure(alt="")
    fig, ax = plots.new_figure(alt="A line chart of nothing in particular.")
    assert plots.alt_text(fig) == "A line chart of nothing in particular."
    ax.plot([1, 2], [3, 4])
    assert plots.figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    assert plots.fast_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    from matplotlib.figure import Figure

    with pytest.raises(ValueError, match="no description"):
        plots.alt_text(Figure())


def test_fixed_axes_skip_the_layout_pass_and_sit_where_asked() -> None:
    rects = [(0.1, 0.15, 0.35, 0.7), (0.6, 0.15, 0.35, 0.7)]
    fig, axes = plots.new_figure(alt="Two empty panels side by side.", ncols=2,
                                 figsize=(6, 3), axes_rects=rects)
    assert fig.get_layout_engine() is None
    png = plots.figure_png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    for ax, rect in zip(axes, rects, strict=True):
        assert ax.get_position().bounds == pytest.approx(rect)
    # The default still lays the figure out with constrained layout.
    fig2, _ = plots.new_figure(alt="One empty panel, laid out.")
    assert fig2.get_layout_engine() is not None


@pytest.mark.parametrize("rects, message", [
    ([(0.1, 0.1, 0.8)], "left, bottom, width, height"),
    ([(0.5, 0.1, 0.8, 0.5)], "does not fit"),
    ([(0.1, -0.2, 0.5, 0.5)], "does not fit"),
    ([], "at least one"),
    ([("a", 0, 1, 1)], "left, bottom, width, height"),
])
def test_bad_axes_rectangles_are_refused_clearly(rects: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plots.new_figure(alt="A chart that cannot be placed.", axes_rects=rects)


def test_axes_rectangles_must_match_the_axes() -> None:
    with pytest.raises(ValueError, match="one rectangle per axes"):
        plots.new_figure(alt="Two panels, one rectangle.", ncols=2,
                         axes_rects=[(0.1, 0.1, 0.8, 0.8)])


def test_figure_view_with_fixed_axes_draws_them_there() -> None:
    from precisionmed.widgets import FigureView

    rect = (0.2, 0.2, 0.7, 0.7)
    view = FigureView(figsize=(4, 3), axes_rects=[rect])

    def draw(fig: object) -> None:
        ax = fig.axes[0] if fig.axes else fig.add_subplot()  # type: ignore[attr-defined]
        ax.plot([0, 1], [0, 1])
        plots.set_alt(fig, "A rising line from corner to corner.")  # type: ignore[arg-type]

    view.update(draw)
    assert view.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert view.figure.axes[0].get_position().bounds == pytest.approx(rect)
    assert view.figure.get_layout_engine() is None


def test_show_state_draws_each_state_once_and_shows_it_again_from_its_png() -> None:
    from precisionmed.widgets import FigureView

    view, images, calls = FigureView(figsize=(3, 2)), {}, []

    def draw_for(height: float):
        def draw(fig) -> None:
            calls.append(height)
            fig.clear()
            fig.add_subplot().bar([0], [height])
            plots.set_alt(fig, f"One bar of height {height}.")
        return draw

    view.show_state(images, 1.0, draw_for(1.0), static_changed=True)
    first = view.png
    view.show_state(images, 2.0, draw_for(2.0), static_changed=True)
    assert view.png != first and view.alt == "One bar of height 2.0."
    view.show_state(images, 1.0, draw_for(1.0))
    assert view.png == first and view.alt == "One bar of height 1.0."
    assert calls == [1.0, 2.0]  # the third show drew nothing


@pytest.mark.parametrize("ys", [[3, 4, 2], [20_000, 20_004, 20_001], [0.001, 0.0015, 0.0012]],
                         ids=["small numbers", "large close numbers", "tiny numbers"])
def test_fixed_title_place_draws_what_automatic_placement_draws(ys: list[float]) -> None:
    # The course style fixes the title's place (a speed-up); it must be where matplotlib's
    # automatic placement would put it, including for data that would get an offset label.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with mpl.rc_context():
        plots.use_style()
        assert mpl.rcParams["axes.titley"] == 1.0
        assert mpl.rcParams["axes.formatter.useoffset"] is False
    pictures = []
    for titley in (1.0, None):
        with mpl.rc_context():
            plots.use_style()
            mpl.rcParams["axes.titley"] = titley
            fig, ax = plots.new_figure(alt="A titled line chart for the title-placement check.")
            ax.plot([0, 1, 2], ys)
            ax.set_title("Response rate by group")
            ax.set_ylabel("Patients")
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            pictures.append((bytes(canvas.buffer_rgba()), ax.yaxis.offsetText.get_text()))
    assert pictures[0][1] == pictures[1][1] == ""
    assert pictures[0][0] == pictures[1][0]
