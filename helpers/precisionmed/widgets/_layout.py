"""Layouts that keep panels readable in narrow windows (a projector zoomed to 150%).

A fixed-width slider wider than the output area hides its readout, a checkbox label longer
than its box is cut with "…", and a row of controls runs off the page. These helpers give
controls a width that shrinks with the window (up to a comfortable maximum) and put rows of
controls in boxes that wrap.
"""

from __future__ import annotations

import ipywidgets as w

from precisionmed.widgets import LABEL_STYLE

#: Widest a slider grows (its label, track and readout together).
SLIDER_MAX_WIDTH = "480px"


def fit(control: w.DOMWidget, max_width: str = SLIDER_MAX_WIDTH) -> w.DOMWidget:
    """Give ``control`` a width that shrinks with the window, at most ``max_width``.

    The control gets its own ``Layout`` (never a shared one), so no other control changes.
    Returns the control.
    """
    if not isinstance(control, w.DOMWidget):
        raise TypeError(f"fit needs an ipywidgets control, got {type(control).__name__}.")
    if not isinstance(max_width, str) or not max_width.strip():
        raise ValueError(f"max_width must be a CSS width such as '460px', got {max_width!r}.")
    control.layout = w.Layout(width="100%", max_width=max_width, min_width="0")
    return control


def checkbox(description: str, value: bool = False, tooltip: str = "") -> w.Checkbox:
    """A checkbox whose (short) label is never cut: no indent, width follows the label.

    The hover text is ``tooltip``, or the label itself: ipywidgets 8 shows the word "null" on
    hover for a described control without one.
    """
    if not isinstance(description, str) or not description.strip():
        raise ValueError("A checkbox needs a readable label (description).")
    return w.Checkbox(value=value, description=description, indent=False, style=LABEL_STYLE,
                      tooltip=tooltip or description,
                      layout=w.Layout(width="auto", max_width="100%",
                                      # a gap after each label, so that in a row of boxes
                                      # each box sits visibly with its own label
                                      margin="2px 1.6em 2px 0"))


def row(*children: w.Widget) -> w.HBox:
    """Controls side by side that wrap onto the next line when the window is narrow."""
    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", width="auto",
                                                  max_width="100%", align_items="center"))


def scroll_html(inner: str, min_width: str = "40em") -> str:
    """Wrap an HTML table so that a narrow window scrolls it sideways.

    The table keeps at least ``min_width`` and whole words (no breaks inside a word), so in a
    narrow window it scrolls instead of squeezing every column into a tall, broken strip; a
    line under it says so (a scrolling box shows no sign of the columns it hides).
    """
    return ('<div style="overflow-x:auto;max-width:100%">'
            f'<div style="min-width:{min_width};overflow-wrap:normal;word-break:normal">'
            f"{inner}</div></div>"
            '<div class="pm-scroll-hint" style="color:#595959;font-size:0.9em">'
            "If the table is cut off on the right, scroll it sideways.</div>")


__all__ = ["SLIDER_MAX_WIDTH", "checkbox", "fit", "row", "scroll_html"]
