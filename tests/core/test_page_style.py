"""The page style: printed sentences wrap between words (JupyterLab breaks at any letter)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from IPython.core.interactiveshell import InteractiveShell

from precisionmed.widgets import COURSE_CSS, PAGE_CSS, use_page_style

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_page_style_turns_off_break_all_for_printed_output() -> None:
    rule = re.search(r"\.jp-OutputArea-output pre[^{]*\{([^}]*)\}", PAGE_CSS)
    assert rule, PAGE_CSS
    assert "word-break: normal" in rule.group(1)
    assert "break-all" not in PAGE_CSS
    assert PAGE_CSS in COURSE_CSS  # a panel shown on its own brings it too


def test_use_page_style_shows_the_style_as_html_output() -> None:
    shell = InteractiveShell.instance()
    shown: list[dict] = []
    publisher = shell.display_pub
    old = publisher.publish
    publisher.publish = lambda data, *a, **k: shown.append(data)  # type: ignore[method-assign]
    try:
        use_page_style()
    finally:
        publisher.publish = old  # type: ignore[method-assign]
    assert len(shown) == 1 and shown[0]["text/html"] == PAGE_CSS


def test_every_lesson_setup_cell_uses_the_page_style() -> None:
    assert NOTEBOOKS
    for path in NOTEBOOKS:
        cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
        setup = "".join(cells[0]["source"])
        assert "\nuse_page_style()\n" in setup, path.name
        shown = [o for o in cells[0]["outputs"] if o["output_type"] == "display_data"]
        assert any("word-break: normal" in "".join(o["data"].get("text/html", ""))
                   for o in shown), path.name
