"""JupyterLab in headless Chromium, driven the way a learner uses a lesson.

Shared by the browser test (``tests/course/test_browser.py``) and the browser round-trip
benchmark (``benchmarks/browser_roundtrip.py``). Nothing here asserts: the functions start
servers, run lessons, find panels, move controls and *measure what is on screen* (pixels of
every figure, text, error views, console messages, clipped elements, axe-core violations); the
callers decide.

Needs Debian's ``chromium`` and Python ``playwright`` (a test tool's own browser download does
not work everywhere, so the system browser is used).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from servers import free_port, stop_process_group

ROOT = Path(__file__).resolve().parents[1]
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"]
#: What ipywidgets shows instead of a widget whose view failed (8.x and 7.x wording).
ERROR_VIEW_TEXTS = ("Click to show javascript error", "Error displaying widget")
ERROR_VIEW_SELECTOR = ".jupyter-widgets-error-widget"


def chromium() -> str | None:
    """Path of the system Chromium, or ``None``."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser(*modules: str) -> None:
    """Skip the calling test unless Chromium, Playwright, axe-core and ``modules`` are there.

    Without a Chromium the test is skipped, except in CI (``CI`` set), where that is a failure.
    ``modules`` are further Python modules the test needs (the app test adds ``"voila"``).
    """
    import pytest

    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run should install it")
        pytest.skip("no Chromium here (install Debian's 'chromium' to run browser tests)")
    for module in ("playwright", "axe_playwright_python", *modules):
        pytest.importorskip(module)


@contextmanager
def jupyterlab(folders: dict[str, Path]) -> Iterator[dict[str, str]]:
    """JupyterLab on 127.0.0.1 (free port, token) serving a temporary folder.

    ``folders`` maps a name inside the served folder to a source folder that is copied there
    (e.g. ``{"notebooks": ROOT / "notebooks", "docs": ROOT / "docs"}``), so a lesson run never
    writes into the repository.
    """
    work = Path(tempfile.mkdtemp(prefix="workbook-lab-"))
    for name, source in folders.items():
        shutil.copytree(source, work / name)
    settings = work / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port, token = free_port(), "browser-test-token"
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(JUPYTERLAB_SETTINGS_DIR=str(work / "lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"))
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}", "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(work / "lab.log", "wb")  # noqa: SIM115 - closed in the finally block
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("JupyterLab did not start: "
                               + (work / "lab.log").read_text()[-2000:])
        urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=30).read()
        yield {"base": base, "token": token, "work": str(work)}
    finally:
        stop_process_group(process)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def browser(width: int = 1280, height: int = 900) -> Iterator[object]:
    """A Playwright browser context on the system Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="workbook-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium(), headless=True, args=CHROME_ARGS,
            viewport={"width": width, "height": height})
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def shut_down_sessions(lab: dict[str, str]) -> None:
    """Stop every kernel, so the next lesson starts on a quiet server."""
    base, token = lab["base"], lab["token"]
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as response:
        sessions = json.loads(response.read())
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()


@dataclass
class Console:
    """Browser console messages and page errors seen while a lesson ran."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        """Record ``page``'s console errors and warnings and uncaught exceptions."""
        def on_message(message) -> None:
            if message.type == "error":
                self.errors.append(message.text)
            elif message.type == "warning":
                self.warnings.append(message.text)

        page.on("console", on_message)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def widget_problems(self) -> list[str]:
        """Errors of any kind, and warnings that come from the widget manager or a view.

        JupyterLab's own timing notes ("Plugin '…:widget' took 6801ms to activate", printed
        on a busy machine) are not problems a learner sees and are left out.
        """
        keys = ("jupyter-widgets", "ipywidgets", "widget manager", "view for model",
                "Error setting state", "Click to show", "anywidget", "comm")
        def slow_start(message: str) -> bool:
            return "took" in message and "to activate" in message
        errors = [m for m in self.errors if not slow_start(m)]
        warnings = [m for m in self.warnings
                    if any(k in m for k in keys) and not slow_start(m)]
        return errors + warnings


def _accept_kernel_dialog(page) -> None:
    try:
        page.wait_for_selector(".jp-Dialog", timeout=3_000)
    except Exception:  # noqa: BLE001 - no dialog is the normal case
        return
    if "Select Kernel" in page.inner_text(".jp-Dialog"):
        page.click(".jp-Dialog .jp-mod-accept")


def wait_idle(page, timeout_s: float) -> None:
    """Wait until no code cell is queued or running and the kernel is idle."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        busy = page.evaluate("""() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const running = prompts.some(p => p.textContent.includes('*'));
            const unrun = prompts.some(p => p.textContent.trim() === '[ ]:');
            const ind = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const status = ind ? ind.getAttribute('data-status') : 'idle';
            // Run All stops at an error: the cells after it stay unrun.
            const failed = document.querySelector(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
            if (failed && !running && status === 'idle') return false;
            return running || unrun || status !== 'idle';
        }""")
        if not busy:
            return
        time.sleep(0.25)
    raise AssertionError(f"the lesson did not finish within {timeout_s:.0f} s")


def open_notebook(page, lab: dict[str, str], notebook: str, workspace: str) -> None:
    """Open ``notebook`` (a path inside the served folder) in a fresh workspace; wait until
    its kernel is idle. Nothing is run."""
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/{notebook}"
              f"?reset&token={lab['token']}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    _accept_kernel_dialog(page)
    page.wait_for_function(
        "() => { const s = document.querySelector('.jp-Notebook-ExecutionIndicator');"
        " const k = document.querySelector('.jp-KernelName, .jp-Toolbar-kernelName');"
        " return s && s.getAttribute('data-status') === 'idle'"
        " && (!k || !k.textContent.includes('No Kernel')); }", timeout=60_000)


def run_all(page) -> float:
    """Run All in the open notebook (no restart), as a learner does from the Run menu.

    Returns the seconds from the click until the kernel is idle and no widget is still
    loading.
    """
    started = time.perf_counter()
    page.click("div.lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li[data-command='runmenu:run-all']")
    time.sleep(0.5)
    wait_idle(page, timeout_s=120)
    page.wait_for_function(
        "() => !document.body.innerText.includes('Loading widget')", timeout=30_000)
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-OutputArea img')]
        .every(img => img.complete)""", timeout=30_000)
    return time.perf_counter() - started


def open_and_run_all(page, lab: dict[str, str], notebook: str, workspace: str) -> float:
    """Open ``notebook`` in a fresh workspace and Run All; returns :func:`run_all`'s seconds."""
    open_notebook(page, lab, notebook, workspace)
    return run_all(page)


def outputs_saying(page, pattern: str) -> list[str]:
    """The text (up to 160 characters around the match) of every output that matches the
    JavaScript regular expression ``pattern``, whether or not JupyterLab has laid it out
    (cells far off screen are not)."""
    return list(page.evaluate("""(pattern) => [...document.querySelectorAll(
        '.jp-OutputArea-output')].map(e => e.textContent).filter(t => new RegExp(pattern)
        .test(t)).map(t => { const i = t.search(new RegExp(pattern));
        return t.slice(Math.max(0, i - 80), i + 80).replace(/\\s+/g, ' '); })""", pattern))


def trust(path: Path) -> None:
    """Sign the notebook at ``path`` for this user, as Jupyter does for a notebook its user
    has run: JupyterLab then shows its stored HTML outputs unsanitised."""
    import nbformat
    from nbformat.sign import NotebookNotary

    NotebookNotary().sign(nbformat.read(str(path), as_version=4))


def error_views(page) -> list[str]:
    """Text of every ipywidgets error view on the page (empty when every view rendered)."""
    return page.evaluate("""([selector, texts]) => {
        const found = [...document.querySelectorAll(selector)].map(e => e.textContent.trim());
        const body = document.querySelector('.jp-Notebook');
        const all = body ? body.innerText : '';
        for (const t of texts) if (all.includes(t)) found.push(t);
        return found;
    }""", [ERROR_VIEW_SELECTOR, list(ERROR_VIEW_TEXTS)])


MARK_PANELS = """() => {
    const all = [...document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')];
    const top = all.filter(el => !el.parentElement.closest('.jupyter-widgets'));
    top.forEach((el, i) => el.setAttribute('data-test-panel', String(i)));
    return top.length;
}"""

#: Pixels of every figure in a panel: size, share of non-white pixels and a hash of the
#: pixels (read back through a canvas, so what was decoded on screen is what is compared).
FIGURE_PIXELS = """(selector) => {
    const box = document.querySelector(selector);
    if (!box) return [];
    const out = [];
    for (const el of box.querySelectorAll('img, canvas')) {
        let w, h, data;
        if (el.tagName === 'IMG') {
            if (!el.complete || !el.naturalWidth) { out.push({w: 0, h: 0, ink: 0, hash: 'none',
                                                              shown: 0}); continue; }
            w = el.naturalWidth; h = el.naturalHeight;
            const c = document.createElement('canvas'); c.width = w; c.height = h;
            const ctx = c.getContext('2d'); ctx.drawImage(el, 0, 0);
            data = ctx.getImageData(0, 0, w, h).data;
        } else {
            w = el.width; h = el.height;
            data = el.getContext('2d').getImageData(0, 0, w, h).data;
        }
        let ink = 0, hash = 2166136261;
        for (let k = 0; k < data.length; k += 4) {
            const r = data[k], g = data[k + 1], b = data[k + 2];
            if (r < 235 || g < 235 || b < 235) ink++;
            hash = Math.imul(hash ^ (r + 7 * g + 13 * b + k), 16777619) >>> 0;
        }
        const rect = el.getBoundingClientRect();
        out.push({w, h, ink: ink / (w * h), hash: String(hash),
                  shown: rect.width * rect.height, alt: el.getAttribute('alt') || ''});
    }
    return out;
}"""

PANEL_TEXT = """(i) => {
    const box = document.querySelector(`[data-test-panel="${i}"]`);
    if (!box) return '';
    const sel = '.widget-html-content, .widget-readout, .widget-label, .pm-slider-readout';
    return [...box.querySelectorAll(sel)].map(x => x.textContent).join('|');
}"""

#: Every control a learner can move in a panel, in page order: (kind, index within kind).
LIST_CONTROLS = """(i) => {
    const box = document.querySelector(`[data-test-panel="${i}"]`);
    const kinds = [['range', '.pm-slider input[type=range]'],
                   ['slider', '.widget-slider .noUi-handle'],
                   ['dropdown', '.widget-dropdown select'],
                   ['radio', '.widget-radio-box'], ['checkbox', '.widget-checkbox input'],
                   ['toggle', '.widget-toggle-button'], ['text', '.widget-text input[type=text]'],
                   ['number', '.widget-text input[type=number]'],
                   ['button', '.widget-button:not(.widget-toggle-button)']];
    const found = [];
    for (const [kind, sel] of kinds) {
        [...box.querySelectorAll(sel)].forEach((el, n) => {
            const holder = el.closest('.pm-slider, .widget-inline-hbox, .widget-radio,'
                                      + ' .widget-checkbox, .widget-text, .widget-button') || el;
            const label = holder.querySelector('.pm-slider-label, .widget-label');
            const own = (label ? label.textContent : el.textContent || '')
                .replace(/\u200b/g, '').trim();
            found.push({kind, n, label: own || holder.textContent.replace(/\u200b/g, '').trim(),
                        disabled: !!(el.disabled || el.getAttribute('aria-disabled') === 'true'
                                     || el.closest('.mod-disabled'))});
        });
    }
    return found;
}"""


@dataclass
class Control:
    """One control of a panel as found on the page."""

    kind: str
    n: int
    label: str
    disabled: bool


def mark_panels(page) -> int:
    """Number every top-level widget output (``data-test-panel``); return how many."""
    return int(page.evaluate(MARK_PANELS))


def figures(page, panel: int) -> list[dict]:
    """Pixels of every figure (``<img>``/``<canvas>``) in ``panel``."""
    return list(page.evaluate(FIGURE_PIXELS, f'[data-test-panel="{panel}"]'))


def all_figures(page) -> list[dict]:
    """Pixels of every figure in the lesson's outputs (static figures and panels)."""
    return list(page.evaluate(FIGURE_PIXELS, ".jp-Notebook"))


def panel_text(page, panel: int) -> str:
    """Text a learner reads in ``panel`` (HTML parts, labels, readouts)."""
    return str(page.evaluate(PANEL_TEXT, panel))


def controls(page, panel: int) -> list[Control]:
    """Every control of ``panel``."""
    return [Control(**c) for c in page.evaluate(LIST_CONTROLS, panel)]


_SELECTORS = {"range": ".pm-slider input[type=range]", "slider": ".widget-slider .noUi-handle",
              "dropdown": ".widget-dropdown select",
              "radio": ".widget-radio-box", "checkbox": ".widget-checkbox input",
              "toggle": ".widget-toggle-button", "text": ".widget-text input[type=text]",
              "number": ".widget-text input[type=number]",
              "button": ".widget-button:not(.widget-toggle-button)"}


def move(page, panel: int, control: Control, step: int = 1) -> str:
    """Move ``control`` as a learner would (keyboard on sliders, pick another option, click).

    ``step`` +1 moves a slider right (left when it is at its maximum), -1 left; dropdowns and
    radio buttons go to the next option (the previous one for -1). Returns what was done.
    """
    box = page.locator(f"[data-test-panel='{panel}']")
    element = box.locator(_SELECTORS[control.kind]).nth(control.n)
    element.scroll_into_view_if_needed()
    if control.kind in ("slider", "range"):
        attrs = (("aria-valuenow", "aria-valuemax", "aria-valuemin") if control.kind == "slider"
                 else ("value", "max", "min"))
        if control.kind == "range":
            now, top, low = (element.evaluate(f"e => e.{a}") for a in attrs)
        else:
            now, top, low = (element.get_attribute(a) for a in attrs)
        key = "ArrowRight" if step > 0 else "ArrowLeft"
        if step > 0 and now == top:
            key = "ArrowLeft"
        if step < 0 and now == low:
            key = "ArrowRight"
        element.focus()
        page.keyboard.press(key)
        return f"slider {control.label!r} {key}"
    if control.kind == "dropdown":
        options = element.locator("option")
        values = [options.nth(i).get_attribute("value") for i in range(options.count())]
        current = element.input_value()
        index = values.index(current) if current in values else 0
        choice = values[(index + (1 if step > 0 else -1)) % len(values)]
        element.select_option(choice)
        return f"dropdown {control.label!r} -> option {choice}"
    if control.kind == "radio":
        radios = element.locator("input")
        checked = [radios.nth(i).is_checked() for i in range(radios.count())]
        index = checked.index(True) if True in checked else -1
        radios.nth((index + (1 if step > 0 else -1)) % radios.count()).check(force=True)
        return f"radio {control.label!r} next option"
    if control.kind == "toggle" and "mod-active" in (element.get_attribute("class") or ""):
        return "already selected"
    if control.kind in ("text", "number"):
        element.fill("")
        element.type("4,000" if control.kind == "text" else "1")  # Check (a button) follows
        return f"typed into {control.label!r}"
    element.click()
    return f"clicked {control.kind} {control.label!r}"


def wait_for_change(page, panel: int, before: tuple[list[dict], str],
                    timeout_s: float = 20, settle_s: float = 0.4,
                    want_figure: bool = False) -> tuple[list[dict], str, float]:
    """Poll until the panel shows something new, then until it settles.

    With ``want_figure`` the wait is for the figure's *pixels* to change (a slider's readout
    changes in the browser at once, before the kernel has redrawn anything); otherwise for the
    pixels or the text. Returns ``(figures, text, seconds)``: what is on screen once nothing
    has changed for ``settle_s``, and the seconds until the awaited change was on screen (the
    full timeout when it never came).
    """
    started = time.perf_counter()
    deadline = started + timeout_s
    old_hashes = [f["hash"] for f in before[0]]
    state = (old_hashes, before[1])
    first = None
    stable_since = time.perf_counter()
    while time.perf_counter() < deadline:
        figs, text = figures(page, panel), panel_text(page, panel)
        now = ([f["hash"] for f in figs], text)
        if now != state:
            state, stable_since = now, time.perf_counter()
        awaited = now[0] != old_hashes if want_figure else now != (old_hashes, before[1])
        if first is None and awaited:
            first = time.perf_counter() - started
        if first is not None and time.perf_counter() - stable_since >= settle_s:
            return figs, text, first
        page.wait_for_timeout(20)
    figs, text = figures(page, panel), panel_text(page, panel)
    return figs, text, first if first is not None else time.perf_counter() - started


#: Elements that stick out of their output area without a scrollbar to reach them, labels and
#: readouts whose text is cut (ellipsis), printed text that wraps mid-word, and hover texts
#: reading "null".
LAYOUT_PROBLEMS = """() => {
    const problems = [];
    const scrolls = el => {
        for (let a = el.parentElement; a && !a.classList.contains('jp-OutputArea');
             a = a.parentElement) {
            const s = getComputedStyle(a);
            const scrolling = ['auto', 'scroll'].includes(s.overflowX);
            if (scrolling && a.scrollWidth > a.clientWidth) return true;
        }
        return false;
    };
    for (const area of document.querySelectorAll('.jp-OutputArea-output')) {
        const right = area.getBoundingClientRect().right;
        const parts = 'td, th, img, .widget-readout, .widget-label, .pm-slider-readout, '
                      + '.widget-checkbox, select, input, button';
        for (const el of area.querySelectorAll(parts)) {
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            if (r.right > right + 2 && !scrolls(el))
                problems.push(`sticks out (${Math.round(r.right - right)} px): `
                              + (el.textContent || el.tagName).trim().slice(0, 60));
        }
        for (const el of area.querySelectorAll('.widget-label, .widget-readout, .widget-button,'
                                               + ' .pm-slider-label, .pm-slider-readout')) {
            if (el.offsetWidth && el.scrollWidth > el.clientWidth + 1)
                problems.push('text cut: ' + el.textContent.trim().slice(0, 60));
        }
        for (const el of area.querySelectorAll('.widget-slider, .pm-slider')) {
            const readout = el.querySelector('.widget-readout, .pm-slider-readout');
            const gone = readout && (readout.offsetWidth === 0
                                     || getComputedStyle(readout).display === 'none');
            if (gone)
                problems.push('slider readout hidden: '
                              + (el.querySelector('.widget-label, .pm-slider-label') || el)
                                .textContent.trim());
        }
        // Printed text wraps between words: JupyterLab's own style breaks a long printed
        // line at any letter ("respo" / "nd"), which the course's page style turns off.
        for (const pre of area.querySelectorAll('pre')) {
            if (pre.offsetWidth && getComputedStyle(pre).wordBreak === 'break-all')
                problems.push('printed text breaks mid-word: '
                              + pre.textContent.trim().slice(0, 60));
        }
        for (const box of area.querySelectorAll('.widget-radio-box')) {
            const rects = [...box.querySelectorAll('label')].map(l => l.getBoundingClientRect());
            for (let k = 1; k < rects.length; k++)
                if (rects[k].top < rects[k - 1].bottom - 2)
                    problems.push('quiz answers overlap: ' + box.textContent.trim().slice(0, 60));
        }
        for (const el of area.querySelectorAll('[title]')) {
            if (el.offsetWidth && ['null', 'undefined'].includes(el.getAttribute('title').trim()))
                problems.push('hover text reads "' + el.getAttribute('title') + '"');
        }
        // An answer box's reply has one coloured bar, on the reply itself; an empty reply
        // area shows none (no stray grey mark under the button).
        for (const reply of area.querySelectorAll('.pm-feedback')) {
            const bars = [reply, ...reply.querySelectorAll('*')].filter(el =>
                el.offsetWidth && parseFloat(getComputedStyle(el).borderLeftWidth) > 0
                && getComputedStyle(el).borderLeftStyle !== 'none');
            const status = reply.querySelector('[role="status"]');
            if (bars.length > (status ? 1 : 0) || (status && !bars.includes(status)))
                problems.push(`answer reply shows ${bars.length} bar(s)`
                              + (status ? '' : ' before any answer'));
        }
    }
    return problems;
}"""


@dataclass
class Moved:
    """What one control move did to its panel (see :func:`move_and_watch`)."""

    action: str
    figures_before: list[dict]
    figures_after: list[dict]
    text_changed: bool
    seconds: float

    @property
    def figure_changed(self) -> bool:
        """True when any figure's pixels differ from before the move."""
        return [f["hash"] for f in self.figures_after] != \
            [f["hash"] for f in self.figures_before]


def move_and_watch(page, panel: int, control: Control, has_button: bool, want_figure: bool,
                   press_buttons: bool = True) -> Moved | None:
    """Move ``control`` of ``panel`` and wait for the panel to change.

    Returns None when there is nothing to watch: a disabled control, an option already
    selected, the input of a quiz or answer box (its reply shows once Check is pressed), or,
    without ``press_buttons``, a button (pressed, but its reply is not waited for).
    """
    if control.disabled:
        return None
    figures_before, text_before = figures(page, panel), panel_text(page, panel)
    action = move(page, panel, control)
    if action == "already selected":
        return None
    if control.kind in ("radio", "text", "number") and has_button:
        return None
    if control.kind == "button" and not press_buttons:
        return None
    figures_after, text_after, seconds = wait_for_change(
        page, panel, (figures_before, text_before), want_figure=want_figure)
    return Moved(action, figures_before, figures_after, text_after != text_before, seconds)


def layout_problems(page) -> list[str]:
    """What a learner could not read or reach in the outputs (see :data:`LAYOUT_PROBLEMS`)."""
    return list(page.evaluate(LAYOUT_PROBLEMS))


def axe_violations(page, serious_only: bool = True) -> list[dict]:
    """axe-core violations inside lesson Markdown and outputs (not JupyterLab's own chrome).

    Returns ``[{id, impact, help, nodes: [html snippets]}]``; ``serious_only`` keeps the
    serious and critical ones.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    response = page.evaluate("""() => axe.run(
        {include: [['.jp-OutputArea'], ['.jp-RenderedMarkdown']]},
        {resultTypes: ['violations']})""")
    found = []
    for v in response["violations"]:
        if serious_only and v.get("impact") not in ("serious", "critical"):
            continue
        found.append({"id": v["id"], "impact": v["impact"], "help": v["help"],
                      "nodes": [n["html"][:160] for n in v["nodes"]]})
    return found


# ------------------------------------------------------------------------------ app mode
@contextmanager
def voila(app_folder: Path) -> Iterator[dict[str, str]]:
    """Voilà on 127.0.0.1 (free port, token) serving a copy of the app lessons.

    ``app_folder`` is an app build (``python -m precisionmed.course build --to app``); its
    ``notebooks/`` folder is copied to a temporary folder and served with the same options as
    ``run.py app`` (code stripped, no tracebacks). Yields ``base``, ``token`` and ``work``.
    """
    sys.path.insert(0, str(ROOT))
    import run

    work = Path(tempfile.mkdtemp(prefix="workbook-app-"))
    shutil.copytree(Path(app_folder) / "notebooks", work / "notebooks")
    shutil.copytree(Path(app_folder) / "share", work / "share")
    port, token = free_port(), "app-test-token"
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["JUPYTER_PATH"] = str(work / "share")  # the app's Voila template
    command = run.voila_command(Path(sys.executable), port, token, open_browser=False)
    command[3] = str(work / "notebooks")  # serve the copy, not build/app in the repository
    log = open(work / "voila.log", "wb")  # noqa: SIM115 - closed in the finally block
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, cwd=work)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{base}/?token={token}", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("Voila did not start: " + (work / "voila.log").read_text()[-2000:])
        if process.poll() is not None:
            raise RuntimeError("Voila stopped: " + (work / "voila.log").read_text()[-2000:])
        yield {"base": base, "token": token, "work": str(work)}
    finally:
        stop_process_group(process)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def open_app(page, app: dict[str, str], notebook: str, panels: int,
             timeout_s: float = 180) -> float:
    """Open app page ``notebook`` (``00-start-here.ipynb``) and wait until it is ready.

    Ready means: Voilà has run every cell (its "Running …" spinner is gone), ``panels``
    top-level widgets are on the page, no widget is still loading and every image has
    loaded. Returns the seconds from the request until then (the app's load time).
    """
    started = time.perf_counter()
    page.goto(f"{app['base']}/voila/render/{notebook}?token={app['token']}",
              timeout=timeout_s * 1000)
    page.wait_for_function("""(n) => {
        const spinner = document.querySelector('#loading, .voila-spinner, #voila-loading');
        if (spinner && spinner.offsetParent !== null) return false;
        const all = [...document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')];
        const top = all.filter(el => !el.parentElement.closest('.jupyter-widgets'));
        if (top.length < n) return false;
        if (document.body.innerText.includes('Loading widget')) return false;
        return [...document.querySelectorAll('img')].every(img => img.complete);
    }""", arg=panels, timeout=timeout_s * 1000)
    return time.perf_counter() - started


def app_error_views(page) -> list[str]:
    """Widget error views, and Voilà's own error page or cell error, anywhere on the page."""
    return page.evaluate("""([selector, texts]) => {
        const found = [...document.querySelectorAll(selector)].map(e => e.textContent.trim());
        const all = document.body ? document.body.innerText : '';
        for (const t of [...texts, 'Traceback', 'There was an error when executing cell',
                         'Error:']) if (all.includes(t)) found.push(t);
        for (const e of document.querySelectorAll(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"))
            found.push('stderr: ' + e.textContent.trim().slice(0, 200));
        return found;
    }""", [ERROR_VIEW_SELECTOR, list(ERROR_VIEW_TEXTS)])


def visible_code(page) -> list[str]:
    """Code a visitor could see: input areas, editors and prompts on the app page."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '.jp-CodeCell .jp-InputArea, .jp-InputPrompt, .CodeMirror, .cm-editor,'
        + ' .jp-CodeMirrorEditor')]
        .filter(e => e.offsetHeight > 0).map(e => e.textContent.trim().slice(0, 80))""")


def axe_page_violations(page, serious_only: bool = True) -> list[dict]:
    """axe-core violations on the whole page (an app page is all lesson, no editor chrome).

    Same result shape as :func:`axe_violations`.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    response = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = []
    for v in response["violations"]:
        if serious_only and v.get("impact") not in ("serious", "critical"):
            continue
        found.append({"id": v["id"], "impact": v["impact"], "help": v["help"],
                      "nodes": [n["html"][:160] for n in v["nodes"]]})
    return found
