"""Figures that everyone can read: colour-blind-safe palettes, readable sizes, alt text.

Nothing here changes matplotlib's global settings on import. A lesson calls :func:`use_style`
once in its setup cell; plot functions draw on an ``Axes`` they are given, and
:func:`show` displays a figure with a one-sentence description (alt text) beside it.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.figure import Figure

#: Okabe & Ito (2008) colour-universal-design palette, safe for common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

#: The palette in the order plots use it (black last, for reference lines).
PALETTE: list[str] = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "bluish green", "vermillion", "sky blue", "reddish purple",
                 "yellow", "black")
]

#: Perceptually uniform, colour-blind-safe colour map for heatmaps.
SEQUENTIAL_CMAP = "cividis"
#: Diverging map for centred values (e.g. gene expression); blue–red is readable for most CVD.
DIVERGING_CMAP = "RdBu_r"

STYLE: dict[str, object] = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 90,
    "font.size": 12,
    "axes.titlesize": 13,
    # Titles sit just above the axes, where matplotlib's automatic placement puts them when
    # nothing is drawn above an axes (the course's figures never put tick labels on top, and
    # offsets such as "+2e4" above an axis are switched off: learners read full numbers).
    # A fixed place skips measuring every tick label again at each draw; same pixels.
    "axes.titley": 1.0,
    "axes.formatter.useoffset": False,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "image.cmap": SEQUENTIAL_CMAP,
    "savefig.bbox": "tight",
}


def color(index: int) -> str:
    """Return the ``index``-th colour of :data:`PALETTE` (cycling)."""
    if not isinstance(index, int) or isinstance(index, bool):
        raise ValueError(f"index must be a whole number, got {index!r}.")
    return PALETTE[index % len(PALETTE)]


def use_style() -> None:
    """Apply the course style (readable sizes, Okabe–Ito colour cycle) for this session.

    Call it once in a lesson's setup cell; importing :mod:`precisionmed` never does this.
    """
    mpl.rcParams.update(STYLE)
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=PALETTE)
    use_readable_tables()


def table_html(frame: object) -> str:
    """A table as HTML inside a labelled region that scrolls sideways when it is too wide.

    In a narrow window (a projector at 150% zoom) a wide table is not cut off: it scrolls, and
    the scrolling region can be reached with the keyboard (``tabindex``) and is announced by
    screen readers with its size.
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"Expected a pandas DataFrame, got {type(frame).__name__}.")
    inner = frame._repr_html_() or frame.to_html()
    rows, cols = frame.shape
    label = f"Table with {rows} row{'s' * (rows != 1)} and {cols} column{'s' * (cols != 1)}"
    return (f'<div class="pm-table" role="region" tabindex="0" aria-label="{label}" '
            f'style="overflow-x:auto;max-width:100%">{inner}</div>')


def use_readable_tables() -> None:
    """Show every DataFrame in this notebook session through :func:`table_html`.

    Called by :func:`use_style`; does nothing outside IPython.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


@contextmanager
def course_style() -> Iterator[None]:
    """Use the course style only inside a ``with`` block (for scripts and tests)."""
    with mpl.rc_context({**STYLE, "axes.prop_cycle": mpl.cycler(color=PALETTE)}):
        yield


def new_figure(alt: str, nrows: int = 1, ncols: int = 1,
               figsize: Sequence[float] | None = None,
               axes_rects: Sequence[Sequence[float]] | None = None) -> tuple[Figure, object]:
    """Create a figure (not attached to pyplot) that carries its alt text.

    Returns ``(fig, axes)`` like ``plt.subplots``. The description is stored on the figure and
    shown by :func:`show`. The figure is laid out by matplotlib's constrained layout, unless
    ``axes_rects`` gives each axes' ``(left, bottom, width, height)`` in figure fractions
    (row by row): a fixed layout skips the layout pass, the slowest step of a small chart.
    """
    _check_alt(alt)
    rects = _check_rects(axes_rects)
    if rects and len(rects) != nrows * ncols:
        raise ValueError(f"axes_rects needs one rectangle per axes ({nrows * ncols}), "
                         f"got {len(rects)}.")
    fig = Figure(figsize=tuple(figsize) if figsize else None,
                 layout=None if rects else "constrained")
    axes = fig.subplots(nrows, ncols)
    if rects:
        place_axes(fig, rects)
    set_alt(fig, alt)
    return fig, axes


def _check_rects(rects: Sequence[Sequence[float]] | None
                 ) -> tuple[tuple[float, float, float, float], ...]:
    """Validate axes rectangles ``(left, bottom, width, height)`` in figure fractions."""
    if rects is None:
        return ()
    out = []
    for rect in rects:
        try:
            left, bottom, width, height = (float(v) for v in rect)
        except (TypeError, ValueError):
            raise ValueError("Each axes rectangle is (left, bottom, width, height) in "
                             f"figure fractions, got {rect!r}.") from None
        if not (0 <= left < 1 and 0 <= bottom < 1 and 0 < width <= 1 - left + 1e-9
                and 0 < height <= 1 - bottom + 1e-9):
            raise ValueError(f"Axes rectangle {rect!r} does not fit inside the figure "
                             "(fractions from 0 to 1).")
        out.append((left, bottom, width, height))
    if not out:
        raise ValueError("axes_rects needs at least one rectangle (or leave it out).")
    return tuple(out)


def place_axes(fig: Figure, rects: Sequence[Sequence[float]]) -> None:
    """Put ``fig``'s axes at fixed ``rects`` (figure fractions, in creation order).

    Turns off the figure's layout engine, so no layout pass runs when it is drawn.
    """
    _check_figure(fig)
    rects = _check_rects(rects)
    if len(fig.axes) != len(rects):
        raise ValueError(f"The figure has {len(fig.axes)} axes but {len(rects)} rectangles "
                         "were given.")
    fig.set_layout_engine("none")
    for ax, rect in zip(fig.axes, rects, strict=True):
        ax.set_position(rect)


def _check_alt(alt: str) -> None:
    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ValueError("Every figure needs a one-sentence description (alt text) of at least "
                         "10 characters, e.g. 'Bar chart of response rate by group'.")


def set_alt(fig: Figure, alt: str) -> None:
    """Attach a one-sentence description (alt text) to ``fig``."""
    _check_figure(fig)
    _check_alt(alt)
    fig._precisionmed_alt = alt.strip()  # type: ignore[attr-defined]


def alt_text(fig: Figure) -> str:
    """Return the description attached to ``fig`` by :func:`new_figure` or :func:`set_alt`."""
    _check_figure(fig)
    alt = getattr(fig, "_precisionmed_alt", None)
    if not alt:
        raise ValueError("This figure has no description; create it with plots.new_figure(alt=...)"
                         " or call plots.set_alt(fig, ...).")
    return alt


def figure_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes."""
    _check_figure(fig)
    buffer = io.BytesIO()
    # Lay the figure out once and freeze it: a tight-bbox save would otherwise run the layout
    # twice (once to measure, once to draw). The saved image is the same.
    engine = fig.get_layout_engine()
    if engine is not None:
        if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(fig)
        engine.execute(fig)
        fig.set_layout_engine("none")
    try:
        fig.savefig(buffer, format="png")
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    return buffer.getvalue()


def _check_figure(fig: Figure) -> None:
    if not isinstance(fig, Figure):
        raise TypeError(f"Expected a matplotlib Figure (from plots.new_figure), "
                        f"got {type(fig).__name__}.")


def encode_png(canvas: object) -> bytes:
    """Encode an already drawn Agg canvas as PNG (light compression: fast, still small)."""
    import numpy as np
    from matplotlib.backend_bases import FigureCanvasBase
    from PIL import Image

    if not isinstance(canvas, FigureCanvasBase) or not hasattr(canvas, "buffer_rgba"):
        raise TypeError(f"Expected a drawn Agg canvas, got {type(canvas).__name__}.")
    buffer = io.BytesIO()
    rgb = np.asarray(canvas.buffer_rgba())[..., :3]  # figures are opaque: drop alpha
    Image.fromarray(rgb).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def fast_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG quickly (light compression) for widgets that redraw often."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    _check_figure(fig)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return encode_png(canvas)


def show(fig: Figure) -> None:
    """Display ``fig`` in the notebook as an ``<img>`` with its description as alt text.

    JupyterLab does not turn output metadata into an ``alt`` attribute, so the figure goes out
    as HTML (``<figure>`` with ``<img alt="…">`` and a visible ``<figcaption>``), with a
    plain-text form beside it for consoles. (No separate ``image/png`` copy: it would double
    the size of every stored lesson.)
    """
    import html

    from IPython.display import display

    alt = alt_text(fig)
    raw = figure_png(fig)
    png = base64.b64encode(raw).decode("ascii")
    figure = (f'<figure class="pm-static-figure" style="margin:0 0 0.5em 0">'
              f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt, quote=True)}" '
              f'style="max-width:100%;height:auto">'
              f"<figcaption><i>Figure description:</i> {html.escape(alt)}</figcaption></figure>")
    display({"text/html": figure, "text/plain": f"[Figure: {alt}]"}, raw=True)
