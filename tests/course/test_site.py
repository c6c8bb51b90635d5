"""The course website (``precisionmed.site``): Sphinx + myst-nb + sphinx-book-theme, offline.

Without Sphinx: link rewriting, the glossary anchors, the public part of the instructor guide
and a lesson page's notebook. The build (``slow``): ``python -m precisionmed.course build --to
site`` runs warning-free; every lesson has a page; no solution, answer key or instructor note
is published; every internal link and anchor resolves; images have alt text; ``lang`` is set
and headings are in order. In headless Chromium (``browser``): the home page, lesson 00 and
the glossary, served on 127.0.0.1; navigation by next/previous, sidebar and glossary links;
no request leaves 127.0.0.1; axe-core finds no serious or critical violation.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
import urllib.parse
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from precisionmed import course, site

pytest.importorskip("sphinx")
pytest.importorskip("myst_nb")
pytest.importorskip("sphinx_book_theme")

ROOT = Path(__file__).resolve().parents[2]
LESSONS = course.lesson_paths()
SHOTS = ROOT / "tests" / "screenshots" / "site"


class _Page(HTMLParser):
    """Tags (with attributes), ids, headings and visible text of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _article(path: Path) -> _Page:
    """The page's own content (the theme's ``<article>``), without the navigation."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', text, re.S)
    assert match, f"{path.name}: no article"
    page = _Page()
    page.feed(match.group(1))
    return page


# ------------------------------------------------------------------------ without Sphinx
def test_site_link_sends_each_kind_of_link_to_its_page() -> None:
    lesson = "notebooks/03-reading-a-tumours-dna.ipynb"
    assert site.site_link("../docs/glossary.md#vaf", lesson) == "glossary.md#vaf"
    assert site.site_link("glossary.md#vaf", lesson) == "glossary.md#vaf", "the built copies"
    assert site.site_link("04-does-it-work-trials-and-resistance.ipynb", lesson) == \
        "04-does-it-work-trials-and-resistance.ipynb"
    assert site.site_link("../README.md#course-map", lesson) == "index.md#course-map"
    assert site.site_link("../docs/answer-key.md", lesson) is None, "instructor-only: text"
    assert site.site_link("answer-key.md", "docs/instructor-guide.md") is None
    assert site.site_link("../../docs/sizing-guide.md", "deploy/jupyterhub/README.md") == \
        "sizing-guide.md"
    assert site.site_link("https://z2jh.jupyter.org", "README.md") == "https://z2jh.jupyter.org"
    assert site.site_link("#key-points", lesson) == "#key-points"
    assert site.site_link("../deploy/jupyterhub/config.yaml", "docs/sizing-guide.md") == \
        f"https://github.com/{course.REPOSITORY}/blob/HEAD/deploy/jupyterhub/config.yaml"
    assert site.site_link("../README.md#two-commands", lesson).startswith("https://github.com/")
    with pytest.raises(ValueError, match="leaves the project"):
        site.site_link("../../x.md", "docs/a.md")
    with pytest.raises(TypeError, match="non-empty string"):
        site.site_link("", "docs/a.md")


def test_rewrite_links_keeps_text_of_instructor_links() -> None:
    text = ("See [VAF](../docs/glossary.md#vaf), the [answer key](../docs/answer-key.md) and "
            "[next](01-same-drug-different-bodies.ipynb).")
    assert site.rewrite_links(text, "notebooks/00-start-here.ipynb") == (
        "See [VAF](glossary.md#vaf), the answer key and "
        "[next](01-same-drug-different-bodies.ipynb).")


def test_glossary_page_keeps_every_anchor_as_a_heading_slug() -> None:
    text = ('<a id="vaf"></a>\n## VAF\nShare of reads.\n\n'
            '<a id="acmgamp-classification"></a>\n## ACMG/AMP classification\nRules.\n\n'
            '<a id="odd"></a>\n## Something else\nText.\n')
    out = site.glossary_page(text)
    assert "<a id=" not in out
    assert out.startswith("## VAF"), "MyST's slug for 'VAF' is the anchor: the line goes"
    assert "(odd)=\n## Something else" in out, "a different slug becomes a MyST target"


def test_public_instructor_guide_leaves_out_the_answers() -> None:
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    assert site.ANSWER_PATTERN.search(guide), "the guide quotes answers: the test means it"
    page, schedules = site.public_instructor_guide(guide)
    assert not site.ANSWER_PATTERN.search(page)
    assert "## Teaching each lesson" not in page and "Where learners get stuck" not in page
    assert "## Sensitive topics" in page and "## Room checklist" in page
    assert "[schedules](schedules.md)" in page and "per-lesson notes" in page
    assert schedules.startswith("# Schedules") and "**Half day**" in schedules
    assert "| 1 | 09:00 | 00 " in schedules
    with pytest.raises(ValueError, match="quote an answer"):
        site.public_instructor_guide("# Guide\n## Schedules\nx\n## Tips\n"
                                     "- Exercise 1 (`start-1`): **14%**\n")


def test_lesson_page_has_no_solution_and_keeps_the_stored_outputs() -> None:
    path = ROOT / "notebooks" / "00-start-here.ipynb"
    source = nbformat.read(str(path), as_version=4)
    page = site.lesson_notebook(source, path.name)
    tags = [t for c in page.cells for t in c.metadata.get("tags", [])]
    assert course.SOLUTION_TAG not in tags and course.INSTRUCTOR_TAG not in tags
    assert "site-links" in page.cells[1].metadata["tags"]
    assert course.binder_url("notebooks/00-start-here.ipynb") in page.cells[1].source
    assert "{download}`" in page.cells[1].source
    kept = {c.id for c in page.cells}
    solution_ids = {c.id for c in source.cells if course.SOLUTION_TAG in c.metadata.get("tags", [])}
    assert solution_ids and not kept & solution_ids
    outputs = json.dumps([c.get("outputs", []) for c in page.cells])
    assert "Correct!" not in outputs, "a solution's feedback would give the answer away"
    figures = [o["data"]["text/html"] for c in page.cells for o in c.get("outputs", [])
               if "<figure" in o.get("data", {}).get("text/html", "")]
    assert figures and all(re.search(r'<img [^>]*alt="[^"]{10,}"', f) for f in figures), \
        "figures keep their alt text"
    assert site.WIDGET_MIME not in outputs and "Interactive in Binder or JupyterLab" in outputs
    for cell in page.cells:
        if cell.cell_type == "markdown":
            assert "../docs/" not in cell.source and "../README.md" not in cell.source
    assert page.cells[-1].source.startswith("***\n"), "not front matter: the nav cell shows"
    assert "index.md#course-map" in page.cells[-1].source
    assert source.cells[0].source == page.cells[0].source, "the lesson itself is unchanged"


def test_widget_note_names_the_kind_of_panel_and_links_binder() -> None:
    note = site.widget_note('quiz("start-mc2")', "https://example.org/x?a=1&b=2")
    assert "clickable question" in note and 'href="https://example.org/x?a=1&amp;b=2"' in note
    assert "interactive panel" in site.widget_note("explorer = response_explorer()", "u")


def test_bad_input_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="pathlib.Path"):
        site.build_site("build/site")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pathlib.Path"):
        site.write_source("build/site-source")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="file name"):
        site.lesson_notebook(nbformat.v4.new_notebook(), "lesson.md")
    with pytest.raises(ValueError, match="no '## Schedules'"):
        site.public_instructor_guide("# Guide\n## Tips\nx\n")


def test_every_doc_is_published_except_the_answer_key() -> None:
    pages = site.doc_pages(ROOT)
    assert "answer-key" not in pages
    for name in ("glossary", "learner-setup", "instructor-guide", "app-mode", "handouts",
                 "website", "sizing-guide", "deploy-upgrade", "deploy-jupyterhub"):
        assert name in pages, f"{name} is not a page of the site"


def test_run_py_site_builds_into_build_site(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    import run

    calls: list[list[str]] = []
    monkeypatch.setattr(run.subprocess, "call", lambda command, env=None: calls.append(command)
                        or 0)
    assert run.site(Path("py"), {}) == 0
    assert calls == [["py", "-m", "precisionmed.course", "build", "--to", "site", "--out",
                      str(run.ROOT / "build" / "site")]]
    assert run.SITE_COPY == site.SITE_COPY


# ------------------------------------------------------------------------------ the build
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    assert course.main(["build", "--to", "site", "--out", str(out)]) == 0
    return out


def test_site_builds_warning_free_with_a_page_per_lesson(
        built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = json.loads((built / "build-info.json").read_text(encoding="utf-8"))
    assert "WARNING" not in info["log"] and "ERROR" not in info["log"]
    assert (built.with_name("site-source") / "conf.py").is_file(), "source beside the site"
    assert sorted(p.name for p in built.parent.iterdir()) == ["site", "site-source"], \
        "nothing else is written beside them (myst-nb's jupyter_execute/ stays in the source)"
    assert not (built / ".doctrees").exists()
    for path in LESSONS:
        assert (built / f"{path.stem}.html").is_file(), f"no page for {path.stem}"
    for name in ("index", "schedules", "glossary", "learner-setup", "instructor-guide",
                 "app-mode", "handouts", "website", "deploy-jupyterhub"):
        assert (built / f"{name}.html").is_file(), f"no {name} page"
    assert not (built / "answer-key.html").exists()
    home = " ".join(" ".join(_article(built / "index.html").text).split())
    index_html = (built / "index.html").read_text(encoding="utf-8")
    for path in LESSONS:
        meta = course.lesson_metadata(path)
        assert f"{path.name[:2]} · {meta['title']}" in home
        assert f"{meta['level']} · {meta['teaching']} + {meta['exercises']} minutes" in home
        assert f'href="{path.stem}.html"' in index_html
        binder = course.binder_url(f"notebooks/{path.name}").replace("&", "&amp;")
        assert binder in index_html
        lesson_html = (built / f"{path.stem}.html").read_text(encoding="utf-8")
        assert binder in lesson_html and "Launch this lesson on Binder" in lesson_html
        assert re.search(rf'href="_downloads/[0-9a-f]+/{re.escape(path.name)}"', lesson_html)
    schedules = " ".join(_article(built / "schedules.html").text)
    assert "Half day" in schedules and "Full day" in schedules
    with capsys.disabled():
        print(f"\n[site] {info['pages']} pages built in {info['seconds']:.1f} s "
              "(warnings as errors)")


def test_site_publishes_no_answers(built: Path) -> None:
    solution_lines = set()
    for path in LESSONS:
        nb = nbformat.read(str(path), as_version=4)
        other = "\n".join(c.source for c in nb.cells
                          if course.SOLUTION_TAG not in c.metadata.get("tags", []))
        for cell in nb.cells:
            if course.SOLUTION_TAG in cell.metadata.get("tags", []):
                solution_lines |= {line.strip() for line in cell.source.splitlines()
                                   if len(line.strip()) > 30 and line.strip() not in other}
    assert len(solution_lines) > 20
    for page in built.rglob("*.html"):
        text = " ".join(_parse(page).text)
        assert not site.ANSWER_PATTERN.search(text), page.name
        if page.stem[:2].isdigit():  # a lesson (the guides may describe the boxes)
            assert "Show the worked solution" not in text, page.name
            assert "Instructor note" not in text, page.name
            assert "Correct!" not in text, f"{page.name} shows a solution's feedback"
            leaked = [line for line in solution_lines if line in text]
            assert not leaked, f"{page.name} shows solution code: {leaked[:2]}"
    for download in built.rglob("_downloads/*/*.ipynb"):
        nb = nbformat.read(str(download), as_version=4)
        hidden = {course.SOLUTION_TAG, course.INSTRUCTOR_TAG}
        assert not [c for c in nb.cells if hidden & set(c.metadata.get("tags", []))]


def test_every_internal_link_and_glossary_anchor_resolves(built: Path) -> None:
    pages = {p.relative_to(built).as_posix(): _parse(p) for p in built.glob("*.html")}
    glossary_ids = pages["glossary.html"].ids
    anchors = re.findall(r'<a id="([^"]+)"></a>',
                         (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8"))
    assert len(anchors) > 100
    missing = [a for a in anchors if a not in glossary_ids]
    assert not missing, f"glossary terms without their anchor on the site: {missing[:5]}"
    problems, glossary_links = [], 0
    for name, page in pages.items():
        for tag, attrs in page.tags:
            href = attrs.get("href") if tag == "a" else None
            if not href or re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, fragment = urllib.parse.unquote(href).partition("#")
            target = target or name
            if not (built / target).exists():
                problems.append(f"{name}: {href} (no such file)")
            elif fragment and target.endswith(".html") and target in pages \
                    and fragment not in pages[target].ids:
                problems.append(f"{name}: {href} (no such anchor)")
            glossary_links += target == "glossary.html" and bool(fragment)
    assert not problems, "\n".join(problems[:20])
    assert glossary_links > 100, "the lessons' glossary links reach the glossary's terms"


def test_site_pages_are_accessible(built: Path) -> None:
    for page in sorted(built.glob("*.html")):
        parsed = _parse(page)
        html_tag = next(attrs for tag, attrs in parsed.tags if tag == "html")
        assert html_tag.get("lang") == "en", page.name
        for tag, attrs in parsed.tags:
            if tag == "img":
                assert (attrs.get("alt") or "").strip(), f"{page.name}: an image without alt"
        if page.name == "search.html":
            continue
        levels = _article(page).headings
        assert levels.count(1) == 1, f"{page.name}: one h1"
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not jumps, f"{page.name}: headings skip a level {jumps[:3]}"
    lesson = _parse(built / "00-start-here.html")
    figures = [attrs for tag, attrs in lesson.tags if tag == "img"]
    assert len(figures) >= 2, "lesson 00's stored figures are on its page"


# ------------------------------------------------------------------------------ browser
@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _require_browser() -> None:
    import browserlab as bl

    if bl.chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run should install it")
        pytest.skip("no Chromium here (install Debian's 'chromium' to run browser tests)")
    pytest.importorskip("playwright")
    pytest.importorskip("axe_playwright_python")


@pytest.mark.browser
def test_site_in_a_browser(served: str, capsys: pytest.CaptureFixture[str]) -> None:
    _require_browser()
    import browserlab as bl

    SHOTS.mkdir(parents=True, exist_ok=True)
    first = LESSONS[0].stem
    problems: list[str] = []
    report = []
    with bl.browser(width=1280, height=900) as context:
        page = context.new_page()  # type: ignore[attr-defined]
        console = bl.Console()
        console.attach(page)
        outside: list[str] = []

        def on_request(request) -> None:
            url = request.url
            if not (url.startswith(served) or url.startswith(("data:", "about:", "blob:"))):
                outside.append(url[:120])

        page.on("request", on_request)
        missing: list[str] = []
        page.on("response", lambda r: missing.append(f"{r.status} {r.url[:120]}")
                if r.status >= 400 else None)

        def visit(name: str, width: int = 1280) -> None:
            page.goto(f"{served}/{name}.html")
            page.wait_for_load_state("load")  # (the theme keeps "networkidle" from coming)
            page.wait_for_timeout(300)
            images = page.evaluate("""() => [...document.images].map(i => ({
                alt: (i.getAttribute('alt') || '').trim(), ok: i.complete && i.naturalWidth > 0,
                src: i.src.slice(0, 60)}))""")
            for image in images:
                if not image["alt"]:
                    problems.append(f"{name}: image without alt text {image['src']}")
                if not image["ok"]:
                    problems.append(f"{name}: image did not load {image['src']}")
            # axe-core re-fetches the style sheets to check them and resolves the theme's
            # ``@import "../basic.css"`` against the page, not the sheet: a 404 for
            # /basic.css that no visitor's browser asks for. What axe fetches is left out.
            seen = (len(missing), len(console.errors))
            violations = bl.axe_page_violations(page)
            page.wait_for_timeout(300)
            del missing[seen[0]:], console.errors[seen[1]:]
            problems.extend(f"{name}: axe {v['id']} ({v['impact']}): {v['help']} — "
                            f"{v['nodes'][0]}" for v in violations)
            report.append(f"{name} at {width} px: {len(images)} images, axe "
                          f"serious/critical {len(violations)}")
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))

        def arrived(name: str, action: str) -> None:
            try:  # the click starts a navigation: wait until it reaches a page
                page.wait_for_url(re.compile(rf"/{re.escape(name)}\.html(#.*)?$"),
                                  timeout=15_000)
            except Exception:  # noqa: BLE001 - reported below with where it went instead
                pass
            page.wait_for_load_state("load")
            path = urllib.parse.urlparse(page.url).path
            if not path.endswith(f"/{name}.html"):
                problems.append(f"{action} went to {page.url}, not {name}.html")

        visit("index")
        page.click("a.right-next")
        arrived(first, "home page's 'next' link")
        visit(first)
        figures = page.locator("article figure img").count()
        if figures < 2:
            problems.append(f"{first}: {figures} figures on the page")
        if page.locator(".pm-interactive").count() < 1:
            problems.append(f"{first}: no note where the interactive panels are")
        page.click("a.left-prev")
        arrived("index", f"{first}'s 'previous' link")
        page.click("nav.bd-links a:text-is('Glossary')")
        arrived("glossary", "the sidebar's Glossary link")
        visit("glossary")
        page.goto(f"{served}/{first}.html")
        link = page.locator("article a[href^='glossary.html#']").first
        term = link.get_attribute("href").split("#", 1)[1]
        link.click()
        arrived("glossary", "a glossary link in the lesson")
        if page.locator(f"[id='{term}']").count() != 1:
            problems.append(f"glossary link to #{term} has no target")
        elif not page.evaluate(f"""() => {{ const r = document.getElementById('{term}')
                .getBoundingClientRect(); return r.top >= -5 && r.top < innerHeight; }}"""):
            problems.append(f"the glossary link did not scroll to #{term}")
        page.goto(f"{served}/{first}.html")
        page.click("article a[href='index.html#course-map']")
        arrived("index", "the lesson's 'Course map' link")
        page.set_viewport_size({"width": 800, "height": 900})  # a projector zoomed to 150 %
        for name in ("index", first, "glossary"):
            visit(name, width=800)
        problems += [f"missing file: {m}" for m in dict.fromkeys(missing)]
        problems += [f"console: {m[:160]}" for m in console.errors]
        problems += [f"request left 127.0.0.1: {u}" for u in dict.fromkeys(outside)]
        page.close()
    with capsys.disabled():
        print("\n[site browser] " + "; ".join(report))
    assert not problems, "\n  ".join(["the site in Chromium:", *problems])
