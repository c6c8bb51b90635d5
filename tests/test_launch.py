"""The README's launch command serves the start-here lesson on localhost with a token."""

from __future__ import annotations

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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import run  # noqa: E402


def test_lab_command_is_local_with_token_and_root_aware() -> None:
    command = run.lab_command(Path("python"), 8899, "abc", open_browser=False)
    assert "--ip=127.0.0.1" in command and "--IdentityProvider.token=abc" in command
    assert f"--LabApp.default_url=/lab/tree/{run.START_LESSON}" in command
    assert "--no-browser" in command
    assert ("--allow-root" in command) == (os.geteuid() == 0)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


@pytest.mark.slow
def test_launch_serves_the_start_here_lesson(root: Path) -> None:
    port = run.free_port()
    token = "workbook-test-token"
    env = {**os.environ, "JUPYTER_TOKEN": token}
    env.pop("MPLBACKEND", None)
    process = subprocess.Popen(
        [sys.executable, str(root / "run.py"), "launch", "--no-browser", "--port", str(port),
         "--venv", sys.prefix],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        status = 0
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"launch exited early: {process.stdout.read().decode()[-2000:]}")
            try:
                status, _ = _get(f"{base}/api/status?token={token}")
            except OSError:
                status = 0
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, "JupyterLab did not start within 90 s"
        status, body = _get(f"{base}/api/contents/{run.START_LESSON}?token={token}")
        assert status == 200
        model = json.loads(body)
        assert model["content"]["metadata"]["workbook"]["title"].startswith("Start here")
        status, page = _get(f"{base}/lab/tree/{run.START_LESSON}?token={token}")
        assert status == 200 and b"JupyterLab" in page
        status, _ = _get(f"{base}/api/contents/datasets/README.md?token={token}")
        assert status == 200, "the whole project (datasets, docs) must be browsable"
        assert _get(f"{base}/api/contents/{run.START_LESSON}")[0] in (401, 403), \
            "the server must refuse requests without the token"
    finally:
        stop_process_group(process)
