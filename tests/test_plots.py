"""precisionmed.plots: readable, colour-blind-safe figures and no global state on import."""

from __future__ import annotations

import json
import subprocess
import sys

import matplotlib as mpl
import pytest

from precisionmed import plots


def test_import_changes_no_matplotlib_settings() -> None:
    code = (
        "import json, matplotlib as mpl\n"
        "before = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "import precisionmed, precisionmed.plots, precisionmed.widgets, precisionmed.check\n"
        "import precisionmed.widgets.start, precisionmed.benefit\n"
        "after = {k: repr(v) for k, v in mpl.rcParams.items()}\n"
        "print(json.dumps(sorted(k for k in before if before[k] != after[k])))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout) == []


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
