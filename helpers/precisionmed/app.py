"""App mode: lessons as web pages with no code in view, for people who never touch code.

``python -m precisionmed.course build --to app`` (and ``python3 run.py app``) writes
``build/app/notebooks/``: copies of the lessons in :data:`APP_LESSONS`, transformed for Voilà,
which runs a notebook and shows only its text, figures, panels and answer boxes. The lessons in
``notebooks/`` are never changed; the app copy is made from them at build time:

- solutions, instructor notes and the lesson's navigation cell are left out (solutions stay
  hidden: the answer boxes give feedback instead);
- the coder's route through an exercise (``my_answer = ...`` and ``check.exercise(...)``) is
  left out; the answer box under it stays (a lesson without one gets an answer box in the
  route's place); a code question (``check.show_question``) becomes
  a clickable question (:func:`precisionmed.widgets.quiz`);
- wording about cells, Shift + Enter and code is rewritten for an app (:func:`app_markdown`),
  and what cannot be rewritten is reported by :func:`code_words`;
- glossary links open ``glossary.ipynb``, an app page built from ``docs/glossary.md``.

Serve the folder with ``python -m voila build/app/notebooks`` (``run.py app`` does this on
127.0.0.1 and opens lesson 00).
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

#: Lessons that have an app (file names without ``.ipynb``), in course order. A lesson is
#: added when its wording works without code (tests/course/test_app.py checks every one).
APP_LESSONS = ("00-start-here", "06-cancer-immunotherapy", "07-finding-the-one-variant",
               "08-who-is-in-the-data", "09-your-genome-is-not-anonymous",
               "10-risk-and-prevention")
#: Where the app copy is built (git-ignored), relative to the project.
APP_COPY = "build/app"
#: The app page of the glossary, beside the lessons.
APP_GLOSSARY = "glossary.ipynb"
#: Tags of cells the app leaves out.
DROP_TAGS = ("solution", "instructor", "navigation")

_CODER_ROUTE = re.compile(r"^\s*my_(answer|choice)\s*=\s*\.\.\.", re.M)
_EXERCISE = re.compile(r"""check\.exercise\(\s*['"]([^'"]+)['"]""")
_ANSWER_BOX = re.compile(r"""answer_box\(\s*['"]([^'"]+)['"]""")
_SHOW_QUESTION = re.compile(r"""check\.show_question\(\s*(['"][^'"]+['"])\s*\)""")

#: The "how to use" section of a lesson, for an app page.
HOW_TO_USE = """## 1. How to use this page *(about 5 minutes)*

This page works like a short booklet with moving pictures. Read from top to bottom.

- Some charts have **sliders** and menus under them. Drag a slider, or pick from a menu, and
  the chart redraws.
- When an exercise asks for an answer, type it in the **answer box** under the exercise and
  press **Check my answer** (or Enter). Type it the way you would say it: `14%`, `4,000` or a
  few words. The reply appears under the box.
- Some questions list answers to pick from: pick one and press **Check my answer**.
- You cannot break anything. To start again, reload the page.
"""

#: Sentence rewrites for every app lesson: (pattern, replacement), applied in order.
REWRITES: tuple[tuple[str, str], ...] = (
    (r"Replace `\.\.\.` with ([^.]+?), then run the cell\.",
     r"Type \1, in the answer box below, then press **Check my answer**."),
    (r"Replace `\.\.\.` with ([^.]+?) then run the cell\.",
     r"Type \1 in the answer box below, then press **Check my answer**."),
    (r"Run the cell to see the question\. Then put the letter of your answer in the next "
     r"cell\.", "Pick an answer below and press **Check my answer**."),
    (r"\s*\(in code, keep the quotes\)", ""),
    (r",? without quotes", ""),
    (r"""`"([^"`]+)"`""", r"“\1”"),
    (r"Run a notebook cell and move a slider", "Move a slider"),
    (r"How do I use a notebook and its sliders\?", "How do I use this page and its sliders?"),
    (r"\bthis notebook\b", "this page"),
    (r"\bThis notebook\b", "This page"),
)

#: Sentences reworded in one lesson's app page: (lesson, sentence, app sentence). The sentence
#: is matched word for word, whatever the line breaks between its words.
LESSON_REWRITES: tuple[tuple[str, str, str], ...] = (
    ("07-finding-the-one-variant",
     "Run the funnel for a family by changing `case` and `mode` below.",
     "Pick a family and an inheritance mode in the panel below, and watch the funnel."),
    ("07-finding-the-one-variant",
     "Try each mode above. In which gene is the one variant left at the end? Answer with the "
     "gene's name in quotes.",
     "Pick Tomasz in the panel above and try each mode. In which gene is the one variant left "
     "at the end? Answer with the gene's name."),
    ("07-finding-the-one-variant",
     "Answer with the mode in quotes, as the code cell writes it.",
     "Pick Kwame in the panel above and try each mode. Answer with the mode as the panel's "
     "menu writes it."),
    ("07-finding-the-one-variant",
     "What is its ACMG class? Answer in quotes, for example",
     "What is its ACMG class? (Tick these four in the evidence panel above.) Answer with the "
     "class, for example"),
    ("08-who-is-in-the-data",
     "Use the 2021 equation. A 60-year-old woman has a creatinine of 0.7 mg/dL. What is her eGFR?",
     "Use the 2021 equation. A 60-year-old woman has a creatinine of 0.7 mg/dL. What is her "
     "eGFR? (At 0.7 mg/dL a woman's Scr/κ is exactly 1, so only the first number, the age "
     "factor and the factor for women are left: a phone's calculator will do.)"),
    ("09-your-genome-is-not-anonymous",
     "Join the study's table to the public list on the three shared details.",
     "The table below joins the study's table to the public list on the three shared details."),
    ("09-your-genome-is-not-anonymous",
     "Answer with the name in quotes, as the table writes it.",
     "Answer with the name as the table writes it (the rows above include R-0284)."),
    ("09-your-genome-is-not-anonymous",
     "Coarsen the research table: keep sex, keep only the decade of birth, and remove the ZIP "
     "code. What is k?",
     "The study coarsens its table: it keeps sex, keeps only the decade of birth and removes "
     "the ZIP code. What is k? (The table above tries this choice.)"),
)

#: Cells the app leaves out in one lesson: (lesson, start of the cell's source). They teach
#: running and editing code, which an app page has no use for.
DROP_CELLS: tuple[tuple[str, str], ...] = (
    ("00-start-here", "Well done: you ran your first cell"),
    ("00-start-here", 'your_name = "'),
)

#: Code cells whose app version shows something else: (lesson, start of the cell's source,
#: the app's source). Where a coder would filter a table, the app page shows the rows needed;
#: where a coder would edit a line to try another case, the app page has a panel with menus.
APP_CELL_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("07-finding-the-one-variant", 'case = "RD-02"',
     "from precisionmed.raredisease.panels import family_explorer\n"
     "family_explorer()"),
    ("09-your-genome-is-not-anonymous", "detailed = privacy.link(",
     "detailed = privacy.link(privacy.coarsen(research), privacy.coarsen(public))\n"
     "print(f\"{(detailed['candidates'] == 1).sum()} of {len(research)} research records match "
     "exactly one person in the public list.\")\n"
     "print(\"Records R-0280 to R-0289:\")\n"
     "detailed[detailed[\"record_id\"].between(\"R-0280\", \"R-0289\")]"),
)

#: Words that must not be left in an app page's text (case-insensitive regular expressions).
#: "cell" alone is biology ("almost every cell"); only a notebook's cells are refused.
CODE_WORDS = (r"\b(this|next|exercise|code|notebook|first|setup) cells?\b",
              r"\bcells? (below|above|in order)\b", r"\brun (it|the|this|each|every|a)\b",
              r"shift\s*\+\s*enter", r"\bkernel\b", r"\brun all\b", r"my_answer",
              r"my_choice", r"`\.\.\.`", r"\bin code\b", r"▶", r"\bnotebook\b")


def code_words(text: str) -> list[str]:
    """The words about code or notebooks in ``text`` that an app page must not use."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}.")
    found = []
    for pattern in CODE_WORDS:
        found += [m.group(0) for m in re.finditer(pattern, text, re.I)]
    return found


def app_markdown(markdown: str, lesson: str = "") -> str:
    """A lesson's Markdown worded for the app, glossary links fixed.

    :data:`REWRITES` apply to every lesson, then :data:`LESSON_REWRITES` for ``lesson``
    (a file name such as ``"09-your-genome-is-not-anonymous"``; empty: none).

    >>> app_markdown("Replace `...` with a number, such as `25`, then run the cell.")
    'Type a number, such as `25`, in the answer box below, then press **Check my answer**.'
    """
    if not isinstance(markdown, str):
        raise TypeError(f"markdown must be a string, got {type(markdown).__name__}.")
    if not isinstance(lesson, str):
        raise TypeError(f"lesson must be a string, got {type(lesson).__name__}.")
    if markdown.lstrip().startswith("## 1. How to use this notebook"):
        return HOW_TO_USE
    text = markdown
    for pattern, replacement in REWRITES:
        text = re.sub(pattern, replacement, text, flags=re.S)
    for name, sentence, replacement in LESSON_REWRITES:
        if name == lesson:
            words = r"\s+".join(re.escape(word) for word in sentence.split())
            text = re.sub(words, lambda _m, r=replacement: r, text)
    text = re.sub(r"\]\(\.\./docs/glossary\.md", f"]({APP_GLOSSARY}", text)
    return re.sub(r"\]\(glossary\.md", f"]({APP_GLOSSARY}", text)


def app_notebook(nb: Any, lesson: str = "") -> Any:
    """Return the app copy of lesson ``nb`` (named ``lesson``, e.g. ``"00-start-here"``).

    Outputs are cleared (Voilà runs the page afresh for every visitor); see the module
    docstring for what is left out and rewritten.

    Raises
    ------
    TypeError
        If ``nb`` is not a notebook.
    """
    import nbformat

    from precisionmed.course import strip_volatile

    if not hasattr(nb, "cells") or not hasattr(nb, "metadata"):
        raise TypeError(f"Expected a notebook (nbformat.NotebookNode), got {type(nb).__name__}.")
    if not isinstance(lesson, str):
        raise TypeError(f"lesson must be a string, got {type(lesson).__name__}.")
    out = copy.deepcopy(nb)
    strip_volatile(out)
    drops = [start for name, start in DROP_CELLS if name == lesson]
    sources = [(start, text) for name, start, text in APP_CELL_SOURCES if name == lesson]
    boxed = {key for cell in out.cells if cell.cell_type == "code"
             for key in _ANSWER_BOX.findall(cell.source)}
    cells = []
    for cell in out.cells:
        if set(cell.metadata.get("tags", [])) & set(DROP_TAGS):
            continue
        if any(cell.source.lstrip().startswith(start) for start in drops):
            continue
        if cell.cell_type == "code":
            if _CODER_ROUTE.search(cell.source):
                # a lesson without its own answer box gets one where the coder's route was
                for key in _EXERCISE.findall(cell.source):
                    if key not in boxed:
                        box = nbformat.v4.new_code_cell(
                            "from precisionmed.widgets.answers import answer_box\n"
                            f'answer_box("{key}")')
                        box.metadata["tags"] = ["nbval-ignore-output"]
                        cells.append(box)
                        boxed.add(key)
                continue
            for start, text in sources:
                if cell.source.lstrip().startswith(start):
                    cell.source = text
            question = _SHOW_QUESTION.search(cell.source)
            if question:
                cell.source = f"from precisionmed.widgets import quiz\nquiz({question.group(1)})"
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            cell.source = app_markdown(cell.source, lesson)
        cells.append(cell)
    footer = nbformat.v4.new_markdown_cell(
        "---\nThis is the app version of the lesson: the same lesson, without its code. "
        f"New words are explained in the [glossary]({APP_GLOSSARY}).\n\n"
        "*Teaching material with simulated data — not medical advice.*")
    footer.metadata["tags"] = ["app-footer"]
    out.cells = [*cells, footer]
    out.metadata["workbook_build"] = "app"
    return out


def glossary_notebook(markdown: str) -> Any:
    """The glossary (``docs/glossary.md``) as an app page: one Markdown cell."""
    import nbformat

    if not isinstance(markdown, str) or not markdown.strip():
        raise ValueError("The glossary text is empty; expected the Markdown of docs/glossary.md.")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(markdown)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["workbook_build"] = "app"
    return nb


#: Voila template (a child of its "lab" template) written by :func:`build_app` under
#: ``share/voila/templates/workbook/``: the same page without the two style sheets the "lab"
#: template fetches from a CDN (Font Awesome is already in Voila's own bundle), so an app page
#: needs no network and its console stays free of errors.
TEMPLATE_NAME = "workbook"
_CDN_LINK = ('<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@fortawesome/'
             'fontawesome-free@^5/css/{}.min.css" type="text/css" />')
TEMPLATE_INDEX = (
    "{%- extends 'lab/index.html.j2' -%}\n"
    "{%- block notebook_css -%}\n"
    "{{ super() | replace('" + _CDN_LINK.format("all") + "', '')"
    " | replace('" + _CDN_LINK.format("v4-shims") + "', '') }}\n"
    # Voila's own widget theme draws "info" buttons white on light blue (contrast below
    # 4.5:1, an axe-core serious finding); use the palette's blue, 5:1 against white.
    "<style>body .jupyter-widgets.widget-button.mod-info "
    "{ background-color: #0072B2 !important; color: #ffffff !important; }</style>\n"
    "{%- endblock notebook_css -%}\n")
TEMPLATE_CONF = '{"base_template": "lab"}\n'


def _write_template(share: Path) -> Path:
    """Write the app's Voila template into ``share`` (a ``JUPYTER_PATH`` entry); return it."""
    folder = Path(share) / "voila" / "templates" / TEMPLATE_NAME
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.json").write_text(TEMPLATE_CONF, encoding="utf-8")
    (folder / "index.html.j2").write_text(TEMPLATE_INDEX, encoding="utf-8")
    return folder


def build_app(out_dir: Path | None = None, root: Path | None = None,
              progress: bool = True) -> list[Path]:
    """Write the app copy of every lesson in :data:`APP_LESSONS` into ``out_dir``.

    The default folder is ``build/app`` in the project; lessons land in its ``notebooks/``
    folder next to ``glossary.ipynb``. Returns the paths of the app lessons written.

    Raises
    ------
    ValueError
        If a lesson in :data:`APP_LESSONS` is missing from ``notebooks/``.
    """
    import nbformat

    from precisionmed.course import GLOSSARY_SOURCE, project_root

    base = Path(root) if root is not None else project_root()
    folder = Path(out_dir) if out_dir is not None else base / APP_COPY
    target = folder / "notebooks"
    if target.is_dir():
        shutil.rmtree(target)  # the app copy is generated: nobody edits it
    target.mkdir(parents=True)
    written = []
    for i, lesson in enumerate(APP_LESSONS, start=1):
        source = base / "notebooks" / f"{lesson}.ipynb"
        if not source.is_file():
            raise ValueError(f"App lesson {lesson!r} has no notebook at notebooks/{lesson}.ipynb.")
        nb = app_notebook(nbformat.read(str(source), as_version=4), lesson)
        path = target / source.name
        path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        written.append(path)
        if progress:
            print(f"[{i}/{len(APP_LESSONS)}] app: {path}", flush=True)
    _write_template(folder / "share")
    glossary = base / GLOSSARY_SOURCE
    if glossary.is_file():
        page = glossary_notebook(glossary.read_text(encoding="utf-8"))
        (target / APP_GLOSSARY).write_text(nbformat.writes(page) + "\n", encoding="utf-8")
    return written


def app_url(lesson: str) -> str:
    """The path Voilà serves lesson ``lesson`` (``"00-start-here"``) at, from its root."""
    if lesson not in APP_LESSONS:
        raise ValueError(f"{lesson!r} has no app; lessons with an app: {', '.join(APP_LESSONS)}.")
    return f"voila/render/{lesson}.ipynb"


def binder_app_url(lesson: str) -> str:
    """Binder link that opens lesson ``lesson``'s app (Voila inside Binder's server).

    Binder's ``postBuild`` builds the app copy into ``build/app``; Voila runs there as a
    server extension at ``/voila/render/…``.
    """
    from precisionmed.course import BRANCH, REPOSITORY

    path = app_url(lesson)
    return (f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}"
            f"?urlpath={path.replace('voila/render/', f'voila/render/{APP_COPY}/notebooks/')}")

