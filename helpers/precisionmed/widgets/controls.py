"""Sliders that everyone can use: a native, labelled range input with a visible readout.

ipywidgets' own sliders (noUiSlider handles) cannot be given an accessible name from Python, so
screen readers announce them as "slider" with no label (axe-core: ``aria-input-field-name``),
and their readout disappears when the output area is narrow (a projector zoomed to 150%). The
course therefore uses :class:`LabelledSlider`, a small `anywidget <https://anywidget.dev>`_
widget: an ``<input type="range">`` tied to a ``<label>``, with an ``<output>`` readout that
always stays on screen (it wraps under the track in a narrow window) and ``aria-valuetext``
that reads the same as the readout ("40%", "60 years").

It moves over a fixed list of choices (``options``: ``(readout, value)`` pairs), so it serves
numeric sliders (a grid from low to high by step), grids of precomputed values and named
choices alike, and can never reach a value that is not one of them. Python code and tests set
``.value`` exactly as with ipywidgets; a numeric slider snaps a value between grid points to the
nearest one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

_ESM = r"""
function render({ model, el }) {
  const id = "pm-slider-" + Math.random().toString(36).slice(2);
  el.classList.add("pm-slider");
  // JupyterLab binds the arrow keys to notebook commands; without this the keyboard would
  // move between cells instead of moving the slider.
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "pm-slider-label";
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  input.min = "0";
  input.step = "1";
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  const out = document.createElement("output");
  out.htmlFor = id;
  out.className = "pm-slider-readout";
  out.setAttribute("aria-hidden", "true");
  const sync = () => {
    const labels = model.get("labels");
    const index = model.get("index");
    label.textContent = model.get("description");
    input.max = String(Math.max(labels.length - 1, 0));
    input.value = String(index);
    input.disabled = model.get("disabled");
    input.setAttribute("aria-valuetext", labels[index] ?? "");
    out.textContent = labels[index] ?? "";
  };
  input.addEventListener("input", () => {
    const labels = model.get("labels");
    out.textContent = labels[Number(input.value)] ?? "";
    input.setAttribute("aria-valuetext", out.textContent);
  });
  input.addEventListener("change", () => {
    model.set("index", Number(input.value));
    model.save_changes();
  });
  model.on("change:index", sync);
  model.on("change:labels", sync);
  model.on("change:description", sync);
  model.on("change:disabled", sync);
  sync();
  const track = document.createElement("span");
  track.className = "pm-slider-track";
  track.append(input, out);
  el.append(label, track);
}
export default { render };
"""

_CSS = """
.pm-slider { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25em 0.75em;
  max-width: 100%; margin: 2px 0; font-size: var(--jp-widgets-font-size, 13px); }
.pm-slider-label { flex: 0 1 14em; min-width: 10em; color: var(--jp-widgets-label-color, #222); }
.pm-slider-track { display: inline-flex; align-items: center; gap: 0.75em; flex: 1 1 220px;
  min-width: 200px; max-width: 340px; }
.pm-slider input[type=range] { flex: 1 1 auto; min-width: 120px; accent-color: #0072B2;
  margin: 0; }
.pm-slider input[type=range]:focus-visible { outline: 2px solid #D55E00; outline-offset: 2px; }
.pm-slider-readout { flex: 0 0 auto; min-width: 4.5em; font-variant-numeric: tabular-nums;
  font-weight: 600; color: var(--jp-widgets-label-color, #222); }
"""


class SliderValueError(traitlets.TraitError, ValueError):
    """A value or position a slider does not offer (a ``ValueError`` with a clear message)."""


class LabelledSlider(anywidget.AnyWidget, w.ValueWidget):
    """A labelled slider over a fixed list of ``(readout, value)`` choices.

    ``value`` is the chosen value; ``index`` its position (what the browser moves);
    ``labels`` the readouts shown; ``options`` the ``(readout, value)`` pairs. For a numeric
    grid, ``min``/``max``/``step`` are set too and values in between snap to the nearest point.
    """

    _esm = _ESM
    _css = _CSS
    description = traitlets.Unicode("").tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    value = traitlets.Any(None)

    def __init__(self, description: str, options: Sequence[tuple[str, Any]], value: Any,
                 numeric: tuple[float, float, float] | None = None, **kwargs: Any) -> None:
        if not isinstance(description, str) or not description.strip():
            raise ValueError("A slider needs a readable label (description), e.g. 'Dose (mg)'.")
        pairs = list(options)
        if len(pairs) < 2 or not all(isinstance(p, tuple) and len(p) == 2
                                     and isinstance(p[0], str) for p in pairs):
            raise ValueError(f"Slider {description!r}: options must be at least two "
                             "(readout text, value) pairs.")
        self._values = [v for _, v in pairs]
        self._numeric = numeric
        if numeric is not None:
            self.min, self.max, self.step = numeric
        start = self._position(value, description)
        super().__init__(description=description, labels=[label for label, _ in pairs],
                         index=start, **kwargs)
        self.value = self._values[start]

    @property
    def options(self) -> list[tuple[str, Any]]:
        """The ``(readout, value)`` choices, in slider order."""
        return list(zip(self.labels, self._values, strict=True))

    @property
    def readout(self) -> str:
        """The readout shown for the current value (e.g. ``"40%"``)."""
        return self.labels[self.index]

    def _position(self, value: Any, description: str | None = None) -> int:
        name = description if description is not None else self.description
        if value in self._values:
            return self._values.index(value)
        if self._numeric is not None and isinstance(value, (int, float)) \
                and not isinstance(value, bool) and math.isfinite(value):
            low, high, _ = self._numeric
            if not low <= value <= high:
                raise SliderValueError(
                    f"Slider {name!r}: {value} is outside {low:g}–{high:g}.")
            return min(range(len(self._values)), key=lambda i: abs(self._values[i] - value))
        shown = ", ".join(str(v) for v in self._values[:8])
        more = " …" if len(self._values) > 8 else ""
        raise SliderValueError(f"Slider {name!r}: {value!r} is not one of its choices "
                                   f"({shown}{more}).")

    @traitlets.validate("value")
    def _valid_value(self, proposal: dict) -> Any:
        return self._values[self._position(proposal["value"])]

    @traitlets.observe("value")
    def _value_moved(self, change: dict) -> None:
        index = self._values.index(change["new"])
        if index != self.index:
            self.index = index

    @traitlets.validate("index")
    def _valid_index(self, proposal: dict) -> int:
        index = proposal["value"]
        if not 0 <= index < len(self._values):
            raise SliderValueError(f"Slider {self.description!r}: position {index} is "
                                       f"outside 0–{len(self._values) - 1}.")
        return index

    @traitlets.observe("index")
    def _index_moved(self, change: dict) -> None:
        new = self._values[change["new"]]
        if self.value != new:
            self.value = new


def grid(low: float, high: float, step: float) -> list[float]:
    """The points ``low, low + step, …, high`` without floating-point drift."""
    for name, number in (("low", low), ("high", high), ("step", step)):
        if isinstance(number, bool) or not isinstance(number, (int, float)) \
                or not math.isfinite(number):
            raise TypeError(f"A slider's {name} must be a finite number, got {number!r}.")
    if step <= 0 or not low < high:
        raise ValueError(f"A slider needs low < high and a positive step, got {low!r}, "
                         f"{high!r}, {step!r}.")
    count = int(round((high - low) / step))
    if count < 1 or not math.isclose(low + count * step, high, rel_tol=0, abs_tol=step * 1e-6):
        raise ValueError(f"A slider's range {low:g}–{high:g} must be a whole number of steps "
                         f"of {step:g}.")
    decimals = max(0, -math.floor(math.log10(step)) + 2) if step < 1 else 6
    return [round(low + i * step, decimals) for i in range(count + 1)]


def format_readout(value: float, percent: bool = False, unit: str = "") -> str:
    """How a slider's readout shows ``value``: ``40%``, ``60``, ``0.25`` (with ``unit``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError(f"A slider readout needs a finite number, got {value!r}.")
    if not isinstance(unit, str):
        raise TypeError(f"unit must be text, got {unit!r}.")
    if percent:
        text = f"{value * 100:.0f}%"
    elif float(value).is_integer():
        text = f"{value:.0f}"
    else:
        text = f"{value:g}"
    return f"{text} {unit}".strip()
