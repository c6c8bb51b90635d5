"""Every glossary link in every lesson lands on its term, wherever a learner opens the lessons.

A link such as ``[censoring](../docs/glossary.md#censoring)`` must open the glossary *at that
term*, not at its top, in each place lessons are opened:

- JupyterLab on the source lessons (``notebooks/``, links to ``../docs/glossary.md``);
- the learner and classroom builds (``python -m precisionmed.course build --to ...``), whose
  lessons link to the generated copy ``notebooks/glossary.md`` beside them;
- the workshop JupyterHub (``deploy/jupyterhub/jupyterhub_config.py``) and the Zero to
  JupyterHub config (``deploy/jupyterhub/config.yaml``), which copy only the built
  ``notebooks/`` folder into each learner's home.

How JupyterLab finds the term (checked in JupyterLab 4.6's code): a link's ``#fragment`` is
looked up as an element whose ``data-jupyter-id`` equals it exactly (with the sanitizer's
default "named properties" off, every ``id`` becomes ``data-jupyter-id``). A heading gets its
text with spaces turned into hyphens, case kept (``Censoring``), so a lower-case link never
matched a heading; each term therefore carries an explicit ``<a id="censoring"></a>`` line,
equal to the GitHub-style anchor, right above its heading.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from precisionmed import course

ROOT = Path(__file__).resolve().parents[2]
LESSONS = course.lesson_paths()
GLOSSARY = ROOT / "docs" / "glossary.md"
#: A Markdown link to a glossary file with a fragment: (path, fragment).
LINK = re.compile(r"\]\(([^)\s#]*glossary\.md)#([^)\s]+)\)")
ANCHOR = re.compile(r'^<a id="([^"]+)"></a>$', re.M)


def github_slug(heading: str) -> str:
    """GitHub-style anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def lab_targets(markdown: str) -> set[str]:
    """The fragments JupyterLab's Markdown preview can scroll to in ``markdown``.

    Explicit ``<a id="...">`` values, plus each heading's text with spaces replaced by
    hyphens (JupyterLab's own heading ids, case kept). A fragment must match one exactly.
    """
    ids = set(ANCHOR.findall(markdown))
    ids |= {h.strip().replace(" ", "-") for h in re.findall(r"^#{1,6} (.+)$", markdown, re.M)}
    return ids


def glossary_links(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """Every (path, fragment) glossary link in a lesson's Markdown cells."""
    return [link for cell in nb.cells if cell.cell_type == "markdown"
            for link in LINK.findall(cell.source)]


def assert_links_land(lesson_dir: Path, within: Path) -> int:
    """Check every glossary link of the lessons in ``lesson_dir``; return how many."""
    checked = 0
    for path in sorted(lesson_dir.glob("[0-9][0-9]-*.ipynb")):
        for target, fragment in glossary_links(nbformat.read(str(path), as_version=4)):
            file = (path.parent / target).resolve()
            assert file.is_file(), f"{path.name}: {target} does not exist here"
            assert within.resolve() in file.parents, f"{path.name}: {target} leaves {within}"
            targets = lab_targets(file.read_text(encoding="utf-8"))
            assert fragment in targets, (
                f"{path.name}: #{fragment} is not a term anchor in {target}; JupyterLab would "
                "open the glossary at its top")
            checked += 1
    return checked


def test_every_term_has_an_explicit_anchor_above_its_heading() -> None:
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    missing = []
    for i, line in enumerate(lines):
        if line.startswith("## "):
            wanted = f'<a id="{github_slug(line[3:])}"></a>'
            if i == 0 or lines[i - 1] != wanted:
                missing.append(f"put {wanted} on the line above '{line}'")
    assert not missing, "\n".join(missing)
    anchors = ANCHOR.findall("\n".join(lines))
    assert len(anchors) == len(set(anchors)), "two terms share an anchor"


def test_the_basics_are_in_the_glossary() -> None:
    terms = set(re.findall(r"^## (.+)$", GLOSSARY.read_text(encoding="utf-8"), re.M))
    for term in ["DNA", "RNA", "Protein", "Allele", "Mutation", "Phenotype", "Chromosome",
                 "p-value", "Nadir", "SNV", "MSS", "PASS", "Mutations per megabase",
                 "Logarithmic scale", "Scientific notation", "Variant name", "TPMT", "DPYD"]:
        assert term in terms, term


def test_lab_targets_follow_jupyterlab_heading_ids() -> None:
    text = '<a id="censoring"></a>\n## Censoring\nx\n## Adjusted Rand index\n'
    assert lab_targets(text) == {"censoring", "Censoring", "Adjusted-Rand-index"}
    assert "adjusted-rand-index" not in lab_targets(text)  # case is kept, so this would miss


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_links_land_on_the_term_in_jupyterlab_on_the_source(path: Path) -> None:
    nb = nbformat.read(str(path), as_version=4)
    for target, _ in glossary_links(nb):
        assert target == course.GLOSSARY_LINK, f"link the glossary as {course.GLOSSARY_LINK}"
    assert_links_land(path.parent, ROOT)


@pytest.mark.parametrize("target", ["learner", "classroom"])
def test_links_land_in_the_builds_and_point_inside_notebooks(target: str,
                                                             tmp_path: Path) -> None:
    course.build(target, tmp_path, progress=False)
    glossary = tmp_path / "notebooks" / course.BUILT_GLOSSARY
    assert glossary.read_bytes() == GLOSSARY.read_bytes(), "the copy is generated, not edited"
    # Only notebooks/ counts: the links must work when that folder is all a learner gets.
    assert assert_links_land(tmp_path / "notebooks", tmp_path / "notebooks") >= 10


def _hub_copy_lessons():
    """``copy_lessons`` from the workshop hub's config, without starting a hub."""
    source = (ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    func = next(node for node in tree.body
                if isinstance(node, ast.FunctionDef) and node.name == "copy_lessons")
    namespace: dict = {"Path": Path, "shutil": shutil}
    exec(compile(ast.Module(body=[func], type_ignores=[]), "jupyterhub_config.py", "exec"),
         namespace)
    return namespace


def test_links_land_on_the_workshop_hub(tmp_path: Path) -> None:
    built = tmp_path / "state" / "lessons"
    course.build("classroom", built, progress=False)  # the hub's default lesson build
    namespace = _hub_copy_lessons()
    namespace["LESSONS"] = built
    namespace["FONT_LIST"] = None  # the hub's matplotlib font list (tested by the class load)
    home = tmp_path / "homes" / "learner1"

    class Spawner:
        home_dir = str(home)

    namespace["copy_lessons"](Spawner())
    assert (home / "notebooks" / course.BUILT_GLOSSARY).is_file()
    assert not (home / "docs").exists()  # the hub copies only notebooks/
    assert assert_links_land(home / "notebooks", home / "notebooks") >= 10
    assert_every_relative_link_lands(home / "notebooks")


def assert_every_relative_link_lands(folder: Path) -> None:
    """Every relative link of the lessons and the course map in ``folder`` opens a file there."""
    pages = [*sorted(folder.glob("[0-9][0-9]-*.ipynb")), folder / course.BUILT_MAP]
    assert pages[-1].is_file(), "the course map page is missing"
    for path in pages:
        if path.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells
                             if c.cell_type == "markdown")
        else:
            text = path.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            file = (folder / target.split("#", 1)[0]).resolve()
            assert file.is_file() and folder.resolve() in file.parents, \
                f"{path.name}: {target} does not open on the hub"
    course_map = pages[-1].read_text(encoding="utf-8")
    assert all(f"]({p.name})" in course_map for p in pages[:-1]), "a lesson is not on the map"


def test_links_land_on_zero_to_jupyterhub(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    if shutil.which("sh") is None:
        pytest.skip("needs a POSIX shell")
    config = yaml.safe_load((ROOT / "deploy" / "jupyterhub" / "config.yaml").read_text())
    command = config["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:2] == ["sh", "-c"]
    script = command[2]
    assert "cd /srv/workbooks" in script and "python -m precisionmed.course" in script
    # Run the hook as the pod would, with the repository in place of the image's copy.
    script = script.replace("cd /srv/workbooks", f"cd '{ROOT}'").replace(
        "python -m", f"'{sys.executable}' -m")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)}
    subprocess.run(["sh", "-c", script], check=True, env=env, timeout=120)
    assert assert_links_land(home / "notebooks", home / "notebooks") >= 10


def test_built_glossary_links_rewrites_only_glossary_links() -> None:
    text = ("[gene](../docs/glossary.md#gene), [map](../README.md#course-map), "
            "[glossary](../docs/glossary.md).")
    assert course.built_glossary_links(text) == (
        "[gene](glossary.md#gene), [map](course-map.md), [glossary](glossary.md).")
    with pytest.raises(TypeError, match="markdown"):
        course.built_glossary_links(None)  # type: ignore[arg-type]


def _click_lands(lab: dict[str, str], notebook: str, fragment: str, term: str) -> None:
    """Open ``notebook`` in JupyterLab, click its link to ``#fragment``, and check that the
    glossary opens scrolled to ``term`` (its heading in the top half of the window)."""
    import browserlab as bl

    with bl.browser(1280, 900) as context:
        page = context.new_page()
        page.goto(f"{lab['base']}/lab/workspaces/glossary/tree/{notebook}"
                  f"?reset&token={lab['token']}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        bl._accept_kernel_dialog(page)
        # JupyterLab rewrites the href (…/files/…/glossary.md?_xsrf=…#term) and opens it itself.
        link = page.locator(f'.jp-RenderedMarkdown a[href*="glossary.md"][href$="#{fragment}"]'
                            ).first
        link.scroll_into_view_if_needed(timeout=30_000)
        link.click()
        page.wait_for_function(
            """([id, term]) => {
                 const anchor = document.querySelector(`[data-jupyter-id="${id}"]`);
                 if (!anchor) return false;
                 const heading = [...document.querySelectorAll('h2')]
                   .find(h => h.textContent.replace('¶', '').trim() === term);
                 if (!heading) return false;
                 const top = heading.getBoundingClientRect().top;
                 return top > 0 && top < window.innerHeight / 2;
               }""", arg=[fragment, term], timeout=30_000)


def test_clicking_a_glossary_link_in_jupyterlab_scrolls_to_the_term(tmp_path: Path) -> None:
    import browserlab as bl

    if bl.chromium() is None:
        pytest.skip("no Chromium here (install Debian's 'chromium' to run browser tests)")
    pytest.importorskip("playwright")
    # The source layout (notebooks/ beside docs/) ...
    with bl.jupyterlab({"notebooks": ROOT / "notebooks", "docs": ROOT / "docs"}) as lab:
        _click_lands(lab, "notebooks/00-start-here.ipynb", "precision-medicine",
                     "Precision medicine")
    # ... and the hub's layout: only the built notebooks/ folder.
    course.build("classroom", tmp_path / "built", progress=False)
    with bl.jupyterlab({"notebooks": tmp_path / "built" / "notebooks"}) as lab:
        _click_lands(lab, "notebooks/00-start-here.ipynb", "precision-medicine",
                     "Precision medicine")
