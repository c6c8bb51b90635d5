"""The core of every lesson's interactive panels, built in three layers.

1. a pure function in a topic's science module (e.g.
   :func:`precisionmed.start.benefit.expected_response`),
2. a plot function that draws on a given ``Axes`` (e.g.
   :func:`precisionmed.start.benefit.plot_expected`),
3. a builder in the topic's ``panels`` module, made from the controls here, that wires
   labelled controls to 1 and 2 and *returns* the widget without displaying it. The figure is
   shown as an ``<img alt="…">`` inside an ``ipywidgets.HTML`` whose PNG bytes
   (``FigureView.png``) change when a control moves, so tests can set ``control.value`` and
   check the new result without a browser.

Why not ``ipywidgets.Image``: it has no ``alt`` text, and setting its ``tooltip`` (the only way
to attach a description) crashes its view in ipywidgets 8.1 (``updateTooltip`` reads the missing
``description``), so the learner sees "Click to show javascript error" instead of the chart.
The HTML route carries real alternative text to screen readers and renders everywhere.

Each lesson's builders live in its topic's ``panels`` module (``precisionmed.start.panels``, ...);
shared pieces live here.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable, Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionWidget
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from precisionmed import check
from precisionmed.plots import (
    _check_rects,
    alt_text,
    course_style,
    encode_png,
    place_axes,
    set_alt,
)
from precisionmed.widgets.controls import LabelledSlider, format_readout, grid

LABEL_STYLE = {"description_width": "initial"}
#: Width of the remaining ipywidgets sliders (prefer :func:`slider`/:func:`choice_slider`).
SLIDER_LAYOUT = w.Layout(width="460px")


#: The page-wide style every lesson's setup cell shows (:func:`use_page_style`): JupyterLab and
#: Voila style printed output with ``word-break: break-all``, so a long printed sentence wraps
#: at any letter ("respo" / "nd"); the course's printed text wraps between words instead, and a
#: word longer than the line (a long identifier) still breaks rather than sticking out.
PAGE_CSS = """<style>
.jp-OutputArea-output pre, .jp-RenderedText pre { word-break: normal; overflow-wrap: anywhere; }
</style>"""


#: Course styles for panels and quizzes, carried into the page by a hidden HTML widget
#: (:func:`course_css`): readable line spacing for wrapped text (ipywidgets sets every HTML
#: line to the 28 px control height) and quiz answers that wrap instead of overlapping.
COURSE_CSS = """<style>
.pm-panel .widget-html-content, .pm-quiz .widget-html-content {
  line-height: 1.45; white-space: normal; overflow-wrap: break-word; }
.pm-quiz .widget-radio-box label { display: flex; flex-direction: row; align-items: flex-start;
  height: auto; min-height: 1.5em; line-height: 1.35; white-space: normal; margin: 0 0 0.4em 0; }
.pm-quiz .widget-radio-box input[type=radio] { order: -1; float: none; flex: none;
  margin: 0.15em 0.6em 0 1px; }
.pm-quiz .widget-radio { width: 100%; max-width: 100%; flex-wrap: wrap; }
.pm-panel select, .pm-panel .widget-dropdown { max-width: 100%; }
</style>""" + PAGE_CSS


def use_page_style() -> None:
    """Show :data:`PAGE_CSS` in the output of the cell that calls it (each lesson's setup cell).

    The style then applies to the whole page, so every printed sentence of the lesson wraps
    between words. Shown as HTML output, not a widget, so it also works where widgets are not
    running (a notebook viewer, the website).
    """
    from IPython.display import HTML, display

    display(HTML(PAGE_CSS))


def course_css() -> w.HTML:
    """A hidden widget that brings :data:`COURSE_CSS` into the page with a panel."""
    return w.HTML(COURSE_CSS, layout=w.Layout(display="none"))


def name_controls(controls: dict[str, w.Widget] | list[w.Widget]) -> None:
    """Give each described ipywidgets control a hover text equal to its label.

    ipywidgets 8 writes ``title="null"`` on a described control whose ``tooltip`` is unset,
    so hovering it shows the word "null"; its own label is the truthful hover text.
    """
    items = controls.values() if isinstance(controls, dict) else controls
    for control in items:
        if isinstance(control, DescriptionWidget) and not control.tooltip \
                and (control.description or "").strip():
            control.tooltip = control.description


class FigureView:
    """A matplotlib figure shown as a PNG ``<img>`` with real alt text and a visible description.

    ``update`` redraws through ``draw(fig)`` (which must call :func:`set_alt`) and re-renders;
    ``show_png`` puts an already rendered PNG on screen (for panels that cache images).
    ``png`` holds the bytes on screen now and ``alt`` their description.
    By default the first draw is laid out by matplotlib's constrained layout (about 0.2 s
    here) and then frozen; ``axes_rects`` (one ``(left, bottom, width, height)`` in figure
    fractions per axes, in the order ``draw`` creates them) fixes the layout instead.
    """

    def __init__(self, figsize: tuple[float, float] = (7.0, 4.0),
                 axes_rects: Sequence[tuple[float, float, float, float]] | None = None) -> None:
        self._rects = _check_rects(axes_rects)
        with course_style():
            self.figure = Figure(figsize=figsize,
                                 layout=None if self._rects else "constrained")
        self.image = w.HTML(layout=w.Layout(max_width="100%"))
        self.image.add_class("pm-figure")
        self.caption = w.HTML()
        self.box = w.VBox([course_css(), self.image, self.caption],
                          layout=w.Layout(max_width="100%"))
        self.png = b""
        self.alt = ""
        self.renders = 0
        self._background = None

    def show_png(self, png: bytes, alt: str) -> None:
        """Put ``png`` on screen with ``alt`` as its alternative text and visible caption."""
        if not isinstance(png, bytes) or not png.startswith(b"\x89PNG"):
            raise ValueError("show_png needs PNG bytes (from plots.encode_png or fast_png).")
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("show_png needs a one-sentence description (alt text).")
        self.png, self.alt = png, alt
        self.image.value = figure_img_html(png, alt)
        self.caption.value = f"<i>Figure description:</i> {html.escape(alt)}"

    def show_state(self, images: dict[object, tuple[bytes, str]], key: object,
                   draw: Callable[[Figure], None], static_changed: bool = False) -> None:
        """Show state ``key``: drawn with ``draw`` the first time, then from ``images``.

        ``images`` (one dict per panel) keeps each state's PNG and alt text, so moving a
        control back to a state seen before shows its picture without drawing again.
        """
        if key in images:
            self.show_png(*images[key])
            return
        self.update(draw, static_changed=static_changed)
        images[key] = (self.png, self.alt)

    def update(self, draw: Callable[[Figure], None], static_changed: bool = False) -> None:
        """Redraw the figure with ``draw`` and refresh the image and its description.

        The layout is computed on the first draw and then frozen. Artists that ``draw`` marks
        with ``set_animated(True)`` are redrawn over a cached background (blitting), so a
        slider move only re-renders what changed; pass ``static_changed=True`` when anything
        else (axes limits, tick labels) changed too.
        """
        with course_style():
            draw(self.figure)
            canvas = self.figure.canvas
            if not isinstance(canvas, FigureCanvasAgg):
                canvas = FigureCanvasAgg(self.figure)
            if self.renders == 0:
                if self._rects:  # a fixed layout: no layout pass at all (the fast path)
                    place_axes(self.figure, self._rects)
                else:  # lay out once (text extents only, no pixels), then freeze it
                    engine = self.figure.get_layout_engine()
                    if engine is not None:
                        engine.execute(self.figure)
                self.figure.set_layout_engine("none")
                static_changed = True
            if static_changed or self._background is None:
                canvas.draw()  # animated artists are skipped here
                self._background = canvas.copy_from_bbox(self.figure.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in self.figure.findobj(lambda a: a.get_animated()):
                if artist.get_visible() and artist.figure is self.figure:
                    self.figure.draw_artist(artist)
            png = encode_png(canvas)
        self.show_png(png, alt_text(self.figure))
        self.renders += 1


def figure_img_html(png: bytes, alt: str) -> str:
    """An ``<img>`` element showing ``png`` inline, with ``alt`` as its alternative text."""
    if not isinstance(png, bytes) or not png.startswith(b"\x89PNG"):
        raise TypeError("figure_img_html needs PNG bytes (from plots.encode_png or fast_png).")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("figure_img_html needs a one-sentence description (alt text).")
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto;display:block">')


def slider(description: str, value: float, low: float, high: float, step: float,
           percent: bool = False, unit: str = "") -> LabelledSlider:
    """A bounded, labelled slider from ``low`` to ``high`` by ``step``.

    It is a :class:`~precisionmed.widgets.controls.LabelledSlider` (a native range input with
    a ``<label>`` screen readers announce and a readout that stays visible in narrow windows);
    ``percent`` shows 0.4 as "40%", ``unit`` is appended to the readout.
    """
    if not isinstance(description, str) or not description.strip():
        raise ValueError("A slider needs a readable label (description), e.g. 'Dose (mg)'.")
    numbers = {"value": value, "low": low, "high": high, "step": step}
    for name, number in numbers.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)) \
                or not math.isfinite(number):
            raise TypeError(f"Slider {description!r}: {name} must be a finite number, "
                            f"got {number!r}.")
    if not low < high or step <= 0:
        raise ValueError(f"Slider {description!r}: needs low < high and a positive step.")
    if not low <= value <= high:
        raise ValueError(f"Slider {description!r}: start value {value} is outside {low}–{high}.")
    points = grid(low, high, step)
    whole = all(isinstance(x, int) for x in (low, high, step))
    values = [int(round(p)) if whole else p for p in points]
    options = [(format_readout(v, percent, unit), v) for v in values]
    return LabelledSlider(description, options, value, numeric=(low, high, step))


def choice_slider(description: str, options: Sequence[tuple[str, object]] | Sequence[object],
                  value: object) -> LabelledSlider:
    """A labelled slider over fixed choices: ``(readout, value)`` pairs, or plain values.

    For precomputed grids (e.g. the prevalences a lesson has results for) and ordered named
    choices; the slider can never reach a value that is not in ``options``.
    """
    pairs = [o if isinstance(o, tuple) else (format_readout(o) if isinstance(o, (int, float))
                                             and not isinstance(o, bool) else str(o), o)
             for o in options]
    return LabelledSlider(description, pairs, value)


def quiz(key: str) -> w.VBox:
    """A multiple-choice question as radio buttons with a Check button and kind feedback.

    The returned box has ``.options`` (the RadioButtons), ``.button`` and ``.feedback`` (HTML)
    attributes so tests can pick an option, click, and read the feedback.
    """
    item = check.question_item(key)  # an unknown key raises a ValueError with close keys
    options = w.RadioButtons(
        options=[(f"{k}) {v}", k) for k, v in item.options.items()], value=None,
        description="Your answer:", tooltip="Choose one answer, then press Check my answer",
        style=LABEL_STYLE, layout=w.Layout(width="auto", max_width="100%"))
    button = w.Button(description="Check my answer", button_style="info",
                      tooltip="Check the selected answer",
                      layout=w.Layout(width="auto", min_width="fit-content"))
    result = w.HTML()

    def on_click(_: object = None) -> None:
        answer = None if options.value is None else options.value
        result.value = check.choice_feedback(key, answer).message

    button.on_click(on_click)
    box = w.VBox([course_css(), w.HTML(f"<b>{item.prompt}</b>"), options, button, result],
                 layout=w.Layout(max_width="100%"))
    box.add_class("pm-quiz")
    box.options, box.button, box.feedback = options, button, result  # type: ignore[attr-defined]
    return box


def connect(box: w.VBox, controls: dict[str, w.ValueWidget], view: FigureView,
            update: Callable[[], object], **parts: w.Widget) -> w.VBox:
    """Wire a panel: run ``update()`` now and whenever a control changes.

    ``update`` redraws the view (and any text parts) and returns the new result, which is kept
    as ``box.result``. ``box.controls``, ``box.view`` and each of ``parts`` (e.g.
    ``summary=...``) become attributes of ``box``, so tests can drive the panel. Returns ``box``.
    """
    if not isinstance(box, w.Box):
        raise TypeError(f"box must be an ipywidgets Box, got {type(box).__name__}.")
    if not isinstance(controls, dict) or not all(
            isinstance(c, w.ValueWidget) for c in controls.values()):
        raise TypeError("controls must be a dict of ipywidgets controls (sliders, dropdowns…).")
    if not isinstance(view, FigureView):
        raise TypeError(f"view must be a FigureView, got {type(view).__name__}.")
    if not callable(update):
        raise TypeError("update must be a function that redraws and returns the result.")

    def refresh(_: object = None) -> None:
        box.result = update()  # type: ignore[attr-defined]

    name_controls(controls)
    box.add_class("pm-panel")
    for control in controls.values():
        control.observe(refresh, names="value")
    box.controls, box.view = controls, view  # type: ignore[attr-defined]
    for name, part in parts.items():
        setattr(box, name, part)
    refresh()
    return box


def benchmark_cases() -> list[tuple[str, str, Callable[[], w.Widget], str, list]]:
    """Every ``BENCHMARK_CASES`` entry of every topic's panels (:mod:`precisionmed.topics`).

    Returns ``(topic, label, builder, control key, values)`` tuples; ``benchmarks/run.py``
    times them and the content tests check every control's label.
    """
    from precisionmed import topics

    cases = []
    for module in topics.part_modules("panels"):
        topic = module.__name__.split(".")[1]
        for label, builder, key, values in getattr(module, "BENCHMARK_CASES", []):
            cases.append((topic, label, builder, key, list(values)))
    return cases


__all__ = ["FigureView", "LabelledSlider", "benchmark_cases", "choice_slider", "connect",
           "course_css", "figure_img_html", "name_controls", "quiz", "set_alt", "slider",
           "use_page_style"]
