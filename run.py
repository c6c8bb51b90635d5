#!/usr/bin/env python3
"""Set up and run the Precision Medicine Workbooks with nothing but Python 3.

    python3 run.py launch     # make .venv if missing, install, open JupyterLab on lesson 00
    python3 run.py test       # same set-up, then run the whole test suite
    python3 run.py flaky -n 20   # run every lesson under nbval 20 times; failures per lesson

On Windows use ``py run.py launch`` / ``py run.py test``. Only the standard library is used
here, so this file runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
START_LESSON = "notebooks/00-start-here.ipynb"
STAMP = ".precisionmed-install"

#: The whole test suite: unit, data, widget and content tests plus nbval over every lesson.
TEST_ARGS = [
    "-m", "pytest", "-n", "2", "--dist", "loadfile",
    "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
    "-p", "no:cacheprovider", "tests", "notebooks",
]

#: JupyterLab settings for a calm workshop (no "news" pop-up, no update checks); Binder's
#: postBuild copies the same file.
LAB_OVERRIDES = ROOT / "lab-overrides.json"


def say(message: str) -> None:
    """Print a progress line at once."""
    print(f"[workbook] {message}", flush=True)


def venv_python(venv_dir: Path) -> Path:
    """Path of the Python interpreter inside ``venv_dir`` (Windows or POSIX)."""
    windows = venv_dir / "Scripts" / "python.exe"
    return windows if windows.exists() or os.name == "nt" else venv_dir / "bin" / "python"


def ensure_environment(venv_dir: Path, extras: str) -> Path:
    """Create ``venv_dir`` if missing and install the project (with ``extras``) if needed.

    The install is skipped when ``pyproject.toml`` has not changed since the last one.
    """
    if sys.version_info < (3, 10):  # noqa: UP036 - tell users of old Pythons clearly
        sys.exit("Python 3.10 or newer is needed; this is " + sys.version.split()[0])
    python = venv_python(venv_dir)
    if not python.exists():
        say(f"creating a virtual environment in {venv_dir} ...")
        venv.EnvBuilder(with_pip=True).create(venv_dir)
        python = venv_python(venv_dir)
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    ).hexdigest()
    stamp = venv_dir / STAMP
    if not stamp.exists() or wanted not in stamp.read_text().split():
        say("installing the workbook and its dependencies (first time: about a minute) ...")
        spec = f"{ROOT}[{extras}]" if extras else str(ROOT)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", spec], check=True)
        previous = stamp.read_text().split() if stamp.exists() else []
        stamp.write_text("\n".join([*previous, wanted]) + "\n")
    settings = venv_dir / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LAB_OVERRIDES, settings / "overrides.json")
    return python


def free_port() -> int:
    """Ask the operating system for a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def lab_command(python: Path, port: int, token: str, open_browser: bool) -> list[str]:
    """The JupyterLab command line: localhost only, with a token, ``--allow-root`` as root."""
    command = [str(python), "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}",
               f"--LabApp.default_url=/lab/tree/{START_LESSON}", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               "--ServerApp.port_retries=0"]
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def flaky(python: Path, runs: int) -> int:
    """Run the notebook tests ``runs`` times and report failures per lesson."""
    import tempfile
    import xml.etree.ElementTree as ET

    failures: dict[str, int] = {}
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(1, runs + 1):
            report = Path(tmp) / f"run{run}.xml"
            subprocess.call([str(python), "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile",
                             "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
                             "-p", "no:cacheprovider", f"--junitxml={report}", "notebooks"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            failed = set()
            for case in ET.parse(report).getroot().iter("testcase"):
                if case.find("failure") is not None or case.find("error") is not None:
                    failed.add(Path(case.get("file") or case.get("classname", "")).name)
            for name in lessons:
                if any(name in f or name.replace(".ipynb", "") in f for f in failed):
                    failures[name] = failures.get(name, 0) + 1
            outcome = "failures in " + ", ".join(sorted(failed)) if failed else "all passed"
            say(f"run {run}/{runs}: {outcome}")
    print(f"\n{'lesson':50} failed runs (of {runs})")
    for name in lessons:
        print(f"{name:50} {failures.get(name, 0)}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``launch``, ``test`` or ``flaky``."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["launch", "test", "flaky"])
    parser.add_argument("-n", "--runs", type=int, default=3,
                        help="flaky: how many times to run the lessons (default 3)")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv",
                        help="virtual environment to create or reuse (default: .venv)")
    parser.add_argument("--port", type=int, default=0, help="port for JupyterLab (default: free)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments passed to pytest")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if args.command == "launch":
        python = ensure_environment(args.venv.resolve(), "")
        port = args.port or free_port()
        token = os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16)
        say(f"open http://127.0.0.1:{port}/lab/tree/{START_LESSON}?token={token}")
        say("stop with Ctrl+C (twice)")
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        return subprocess.call(lab_command(python, port, token, not args.no_browser), env=env)
    python = ensure_environment(args.venv.resolve(), "test")
    if args.command == "flaky":
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        return flaky(python, args.runs)
    say("running the test suite ...")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.call([str(python), *TEST_ARGS, *args.pytest_args], env=env)


if __name__ == "__main__":
    sys.exit(main())
