#!/usr/bin/env python3
"""Set up and run the Precision Medicine Workbooks with nothing but Python 3.

    python3 run.py launch     # make .venv if missing, install, open lesson 00 (learner copy)
    python3 run.py launch --as instructor   # the same, on the source (solutions in view)
    python3 run.py test       # same set-up, then run the whole test suite
    python3 run.py test --latest   # the suite in .venv-latest with the newest versions
    python3 run.py test --quick    # the fast lane: no browser, hub or lesson re-runs
    python3 run.py lock --venv .venv-latest   # record a tested venv's versions as the pins
    python3 run.py flaky -n 20   # run every lesson under nbval 20 times; failures per lesson
    python3 run.py app        # the lessons as web apps, no code in view (Voila), on lesson 00
    python3 run.py site       # the course website (Sphinx) in build/site/, from stored outputs

On Windows use ``py run.py launch`` / ``py run.py test``. Only the standard library is used
here, so this file runs before anything is installed. Installs use the pinned versions in
``requirements/constraints.txt`` (the same pins as ``environment.yml`` and Binder's
``binder/environment.yml``), except ``test --latest``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
#: The start-here lesson in the source (the instructor copy, solutions in plain view).
START_LESSON = "notebooks/00-start-here.ipynb"
#: Where ``launch`` builds the learner copy (git-ignored; the same folder Binder opens).
LEARNER_COPY = "build/learner"
#: Where ``app`` builds the app copy (git-ignored; ``precisionmed.app``), and the lesson it opens.
APP_COPY = "build/app"
APP_START = "00-start-here.ipynb"
#: Where ``site`` builds the course website (git-ignored; ``precisionmed.site``).
SITE_COPY = "build/site"
ROLES = ("learner", "instructor")
STAMP = ".precisionmed-install"
MIN_PYTHON = (3, 10)

#: The pinned versions every install uses (``pip install -c``): learner runtime, test tools
#: and what they pull in. ``python3 run.py lock`` rewrites it from a tested environment.
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
#: Conda files whose ``name==version`` lines ``lock`` keeps in step with the constraints.
CONDA_FILES = (ROOT / "environment.yml", ROOT / "binder" / "environment.yml")
#: Conda-forge names that differ from the package index names.
CONDA_NAMES = {"matplotlib-base": "matplotlib"}
#: The virtual environment of ``test --latest`` (newest versions, no constraints).
LATEST_VENV = ".venv-latest"
#: Sections of the constraints file: chosen by hand (with a reason each), then generated.
SECTIONS = {
    "learner": "What a learner gets: the lessons and the app they open in (Binder too).",
    "test": "Test and authoring tools (run.py test, CI); never installed on Binder.",
    "indirect": "Pulled in by the above; pinned so every install matches the tested one.",
}
REASON_PLACEHOLDER = "(say why it is here)"

#: The whole test suite: unit, data, widget and content tests plus nbval over every lesson.
TEST_ARGS = [
    "-m", "pytest", "-n", "2", "--dist", "loadfile",
    "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
    "-p", "no:cacheprovider", "tests", "notebooks",
]
#: The fast lane (``test --quick``): the same suite without the tests that drive a browser,
#: start a hub, execute whole lessons again or rebuild every dataset (``tests/conftest.py``
#: marks those ``slow``); nbval still runs every lesson once.
QUICK_MARKERS = ["-m", "not slow and not browser and not classload"]

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


def start_lesson(role: str) -> str:
    """The lesson ``launch`` opens for ``role``: the learner copy, or the source for instructors.

    Raises
    ------
    ValueError
        If ``role`` is not one of :data:`ROLES`.
    """
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    return f"{LEARNER_COPY}/{START_LESSON}" if role == "learner" else START_LESSON


def install_fingerprint(pinned: bool) -> str:
    """Hash of what decides an install: ``pyproject.toml`` and (when pinned) the constraints."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(CONSTRAINTS.read_bytes() if pinned else b"newest versions")
    return digest.hexdigest()


def install_command(python: Path, extras: str, pinned: bool) -> list[str]:
    """The pip command that installs the project (with ``extras``) into ``python``'s venv.

    Pinned: every package at its version in :data:`CONSTRAINTS`. Not pinned (``--latest``):
    the newest versions the project's ranges allow, upgrading what is there.
    """
    spec = f"{ROOT}[{extras}]" if extras else str(ROOT)
    command = [str(python), "-m", "pip", "install", "--quiet"]
    if pinned:
        command += ["-c", str(CONSTRAINTS)]
    else:
        command += ["--upgrade", "--upgrade-strategy", "eager"]
    return [*command, "-e", spec]


def needs_install(stamp: Path, fingerprint: str, extras: str) -> bool:
    """True unless ``stamp`` records an install of ``extras`` (or more) with ``fingerprint``."""
    if not stamp.is_file():
        return True
    lines = stamp.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != fingerprint:
        return True
    installed = set(lines[1].split(",")) if len(lines) > 1 else {""}
    return extras not in installed


def record_install(stamp: Path, fingerprint: str, extras: str) -> None:
    """Note in ``stamp`` that ``extras`` were installed with ``fingerprint``."""
    installed = {""}
    if stamp.is_file():
        lines = stamp.read_text(encoding="utf-8").splitlines()
        if lines and lines[0].strip() == fingerprint and len(lines) > 1:
            installed |= set(lines[1].split(","))
    installed.add(extras)
    stamp.write_text(f"{fingerprint}\n{','.join(sorted(installed))}\n", encoding="utf-8")


def ensure_environment(venv_dir: Path, extras: str, pinned: bool = True) -> Path:
    """Create ``venv_dir`` if missing and install the project (with ``extras``) if needed.

    With ``pinned`` the install uses :data:`CONSTRAINTS` and is skipped when neither
    ``pyproject.toml`` nor the constraints file changed since the last one. Without it
    (``test --latest``) every run upgrades to the newest versions.
    """
    if sys.version_info < MIN_PYTHON:
        sys.exit("Python 3.10 or newer is needed; this is " + sys.version.split()[0])
    if pinned and not CONSTRAINTS.is_file():
        sys.exit(f"The pinned versions are missing: {CONSTRAINTS} (restore it from git).")
    python = venv_python(venv_dir)
    if not python.exists():
        say(f"creating a virtual environment in {venv_dir} ...")
        venv.EnvBuilder(with_pip=True).create(venv_dir)
        python = venv_python(venv_dir)
    ignore = venv_dir / ".gitignore"
    if not ignore.exists():  # keep git (and ruff) out of the environment, wherever it lives
        ignore.write_text("*\n", encoding="utf-8")
    fingerprint = install_fingerprint(pinned)
    stamp = venv_dir / STAMP
    if not pinned or needs_install(stamp, fingerprint, extras):
        if pinned:
            say("installing the workbook with its pinned versions (first time: about a "
                "minute) ...")
        else:
            say("installing the newest versions (not the pins) ...")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run(install_command(python, extras, pinned), check=True)
        record_install(stamp, fingerprint, extras)
    settings = venv_dir / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LAB_OVERRIDES, settings / "overrides.json")
    return python


def free_port() -> int:
    """Ask the operating system for a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def lab_command(python: Path, port: int, token: str, open_browser: bool,
                start: str = START_LESSON) -> list[str]:
    """The JupyterLab command line: localhost only, with a token, ``--allow-root`` as root.

    JupyterLab serves the whole project and opens ``start`` (a path inside it).
    """
    command = [str(python), "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}",
               f"--LabApp.default_url=/lab/tree/{start}", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}",
               "--ServerApp.port_retries=0"]
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def build_learner_copy(python: Path, env: dict[str, str]) -> int:
    """Build the learner copy into :data:`LEARNER_COPY`, keeping lessons a learner changed."""
    say(f"building the learner copy in {LEARNER_COPY}/ (solutions folded away; lessons you "
        "changed are kept) ...")
    return subprocess.call([str(python), "-m", "precisionmed.course", "build", "--to",
                            "learner", "--out", str(ROOT / LEARNER_COPY), "--keep-edits"],
                           env=env)


def voila_command(python: Path, port: int, token: str, open_browser: bool,
                  folder: str = APP_COPY) -> list[str]:
    """The Voila command line for app mode: localhost only, with a token, code hidden.

    Voila serves ``folder``/notebooks (the app copy, built by
    ``python -m precisionmed.course build --to app``); each lesson opens at
    ``/voila/render/<lesson>.ipynb`` with its code cells stripped and no tracebacks shown.
    """
    command = [str(python), "-m", "voila", str(ROOT / folder / "notebooks"),
               "--Voila.ip=127.0.0.1", f"--port={port}", f"--Voila.token={token}",
               "--Voila.port_retries=0", "--VoilaConfiguration.strip_sources=True",
               "--VoilaConfiguration.show_tracebacks=False", "--theme=light",
               "--template=workbook"]  # written by the build into <folder>/share (JUPYTER_PATH)
    if not open_browser:
        command.append("--no-browser")
    return command


def app(python: Path, env: dict[str, str], port: int, open_browser: bool) -> int:
    """Build the app copy and serve it with Voila until Ctrl+C."""
    say(f"building the app copy in {APP_COPY}/ (lessons without code) ...")
    if subprocess.call([str(python), "-m", "precisionmed.course", "build", "--to", "app",
                        "--out", str(ROOT / APP_COPY)], env=env) != 0:
        say("could not build the app copy; see the message above")
        return 1
    port = port or free_port()
    token = os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/voila/render/{APP_START}?token={token}"
    say(f"open {url}")
    say("stop with Ctrl+C")
    env = {**env, "JUPYTER_PATH": os.pathsep.join(
        p for p in (str(ROOT / APP_COPY / "share"), env.get("JUPYTER_PATH", "")) if p)}
    server = subprocess.Popen(voila_command(python, port, token, open_browser=False), env=env)
    try:
        if open_browser:  # Voila itself would open its file list; open lesson 00 instead
            import time
            import webbrowser

            for _ in range(240):
                if server.poll() is not None:
                    break
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        webbrowser.open(url)
                        break
                time.sleep(0.5)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()


def site(python: Path, env: dict[str, str]) -> int:
    """Build the course website into :data:`SITE_COPY` (the site tools are test tools)."""
    say(f"building the course website in {SITE_COPY}/ from the lessons' stored outputs "
        "(no lesson is run) ...")
    return subprocess.call([str(python), "-m", "precisionmed.course", "build", "--to", "site",
                            "--out", str(ROOT / SITE_COPY)], env=env)


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


# ------------------------------------------------------------------------------ pinning
#: Run inside a venv by ``lock``: the installed versions of the project's dependency tree.
LOCK_PROBE = r'''
import json, sys
from importlib import metadata
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name as canon

dists = {canon(d.metadata["Name"]): d for d in metadata.distributions()}
me = dists["precisionmed"]
def walk(roots):
    seen, parents = {}, {}
    stack = [(canon(r.name), frozenset(r.extras), None) for r in roots]
    while stack:
        name, extras, parent = stack.pop()
        if parent:
            parents.setdefault(name, set()).add(parent)
        if name in seen and extras <= seen[name]:
            continue
        seen[name] = seen.get(name, frozenset()) | extras
        if name not in dists:
            continue
        for text in dists[name].requires or []:
            req = Requirement(text)
            envs = [{"extra": e} for e in seen[name]] + [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(e) for e in envs):
                stack.append((canon(req.name), frozenset(req.extras), name))
    return seen, parents
reqs = [Requirement(r) for r in me.requires or []]
direct = [r for r in reqs if not r.marker]
test = [r for r in reqs if r.marker and r.marker.evaluate({"extra": "test"})]
runtime, p1 = walk(direct)
tools, p2 = walk(test)
out = {"python": sys.version.split()[0], "direct": [canon(r.name) for r in direct],
       "direct_test": [canon(r.name) for r in test], "runtime": sorted(runtime),
       "test": sorted(tools), "dists": {}}
for name in set(runtime) | set(tools):
    d = dists.get(name)
    if d is None:
        continue
    parents = sorted((p1.get(name, set()) | p2.get(name, set())) - {name})
    out["dists"][name] = {"name": d.metadata["Name"], "version": d.version,
                          "requires_python": d.metadata.get("Requires-Python") or "",
                          "parents": parents}
print(json.dumps(out))
'''

PIN_LINE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._\-]*)==(?P<version>[^\s;#]+)"
                      r"(?:\s*;\s*(?P<marker>[^#]+?))?\s*(?:#\s*(?P<why>.*))?$")


def canonical(name: str) -> str:
    """A package name in its canonical form (lower case, runs of ``-_.`` as one ``-``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_constraints(path: Path = CONSTRAINTS) -> dict[str, dict[str, dict[str, str]]]:
    """Parse the constraints file: ``{section: {canonical name: {name, version, marker, why}}}``.

    Sections start with a line ``# [name] ...``; every other non-blank line that is not a
    comment must be ``name==version[; marker]  # why``.

    Raises
    ------
    ValueError
        Naming the line that is not a pin or stands outside a section.
    """
    sections: dict[str, dict[str, dict[str, str]]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = re.match(r"^#\s*\[(\w+)\]", line)
        if header:
            current = header.group(1)
            sections.setdefault(current, {})
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN_LINE.match(line.strip())
        if not match or current is None:
            raise ValueError(f"{path.name} line {number} is not 'name==version  # why' inside "
                             f"a '# [section]': {line!r}")
        entry = {k: (v or "").strip() for k, v in match.groupdict().items()}
        sections[current][canonical(entry["name"])] = entry
    return sections


def python_floor(requires_python: str) -> tuple[int, ...] | None:
    """The lowest Python a ``Requires-Python`` value allows (``">=3.11"`` -> ``(3, 11)``)."""
    floors = [tuple(int(p) for p in m.group(1).split("."))
              for m in re.finditer(r">=?\s*([0-9]+(?:\.[0-9]+)*)", requires_python)]
    return max(floors) if floors else None


def pin_line(name: str, version: str, requires_python: str, why: str) -> str:
    """One constraints line ``name==version[; marker]  # why``.

    A pin that needs a newer Python than the project's floor gets a marker, so that older
    Pythons fall back to the newest versions they can install.
    """
    floor = python_floor(requires_python)
    marker = ""
    if floor and floor + (0,) * (3 - len(floor)) > MIN_PYTHON + (0,):
        marker = f'; python_full_version >= "{".".join(map(str, floor))}"'
    return f"{name}=={version}{marker}  # {why}"


def lock(python: Path) -> int:
    """Rewrite :data:`CONSTRAINTS` (and the conda files' pins) from the venv of ``python``."""
    probe = subprocess.run([str(python), "-c", LOCK_PROBE], capture_output=True, text=True)
    if probe.returncode != 0:
        say("could not read the environment: " + probe.stderr.strip()[-500:])
        return 1
    found = json.loads(probe.stdout)
    old = read_constraints() if CONSTRAINTS.is_file() else {}
    dists = found["dists"]
    chosen: dict[str, dict[str, dict[str, str]]] = {"learner": {}, "test": {}}
    for section, direct in (("learner", found["direct"]), ("test", found["direct_test"])):
        for name, entry in old.get(section, {}).items():
            if name in dists:
                chosen[section][name] = entry
            else:
                say(f"dropping {entry['name']}: not installed in this environment")
        for name in direct:
            if name in dists and not any(name in c for c in chosen.values()):
                chosen[section][name] = {"name": dists[name]["name"], "why": REASON_PLACEHOLDER}
                say(f"new pin {dists[name]['name']}: write why it is there in {CONSTRAINTS.name}")
    hand = set(chosen["learner"]) | set(chosen["test"])
    lines = [
        "# Pinned versions of the Precision Medicine Workbooks: what a learner gets, and the",
        "# test tools. Used by run.py (pip install -c requirements/constraints.txt) for launch,",
        "# test and CI, and by Binder (binder/postBuild). environment.yml and",
        "# binder/environment.yml pin the same versions; tests/course/test_dependencies.py",
        "# keeps them in step with pyproject.toml (which keeps its ranges).",
        f"# Recorded with `python3 run.py lock` from an environment on Python {found['python']}.",
        "# To upgrade: `python3 run.py test --latest`; if it passes,",
        "# `python3 run.py lock --venv .venv-latest`, read the diff, run `python3 run.py test`",
        "# and commit.",
        "# A pin that needs a newer Python than 3.10 carries a marker: there pip falls back to",
        "# the newest version that Python can install.",
    ]
    for section in ("learner", "test"):
        lines += ["", f"# [{section}] {SECTIONS[section]}"]
        for name, entry in chosen[section].items():
            dist = dists[name]
            lines.append(pin_line(entry["name"], dist["version"], dist["requires_python"],
                                  entry["why"]))
    lines += ["", f"# [indirect] {SECTIONS['indirect']}"]
    for name in sorted(set(dists) - hand - {"precisionmed"}):
        dist = dists[name]
        parents = dist["parents"]
        why = "for " + ", ".join(parents[:3]) if parents else "pulled in"
        if len(parents) > 3:
            why += f" and {len(parents) - 3} more"
        lines.append(pin_line(dist["name"], dist["version"], dist["requires_python"], why))
    CONSTRAINTS.parent.mkdir(parents=True, exist_ok=True)
    CONSTRAINTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    say(f"wrote {CONSTRAINTS.relative_to(ROOT)} ({len(dists) - 1} packages)")
    versions = {name: dists[name]["version"] for name in dists}
    for conda_file in CONDA_FILES:
        if conda_file.is_file():
            update_conda_pins(conda_file, versions)
    return 0


def update_conda_pins(path: Path, versions: dict[str, str]) -> None:
    """Set each ``- name==version`` line of a conda file to ``versions[name]``."""
    def replace(match: re.Match[str]) -> str:
        name = canonical(CONDA_NAMES.get(match.group(2), match.group(2)))
        return f"{match.group(1)}{match.group(2)}=={versions.get(name, match.group(3))}"

    text = path.read_text(encoding="utf-8")
    new = re.sub(r"^(\s*-\s+)([A-Za-z0-9._\-]+)==([^\s#]+)", replace, text, flags=re.M)
    if new != text:
        path.write_text(new, encoding="utf-8")
        say(f"updated the pins in {path.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``launch``, ``app``, ``site``, ``test``, ``lock`` or ``flaky``."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["launch", "app", "site", "test", "lock", "flaky"])
    parser.add_argument("-n", "--runs", type=int, default=3,
                        help="flaky: how many times to run the lessons (default 3)")
    parser.add_argument("--venv", type=Path, default=None,
                        help="virtual environment to create or reuse (default: .venv; "
                             "with --latest: .venv-latest)")
    parser.add_argument("--as", dest="role", choices=ROLES, default="learner",
                        help="launch: open the learner copy (default; solutions folded "
                             "away) or the instructor source")
    parser.add_argument("--latest", action="store_true",
                        help="test: newest versions in .venv-latest, ignoring the pins")
    parser.add_argument("--quick", action="store_true",
                        help="test: the fast lane (unit, data, content, one nbval pass; no "
                             "browser, hub, lesson re-runs or dataset rebuild)")
    parser.add_argument("--port", type=int, default=0, help="port for JupyterLab (default: free)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments passed to pytest")
    args, extra = parser.parse_known_args(argv)
    # Options meant for pytest (python3 run.py test -x --durations=20, or after "--").
    extra = [a for a in extra if a != "--"] + [a for a in args.pytest_args if a != "--"]
    if extra and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.pytest_args = extra
    if args.latest and args.command != "test":
        parser.error("--latest goes with test (python3 run.py test --latest)")
    if args.quick and args.command != "test":
        parser.error("--quick goes with test (python3 run.py test --quick)")
    if args.role != "learner" and args.command != "launch":
        parser.error("--as goes with launch (python3 run.py launch --as instructor)")
    os.chdir(ROOT)
    venv_dir = (args.venv or ROOT / (LATEST_VENV if args.latest else ".venv")).resolve()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    if args.command == "lock":
        python = venv_python(venv_dir)
        if not python.exists():
            parser.error(f"no virtual environment at {venv_dir}; run python3 run.py test first")
        return lock(python)
    if args.command == "app":
        return app(ensure_environment(venv_dir, ""), env, args.port, not args.no_browser)
    if args.command == "launch":
        python = ensure_environment(venv_dir, "")
        start = start_lesson(args.role)
        if args.role == "learner" and build_learner_copy(python, env) != 0:
            say("could not build the learner copy; see the message above")
            return 1
        port = args.port or free_port()
        token = os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(16)
        say(f"open http://127.0.0.1:{port}/lab/tree/{start}?token={token}")
        say("stop with Ctrl+C (twice)")
        return subprocess.call(lab_command(python, port, token, not args.no_browser, start),
                               env=env)
    python = ensure_environment(venv_dir, "test", pinned=not args.latest)
    if args.command == "site":
        return site(python, env)
    if args.command == "flaky":
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        return flaky(python, args.runs)
    if args.latest:
        env["WORKBOOK_LATEST"] = "1"  # the test that compares installed versions with the pins
    say(("running the fast lane" if args.quick else "running the test suite")
        + (" with the newest versions ..." if args.latest else " ..."))
    return subprocess.call([str(python), *test_command(args.pytest_args, args.quick)], env=env)


def test_command(extra: list[str], quick: bool = False) -> list[str]:
    """The pytest arguments for ``run.py test``.

    :data:`TEST_ARGS`, the fast lane's markers with ``quick``, then ``extra``. When ``extra``
    names test files or folders, only those run (instead of the whole ``tests`` and
    ``notebooks``).
    """
    named = [a for a in extra if not a.startswith("-") and (ROOT / a.split("::")[0]).exists()]
    base = [a for a in TEST_ARGS if a not in ("tests", "notebooks")] if named else TEST_ARGS
    return [*base, *(QUICK_MARKERS if quick else []), *extra]


if __name__ == "__main__":
    sys.exit(main())
