"""The README's launch command: JupyterLab on localhost with a token, on the learner copy of
the start-here lesson (built first, solutions folded away), or on the source with
``--as instructor``."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from servers import stop_process_group

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import run  # noqa: E402
from precisionmed import course  # noqa: E402


def test_lab_command_is_local_with_token_and_root_aware() -> None:
    command = run.lab_command(Path("python"), 8899, "abc", open_browser=False)
    assert "--ip=127.0.0.1" in command and "--IdentityProvider.token=abc" in command
    assert f"--LabApp.default_url=/lab/tree/{run.START_LESSON}" in command
    assert "--no-browser" in command
    assert ("--allow-root" in command) == (os.geteuid() == 0)
    learner = run.lab_command(Path("python"), 8899, "abc", False, run.start_lesson("learner"))
    assert "--LabApp.default_url=/lab/tree/build/learner/notebooks/00-start-here.ipynb" in learner


def test_start_lesson_per_role() -> None:
    assert run.start_lesson("learner") == f"{course.LEARNER_COPY}/{run.START_LESSON}"
    assert run.start_lesson("instructor") == run.START_LESSON == "notebooks/00-start-here.ipynb"
    with pytest.raises(ValueError, match="learner, instructor"):
        run.start_lesson("student")
    assert run.LEARNER_COPY == course.LEARNER_COPY  # run.py cannot import the package


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def _redirect(port: int, path: str) -> str:
    """Where the server sends ``path`` (not followed)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return (response.getheader("Location") or "").split("?", 1)[0]
    finally:
        conn.close()


def _launch(root: Path, port: int, token: str, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "JUPYTER_TOKEN": token}
    env.pop("MPLBACKEND", None)
    process = subprocess.Popen(
        [sys.executable, str(root / "run.py"), "launch", "--no-browser", "--port", str(port),
         "--venv", sys.prefix, *extra],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    base = f"http://127.0.0.1:{port}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"launch exited early: {process.stdout.read().decode()[-2000:]}")
        try:
            if _get(f"{base}/api/status?token={token}")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    stop_process_group(process)
    pytest.fail("JupyterLab did not start within 120 s")


def _lesson(port: int, path: str, token: str) -> dict:
    status, body = _get(f"http://127.0.0.1:{port}/api/contents/{path}?token={token}")
    assert status == 200, f"{path} is not served"
    return json.loads(body)["content"]


@pytest.mark.slow
def test_launch_opens_the_learner_copy(root: Path) -> None:
    port, token = run.free_port(), "workbook-test-token"
    process = _launch(root, port, token)
    base = f"http://127.0.0.1:{port}"
    start = run.start_lesson("learner")
    try:
        assert _redirect(port, f"/?token={token}").endswith(f"/lab/tree/{start}")
        lesson = _lesson(port, start, token)
        assert lesson["metadata"]["workbook"]["title"].startswith("Start here")
        assert lesson["metadata"]["workbook_build"] == "learner"
        # (a lesson a learner changed is kept as it is, so only what no learner edit undoes)
        solutions = [c for c in lesson["cells"] if "solution" in c["metadata"].get("tags", [])]
        assert solutions and all(c["cell_type"] == "markdown" for c in solutions)
        status, page = _get(f"{base}/lab/tree/{start}?token={token}")
        assert status == 200 and b"JupyterLab" in page
        for linked in ("build/learner/docs/glossary.md", "build/learner/README.md",
                       "datasets/README.md"):
            assert _get(f"{base}/api/contents/{linked}?token={token}")[0] == 200, linked
        assert _get(f"{base}/api/contents/{start}")[0] in (401, 403), \
            "the server must refuse requests without the token"
    finally:
        stop_process_group(process)


@pytest.mark.slow
def test_launch_as_instructor_opens_the_source(root: Path) -> None:
    port, token = run.free_port(), "workbook-test-token"
    process = _launch(root, port, token, "--as", "instructor")
    try:
        assert _redirect(port, f"/?token={token}").endswith(f"/lab/tree/{run.START_LESSON}")
        lesson = _lesson(port, run.START_LESSON, token)
        assert "workbook_build" not in lesson["metadata"]
        solutions = [c for c in lesson["cells"] if "solution" in c["metadata"].get("tags", [])]
        assert solutions and all(c["cell_type"] == "code" and c["outputs"] for c in solutions)
    finally:
        stop_process_group(process)


def test_readme_documents_both_ways_to_launch(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "`python3 run.py launch`" in readme
    assert "`python3 run.py launch --as instructor`" in readme
    assert "`python3 run.py test --latest`" in readme
    with pytest.raises(SystemExit):
        run.main(["launch", "--as", "student"])
