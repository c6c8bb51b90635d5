"""Every lesson as a learner meets it: JupyterLab in headless Chromium.

For each lesson: open it, Run All, wait for the kernel to go idle, check that no error output
appears and every widget rendered, then change one control of each widget and check that its
output changed. Screenshots go to ``tests/screenshots/`` (git-ignored); timings are printed.

Needs Debian's ``chromium`` and Python ``playwright`` (``.ci/run`` installs both). Without a
Chromium the test is skipped, except in CI (``CI`` set), where that is a failure.
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
from pathlib import Path

import pytest
from servers import free_port, stop_process_group

from precisionmed.course import lesson_paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots"
LESSONS = lesson_paths()
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"]
#: Selectors for the controls a learner can move, in the order we try them.
CONTROL_SELECTORS = [".widget-slider .noUi-handle", ".widget-dropdown select",
                     ".widget-radio-box input", ".widget-checkbox input",
                     ".widget-toggle-button", ".widget-button"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def lab() -> Iterator[dict[str, str]]:
    """JupyterLab on 127.0.0.1 (free port, token) serving a temporary copy of the lessons."""
    if _chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run should install it")
        pytest.skip("no Chromium here (install Debian's 'chromium' to run browser tests)")
    pytest.importorskip("playwright")
    work = Path(tempfile.mkdtemp(prefix="workbook-lab-"))
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    shutil.copytree(ROOT / "docs", work / "docs")
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
            pytest.fail("JupyterLab did not start: " + (work / "lab.log").read_text()[-2000:])
        # Let the server finish listing kernels before the first page opens.
        urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=30).read()
        yield {"base": base, "token": token, "work": str(work)}
    finally:
        stop_process_group(process)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def browser_context(lab: dict[str, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="workbook-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=_chromium(), headless=True, args=CHROME_ARGS,
            viewport={"width": 1400, "height": 1000})
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


def _shut_down_sessions(lab: dict[str, str]) -> None:
    """Stop every kernel the lesson started, so the next lesson starts on a quiet server."""
    base, token = lab["base"], lab["token"]
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as response:
        sessions = json.loads(response.read())
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=10).close()


def _accept_kernel_dialog(page) -> None:
    """If JupyterLab asks which kernel to use (it can, when the page opens while the server is
    still listing kernels), accept the notebook's own kernel, as a learner would."""
    try:
        page.wait_for_selector(".jp-Dialog", timeout=3_000)
    except Exception:  # noqa: BLE001 - no dialog is the normal case
        return
    if "Select Kernel" in page.inner_text(".jp-Dialog"):
        page.click(".jp-Dialog .jp-mod-accept")


def _wait_idle(page, timeout_s: float) -> None:
    """Wait until no code cell is queued or running ('[*]') and the kernel is idle."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        busy = page.evaluate("""() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const running = prompts.some(p => p.textContent.includes('*'));
            const unrun = prompts.some(p => p.textContent.trim() === '[ ]:');
            const ind = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const status = ind ? ind.getAttribute('data-status') : 'idle';
            return running || unrun || status !== 'idle';
        }""")
        if not busy:
            return
        time.sleep(0.25)
    raise AssertionError(f"the lesson did not finish within {timeout_s:.0f} s")


MARK_WIDGETS = """() => {
    const all = [...document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')];
    const top = all.filter(el => !el.parentElement.closest('.jupyter-widgets'));
    top.forEach((el, i) => el.setAttribute('data-test-widget', String(i)));
    return top.length;
}"""


def _widget_signature(page, index: int) -> str:
    return page.evaluate("""(i) => {
        const box = document.querySelector(`[data-test-widget="${i}"]`);
        if (!box) return '';
        const imgs = [...box.querySelectorAll('img')].map(x => x.src).join('|');
        const sel = '.widget-html-content, .widget-readout, .widget-label';
        const html = [...box.querySelectorAll(sel)]
            .map(x => x.textContent).join('|');
        return imgs + '##' + html;
    }""", index)


def _move_one_control(page, index: int) -> str:
    """Change the first control found in top-level widget ``index``; return what was done."""
    box = page.locator(f"[data-test-widget='{index}']")
    box.scroll_into_view_if_needed()
    for selector in CONTROL_SELECTORS:
        control = box.locator(selector)
        if control.count() == 0:
            continue
        first = control.first
        if "noUi-handle" in selector:
            first.focus()
            for _ in range(5):
                page.keyboard.press("ArrowRight")
            return "slider moved with the keyboard"
        if selector.endswith("select"):
            options = first.locator("option")
            values = [options.nth(i).get_attribute("value") for i in range(options.count())]
            current = first.input_value()
            first.select_option([v for v in values if v != current][0])
            return "dropdown changed"
        if "radio" in selector:
            control.nth(min(1, control.count() - 1)).check()
            button = box.locator(".widget-button")
            if button.count():
                button.first.click()
            return "radio answer picked and checked"
        first.click()
        return f"clicked {selector}"
    raise AssertionError(f"widget {index} has no control a learner can move")


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_runs_in_jupyterlab(lesson: Path, lab: dict[str, str],
                                   browser_context: object,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser_context.new_page()  # type: ignore[attr-defined]
    timings: dict[str, float] = {}
    try:
        started = time.perf_counter()
        # A fresh, empty workspace per lesson: no tabs restored from the previous lesson.
        page.goto(f"{lab['base']}/lab/workspaces/{lesson.stem[:2]}/tree/notebooks/{lesson.name}"
                  f"?reset&token={lab['token']}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        _accept_kernel_dialog(page)
        page.wait_for_function(
            "() => { const s = document.querySelector('.jp-Notebook-ExecutionIndicator');"
            " const k = document.querySelector('.jp-KernelName, .jp-Toolbar-kernelName');"
            " return s && s.getAttribute('data-status') === 'idle'"
            " && (!k || !k.textContent.includes('No Kernel')); }", timeout=60_000)
        timings["open"] = time.perf_counter() - started
        started = time.perf_counter()
        page.click("div.lm-MenuBar-itemLabel:text-is('Run')")
        page.click("li[data-command='runmenu:run-all']")
        time.sleep(0.5)
        _wait_idle(page, timeout_s=90)
        page.wait_for_function(
            "() => !document.body.innerText.includes('Loading widget')", timeout=20_000)
        timings["run all"] = time.perf_counter() - started
        text = page.inner_text(".jp-Notebook")
        assert "Error displaying widget" not in text
        assert "Traceback" not in text
        errors = page.locator(".jp-OutputArea-output[data-mime-type="
                              "'application/vnd.jupyter.stderr']")
        assert errors.count() == 0, errors.first.inner_text()[:1000]
        page.screenshot(path=str(SHOTS / f"{lesson.stem}-run-all.png"), full_page=False)
        n_widgets = page.evaluate(MARK_WIDGETS)
        import nbformat

        expected = sum(
            "nbval-ignore-output" in c.metadata.get("tags", [])
            for c in nbformat.read(str(lesson), as_version=4).cells)
        assert n_widgets >= expected >= 1, f"{n_widgets} widgets rendered, {expected} expected"
        page.screenshot(path=str(SHOTS / f"{lesson.stem}-run-all.png"), full_page=False)
        started = time.perf_counter()
        for index in range(n_widgets):
            before = _widget_signature(page, index)
            action = _move_one_control(page, index)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and _widget_signature(page, index) == before:
                time.sleep(0.1)
            assert _widget_signature(page, index) != before, (
                f"widget {index}: {action}, but its output did not change")
        timings["move every widget"] = time.perf_counter() - started
        page.screenshot(path=str(SHOTS / f"{lesson.stem}-after-controls.png"), full_page=False)
        assert page.locator(".jp-OutputArea-output[data-mime-type="
                            "'application/vnd.jupyter.stderr']").count() == 0
    finally:
        page.close()
        _shut_down_sessions(lab)
    with capsys.disabled():
        summary = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        print(f"\n[browser] {lesson.name}: {summary} ({n_widgets} widgets)")
