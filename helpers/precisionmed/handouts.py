"""Printable handouts: one or two pages per lesson, as HTML with print CSS and as PDF.

``python -m precisionmed.course build --to handouts`` writes ``build/handouts/NN-*.html`` and,
when Chromium is installed, ``NN-*.pdf`` beside each (printed by headless Chromium). Each
handout is generated from the lesson's notebook metadata (``title``, ``level``, minutes,
``objectives``, ``keypoints``) and the glossary (``docs/glossary.md``):

- *What you will learn*: the lesson's objectives;
- *Key points*: the lesson's key points;
- *New words*: the glossary terms the lesson links to, in the order it first uses them, with
  their plain definitions (at most :data:`MAX_WORDS`; the rest are in the glossary);
- for the library lessons (:data:`LIBRARY_LESSONS`) *Questions to ask your doctor or
  pharmacist*, from ``handout_questions.json`` (each question names its source).

The HTML is made by pure functions (:func:`handout_html`, :func:`lesson_handout`), tested
without a browser; only :func:`print_pdf` needs Chromium. Nothing is written into
``notebooks/`` or ``docs/``. Teaching material, not medical advice.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from precisionmed._checks import existing_file, require_text

#: Where the handouts are built (git-ignored), relative to the project.
HANDOUT_COPY = "build/handouts"
#: The questions for the library lessons (sourced, neutral), beside this module.
QUESTIONS_FILE = "handout_questions.json"
#: Lessons for a library audience: those with an app (precisionmed.app) plus 08 and 09.
LIBRARY_EXTRA = ("08-who-is-in-the-data", "09-your-genome-is-not-anonymous")
#: The most glossary words a handout lists (the page budget is two printed pages).
MAX_WORDS = 8
#: Glossary terms that are also everyday words ("read the chart"): never matched by name
#: alone, only through a lesson's link to them.
ORDINARY_WORDS = ("Beacon", "Clone", "Depth", "Median", "PASS", "Read", "Response", "Trio")
#: The banner every handout carries.
BANNER = "Teaching material with simulated data — not medical advice."
#: A glossary link in a lesson's Markdown: the fragment is the term's anchor.
_GLOSSARY_LINK = re.compile(r"\]\([^)\s#]*glossary\.md#([^)\s]+)\)")
_ANCHOR = re.compile(r'^<a id="([^"]+)"></a>\s*\n##\s+(.+?)\s*\n(.*?)(?=^<a id=|\Z)', re.M | re.S)

#: Print CSS: A4, readable sizes (body 11.5 pt, nothing under 11 pt), dark text on white,
#: headings in the palette's blue (#0072B2, contrast 5.1:1 on white).
CSS = """
@page { size: A4; margin: 14mm 15mm; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11.5pt;
       color: #1a1a1a; background: #ffffff; line-height: 1.35; }
body { margin: 0; max-width: 180mm; }
h1 { font-size: 17pt; color: #0072B2; margin: 0 0 2pt 0; line-height: 1.2; }
h2 { font-size: 13pt; color: #0072B2; margin: 9pt 0 3pt 0; break-after: avoid; }
p, li, dd, dt { font-size: 11.5pt; }
ul { margin: 0; padding-left: 16pt; }
li { margin: 0 0 2pt 0; }
dl { margin: 0; }
dt { font-weight: bold; margin-top: 3pt; }
dd { margin: 0 0 0 12pt; }
li, dt, dd { break-inside: avoid; }
.meta { margin: 0 0 4pt 0; }
.banner { border: 1.5pt solid #1a1a1a; padding: 3pt 6pt; margin: 4pt 0 6pt 0;
          font-weight: bold; }
.source { font-size: 11pt; color: #404040; }
.note { font-size: 11pt; color: #404040; margin-top: 3pt; }
footer { margin-top: 10pt; font-size: 11pt; color: #404040; }
@media screen { body { margin: 2em auto; padding: 0 1em; } }
"""


def library_lessons() -> tuple[str, ...]:
    """Lessons whose handout carries questions to ask: those with an app, plus 08 and 09."""
    from precisionmed.app import APP_LESSONS

    return tuple(sorted({*APP_LESSONS, *LIBRARY_EXTRA}))


def load_questions(path: Path | None = None) -> dict[str, list[dict[str, str]]]:
    """The questions for the library lessons: lesson stem -> ``[{"question", "source"}]``.

    Raises
    ------
    ValueError
        If the file lacks ``licence``/``as_of``, or a question has no text or no source.
    """
    if path is None:
        path = Path(__file__).with_name(QUESTIONS_FILE)
    path = existing_file(path, "handout questions file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name} is not valid JSON: {exc}") from exc
    problems = [f"missing {key!r}" for key in ("licence", "as_of", "lessons") if key not in data]
    lessons = data.get("lessons", {})
    if not isinstance(lessons, dict):
        problems.append("'lessons' should map lesson names to lists of questions")
        lessons = {}
    for lesson, rows in lessons.items():
        if not isinstance(rows, list) or not rows:
            problems.append(f"{lesson}: needs a non-empty list of questions")
            continue
        for i, row in enumerate(rows, start=1):
            if not (isinstance(row, dict) and str(row.get("question", "")).strip()
                    and str(row.get("source", "")).strip()):
                problems.append(f"{lesson} question {i}: needs 'question' and 'source' text")
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems))
    return {lesson: [dict(r) for r in rows] for lesson, rows in lessons.items()}


def glossary_terms(markdown: str) -> dict[str, tuple[str, str]]:
    r"""The glossary's terms: anchor -> (term, plain definition as one paragraph of Markdown).

    >>> glossary_terms('<a id="vaf"></a>\n## VAF\nShare of reads.\n')
    {'vaf': ('VAF', 'Share of reads.')}
    """
    require_text(markdown, "glossary markdown")
    terms = {}
    for anchor, term, body in _ANCHOR.findall(markdown):
        terms[anchor] = (term.strip(), " ".join(body.split()))
    return terms


def lesson_words(markdown_cells: list[str], terms: dict[str, tuple[str, str]]) -> list[str]:
    """Glossary anchors a lesson uses, in the order it first uses them.

    The terms it links to (``[word](../docs/glossary.md#anchor)``); a lesson that links none
    gets the glossary terms its text names (whole words; any case, except that acronyms must
    be in capitals), leaving out :data:`ORDINARY_WORDS`.
    """
    if not isinstance(markdown_cells, list) or not all(isinstance(c, str) for c in markdown_cells):
        raise TypeError("markdown_cells must be a list of strings (the lesson's Markdown cells).")
    if not isinstance(terms, dict):
        raise TypeError("terms must be a dict from glossary_terms().")
    text = "\n".join(markdown_cells)
    found = [a for a in dict.fromkeys(_GLOSSARY_LINK.findall(text)) if a in terms]
    if found:
        return found
    named = []
    for anchor, (term, _) in terms.items():
        if term in ORDINARY_WORDS:
            continue
        flags = 0 if term.isupper() else re.I
        match = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags)
        if match:
            named.append((match.start(), anchor))
    return [anchor for _, anchor in sorted(named)]


def inline_html(markdown: str) -> str:
    """One line of Markdown as safe HTML: escaped, with code, bold, italics; links as text.

    >>> inline_html("A *star* `*2` [link](x.md) & more")
    'A <em>star</em> <code>*2</code> link &amp; more'
    """
    if not isinstance(markdown, str):
        raise TypeError(f"markdown must be text, got {type(markdown).__name__}.")
    parts = re.split(r"(`[^`]+`)", markdown)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        part = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", part)
        part = html.escape(part, quote=False)
        part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
        part = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", part)
        out.append(part)
    return "".join(out)


def handout_html(number: str, meta: dict[str, Any], words: list[tuple[str, str]],
                 questions: list[dict[str, str]] | None = None, more_words: int = 0) -> str:
    """The handout of one lesson as a complete HTML page (``lang="en"``, print CSS).

    ``number`` is the lesson's two digits, ``meta`` its ``workbook`` metadata, ``words`` the
    (term, definition) pairs to list, ``questions`` the library questions (or ``None``) and
    ``more_words`` how many further glossary words the lesson uses.
    """
    require_text(number, "number")
    if not isinstance(meta, dict):
        raise TypeError("meta must be the lesson's workbook metadata (a dict).")
    missing = [k for k in ("title", "level", "teaching", "exercises", "objectives", "keypoints")
               if k not in meta]
    if missing:
        raise ValueError(f"meta lacks {', '.join(missing)}; pass course.lesson_metadata(path).")
    if not isinstance(words, list):
        raise TypeError("words must be a list of (term, definition) pairs.")
    title = html.escape(meta["title"])
    body = [
        f"<header><h1>Lesson {html.escape(number)}: {title}</h1>",
        f'<p class="meta">{html.escape(meta["level"])} · about {int(meta["teaching"])} '
        f'minutes of teaching and {int(meta["exercises"])} minutes of exercises · '
        "Precision Medicine Workbooks</p>",
        f'<p class="banner">{html.escape(BANNER)}</p></header>',
        "<main>",
        '<section aria-labelledby="learn"><h2 id="learn">What you will learn</h2><ul>',
        *(f"<li>{inline_html(o)}</li>" for o in meta["objectives"]),
        "</ul></section>",
        '<section aria-labelledby="keypoints"><h2 id="keypoints">Key points</h2><ul>',
        *(f"<li>{inline_html(k)}</li>" for k in meta["keypoints"]),
        "</ul></section>",
    ]
    if words:
        body += ['<section aria-labelledby="words"><h2 id="words">New words</h2><dl>']
        for term, definition in words:
            body += [f"<dt>{inline_html(term)}</dt>", f"<dd>{inline_html(definition)}</dd>"]
        body.append("</dl>")
        if more_words:
            body.append(f'<p class="note">{more_words} more word'
                        f'{"s" if more_words != 1 else ""} from this lesson are in the course '
                        "glossary (docs/glossary.md).</p>")
        body.append("</section>")
    if questions:
        body += ['<section aria-labelledby="ask"><h2 id="ask">Questions to ask your doctor '
                 "or pharmacist</h2>",
                 "<p>Questions you might take to an appointment. They help you ask; they are "
                 "not advice about any test, medicine or choice.</p><ul>"]
        for row in questions:
            body.append(f"<li>{html.escape(row['question'])} "
                        f'<span class="source">(Source: {html.escape(row["source"])}.)</span>'
                        "</li>")
        body.append("</ul></section>")
    body += ["</main>",
             "<footer><p>For teaching, not for care: ask a doctor, pharmacist or genetic "
             "counsellor about your own health. Every patient in the lessons is invented.</p>"
             "</footer>"]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>Handout — Lesson {html.escape(number)}: {title}</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def lesson_handout(path: Path, glossary: str,
                   questions: dict[str, list[dict[str, str]]] | None = None) -> str:
    """The handout HTML of the lesson notebook at ``path``, with ``glossary`` (its Markdown).

    ``questions`` defaults to :func:`load_questions`; only :func:`library_lessons` use them.
    """
    import nbformat

    from precisionmed.course import lesson_metadata

    meta = lesson_metadata(path)
    path = Path(path)
    terms = glossary_terms(glossary)
    nb = nbformat.read(str(path), as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "markdown"]
    anchors = lesson_words(cells, terms)
    words = [terms[a] for a in anchors[:MAX_WORDS]]
    asked = None
    if path.stem in library_lessons():
        asked = (questions if questions is not None else load_questions()).get(path.stem)
    return handout_html(path.name[:2], meta, words, asked, max(0, len(anchors) - MAX_WORDS))


def pdf_page_count(data: bytes) -> int:
    """Number of page objects (``/Type /Page``) in a PDF's bytes (Chromium writes them plain)."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"data must be the PDF's bytes, got {type(data).__name__}.")
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


def chromium() -> str | None:
    """Path of the system Chromium, or ``None``."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(html_path: Path, pdf_path: Path, timeout: int = 120) -> Path:
    """Print ``html_path`` to ``pdf_path`` with headless Chromium; return ``pdf_path``.

    Raises
    ------
    ValueError
        If Chromium is not installed or did not write a PDF.
    """
    if not isinstance(html_path, Path) or not isinstance(pdf_path, Path):
        raise TypeError("html_path and pdf_path must be pathlib.Path objects.")
    html_path = existing_file(html_path, "handout HTML")
    browser = chromium()
    if browser is None:
        raise ValueError("Printing a handout needs Chromium (Debian's 'chromium'); "
                         "the HTML handouts print from any browser too.")
    pdf_path = Path(pdf_path)
    profile = tempfile.mkdtemp(prefix="workbook-handout-")
    try:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf_path.resolve()}",
             html_path.resolve().as_uri()],
            check=False, capture_output=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not pdf_path.is_file() or not pdf_path.read_bytes().startswith(b"%PDF"):
        raise ValueError(f"Chromium did not print {html_path.name} to a PDF.")
    return pdf_path


def build_handouts(out_dir: Path, root: Path | None = None, pdf: bool = True) -> list[Path]:
    """Write every lesson's handout as ``NN-*.html`` (and ``NN-*.pdf`` if Chromium is here).

    Writes into the folder ``out_dir`` (a :class:`pathlib.Path`; the command line uses
    ``build/handouts``) and returns the files written. ``pdf=False`` writes HTML only.
    """
    from precisionmed.course import lesson_paths, project_root

    if not isinstance(out_dir, Path):
        raise TypeError(f"out_dir must be a pathlib.Path folder, got {type(out_dir).__name__}.")
    if not isinstance(pdf, bool):
        raise TypeError(f"pdf must be True or False, got {pdf!r:.40}.")
    base = Path(root) if root is not None else project_root()
    out = out_dir
    out.mkdir(parents=True, exist_ok=True)
    glossary = (base / "docs" / "glossary.md").read_text(encoding="utf-8")
    questions = load_questions()
    printer = pdf and chromium() is not None
    written = []
    for path in lesson_paths(base):
        page = out / f"{path.stem}.html"
        page.write_text(lesson_handout(path, glossary, questions), encoding="utf-8")
        written.append(page)
        if printer:
            written.append(print_pdf(page, out / f"{path.stem}.pdf"))
    if pdf and not printer:
        print("No Chromium here: wrote the HTML handouts only (print them from a browser).")
    return written
