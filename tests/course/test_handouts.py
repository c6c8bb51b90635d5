"""Printable handouts (``precisionmed.handouts``): one or two pages per lesson.

The HTML is checked without a browser (key points, objectives, glossary words, questions for
the library lessons, accessibility of the page, a two-page text budget). The browser-marked
test runs ``python -m precisionmed.course build --to handouts`` with headless Chromium and
checks every PDF (exists, starts with ``%PDF``, 1-2 pages) and the HTML it came from.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from precisionmed import course, handouts

ROOT = Path(__file__).resolve().parents[2]
LESSONS = course.lesson_paths()
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
#: Visible characters that fit on two printed A4 pages at 11.5 pt with these lists: a
#: 4,800-character handout (lesson 09 with ten words) filled two pages to the last line;
#: lesson 00's 2,900 characters take about 1.3 pages.
TWO_PAGE_TEXT_BUDGET = 4700
LIBRARY = ("00-start-here", "08-who-is-in-the-data", "09-your-genome-is-not-anonymous")


class _Page(HTMLParser):
    """Visible text, headings and tags of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if any(t in ("style", "title", "head") for t in self._stack):
            return
        self.text.append(data)
        for level in ("h1", "h2", "h3"):
            if level in self._stack and data.strip():
                self.headings.append((level, data.strip()))


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


def _visible(page: str) -> str:
    return " ".join(" ".join(_parse(page).text).split())


def _plain(markdown: str) -> str:
    """A metadata line without its Markdown marks, as a reader sees it."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(?<![\w*])\*([A-Za-z][^*]*?[A-Za-z])\*(?![\w*])", r"\1",
                  text.replace("`", "").replace("**", ""))  # *emphasis*, not star alleles
    return " ".join(text.split())


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.stem: handouts.lesson_handout(p, GLOSSARY) for p in LESSONS}


def test_every_lesson_has_a_handout_with_its_key_points_and_objectives(pages) -> None:
    assert len(pages) == len(LESSONS) >= 10
    for path in LESSONS:
        meta = course.lesson_metadata(path)
        text = _visible(pages[path.stem])
        assert meta["title"] in text
        assert text.count("Teaching material with simulated data — not medical advice.") == 1
        for line in meta["keypoints"] + meta["objectives"]:
            assert _plain(line) in text, f"{path.stem}: {line!r} is not on its handout"


def test_handouts_fit_two_printed_pages(pages) -> None:
    for stem, page in pages.items():
        assert len(_visible(page)) <= TWO_PAGE_TEXT_BUDGET, f"{stem} is longer than two pages"


def test_new_words_come_from_the_glossary_with_their_definitions(pages) -> None:
    text = _visible(pages["00-start-here"])
    # Lesson 00 links precision medicine, gene, DNA, clinical trial and biomarker.
    for term in ("Precision medicine", "Gene", "DNA", "Clinical trial", "Biomarker"):
        assert f" {term} " in f" {text} "
    assert "A stretch of DNA that holds the instructions for making one product" in text
    # Lesson 02 links no glossary term: its words are the terms its text names.
    page02 = _parse(pages["02-dosing-warfarin-with-genes"])
    assert "New words" in " ".join(page02.text)
    words02 = {t for t in page02.text if t in {"Race", "Genotype", "CPIC", "Read"}}
    assert {"Race", "Genotype", "CPIC"} <= words02 and "Read" not in words02
    # Lesson 06 links 25 terms: at most MAX_WORDS are listed, the rest pointed to.
    page06 = _parse(pages["06-cancer-immunotherapy"])
    assert sum(tag == "dt" for tag, _ in page06.tags) == handouts.MAX_WORDS
    assert "more words from this lesson are in the course glossary" in " ".join(page06.text)


def test_library_lessons_carry_sourced_questions_and_the_others_do_not(pages) -> None:
    assert set(LIBRARY) <= set(handouts.library_lessons())
    questions = handouts.load_questions()
    for stem, page in pages.items():
        text = _visible(page)
        if stem in handouts.library_lessons():
            assert "Questions to ask your doctor or pharmacist" in text
            assert "not advice about any test, medicine or choice" in text
            assert len(questions[stem]) >= 3
            for row in questions[stem]:
                assert row["question"] in text and f"(Source: {row['source']}.)" in text
        else:
            assert "Questions to ask your doctor" not in text


def test_questions_file_is_sourced_and_dated() -> None:
    import json

    data = json.loads((ROOT / "helpers" / "precisionmed" / handouts.QUESTIONS_FILE)
                      .read_text(encoding="utf-8"))
    assert data["licence"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["as_of"])
    assert "not for care" in data["description"]
    for stem, rows in data["lessons"].items():
        assert (ROOT / "notebooks" / f"{stem}.ipynb").is_file()
        assert all(r["source"].strip() and r["question"].endswith("?") for r in rows)


def test_handout_page_is_accessible(pages) -> None:
    for stem, page in pages.items():
        parsed = _parse(page)
        html_tag = next(attrs for tag, attrs in parsed.tags if tag == "html")
        assert html_tag.get("lang") == "en"
        levels = [level for level, _ in parsed.headings]
        assert levels[0] == "h1" and levels.count("h1") == 1, stem
        assert {"What you will learn", "Key points"} <= {t for _, t in parsed.headings}
        assert "<title>" in page
    css = handouts.CSS
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert sizes and min(sizes) >= 11
    assert not re.search(r"font-size:\s*[\d.]+(px|em|rem|%)", css)
    for colour in set(re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", css)):
        ratio = (1.05) / (_luminance(colour) + 0.05)  # on the white page
        assert ratio >= 4.5, f"{colour} has contrast {ratio:.2f}:1 on white"


def test_html_text_is_escaped_and_markdown_rendered() -> None:
    assert handouts.inline_html("Use `*2` & <b>") == "Use <code>*2</code> &amp; &lt;b&gt;"
    assert handouts.inline_html("a *star* allele") == "a <em>star</em> allele"
    assert handouts.inline_html("see [censoring](../docs/glossary.md#censoring)") == \
        "see censoring"


def test_pdf_page_count_counts_page_objects_not_the_page_tree() -> None:
    fake = (b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >> endobj\n"
            b"2 0 obj << /Type /Page >> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj")
    assert handouts.pdf_page_count(fake) == 2


def test_bad_input_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="pathlib.Path"):
        handouts.build_handouts("build/handouts")
    with pytest.raises(ValueError, match="lacks"):
        handouts.handout_html("00", {"title": "x"}, [])
    with pytest.raises(TypeError, match="bytes"):
        handouts.pdf_page_count("%PDF")
    broken = tmp_path / "q.json"
    broken.write_text('{"licence": "x", "as_of": "2026-01-01", "lessons": {"00": [{}]}}')
    with pytest.raises(ValueError, match="needs 'question' and 'source'"):
        handouts.load_questions(broken)


def test_html_only_build_writes_one_page_per_lesson_outside_the_repo(tmp_path: Path) -> None:
    written = handouts.build_handouts(tmp_path / "handouts", pdf=False)
    assert [p.name for p in written] == [f"{p.stem}.html" for p in LESSONS]


@pytest.mark.browser
def test_every_handout_prints_to_a_one_or_two_page_pdf(tmp_path: Path) -> None:
    if handouts.chromium() is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run should install it")
        pytest.skip("no Chromium here (install Debian's 'chromium' to print handouts)")
    out = tmp_path / "handouts"
    assert course.main(["build", "--to", "handouts", "--out", str(out)]) == 0
    for path in LESSONS:
        pdf = out / f"{path.stem}.pdf"
        assert pdf.is_file(), f"no PDF for {path.stem}"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        assert 1 <= handouts.pdf_page_count(data) <= 2, f"{path.stem}: not 1-2 pages"
        text = _visible((out / f"{path.stem}.html").read_text(encoding="utf-8"))
        for point in course.lesson_metadata(path)["keypoints"]:
            assert _plain(point) in text
