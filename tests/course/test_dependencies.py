"""One set of pins: requirements/constraints.txt, environment.yml, binder/ and pyproject.toml
agree; Binder carries the learner packages only; run.py installs with the pins.

conda cannot be reached from the test machines, so the conda files are checked statically.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the check itself needs only one run

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import run  # noqa: E402

CONDA_ONLY = {"python", "pip"}
#: Packages of the Binder image that are the learner's, not the test tools'.
NOT_ON_BINDER = {"pytest", "pytest-xdist", "nbval", "hypothesis", "ruff", "playwright",
                 "axe-playwright-python", "jupyterhub", "jupyterhub-idle-culler", "textstat"}


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject(root: Path) -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    return ([Requirement(s) for s in project["dependencies"]],
            [Requirement(s) for s in project["optional-dependencies"]["test"]])


def _conda(path: Path) -> dict[str, str]:
    """``{canonical pip name: version}`` of a conda file's ``name==version`` entries
    (conda-forge names mapped to the package index's, the ``pip:`` subsection included)."""
    env = yaml.safe_load(path.read_text())
    specs = []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            specs += entry.get("pip", [])
        else:
            specs.append(entry)
    pins = {}
    for spec in specs:
        name = re.match(r"^[A-Za-z0-9_.\-]+", spec).group(0)
        if name in CONDA_ONLY:
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.+\-]*", spec), \
            f"{path.name}: {spec!r} is not pinned with =="
        version = spec.split("==", 1)[1]
        pins[_canon(run.CONDA_NAMES.get(name, name))] = version
    return pins


@pytest.fixture(scope="module")
def constraints() -> dict[str, dict[str, dict[str, str]]]:
    return run.read_constraints()


def _versions(section: dict[str, dict[str, str]]) -> dict[str, str]:
    return {name: entry["version"] for name, entry in section.items()}


def test_constraints_file_has_the_three_sections(constraints) -> None:
    assert list(constraints) == ["learner", "test", "indirect"]
    learner = set(constraints["learner"])
    for must in ("jupyterlab", "ipywidgets", "jupyterlab-widgets", "ipykernel", "matplotlib",
                 "numpy", "pandas", "scipy", "scikit-learn", "lifelines", "pillow"):
        assert must in learner, f"{must} must be pinned in the [learner] section"
    names = [n for section in constraints.values() for n in section]
    assert len(names) == len(set(names)), "a package is pinned twice"
    assert not set(constraints["learner"]) & NOT_ON_BINDER


def test_every_hand_chosen_pin_says_why(constraints) -> None:
    for section in ("learner", "test"):
        for entry in constraints[section].values():
            assert entry["why"] and entry["why"] != run.REASON_PLACEHOLDER, \
                f"{entry['name']}: say why it is there"
    for entry in constraints["indirect"].values():
        assert entry["why"], f"{entry['name']}: say which package needs it"


def test_pyproject_dependencies_are_pinned_within_their_ranges(root: Path, constraints) -> None:
    runtime, test = _pyproject(root)
    for section, requirements in (("learner", runtime), ("test", test)):
        for req in requirements:
            entry = constraints[section].get(_canon(req.name))
            assert entry, f"{req.name} (pyproject.toml) is not pinned in the [{section}] section"
            assert Version(entry["version"]) in req.specifier, \
                f"{req.name}=={entry['version']} is outside pyproject.toml's {req.specifier}"
    chosen = set(constraints["learner"]) | set(constraints["test"])
    indirect_direct = chosen - {_canon(r.name) for r in runtime + test}
    assert indirect_direct <= {"jupyterlab-widgets", "widgetsnbextension", "ipykernel"}, \
        "hand-chosen pins beyond pyproject.toml must be the widget JavaScript or the kernel"


def test_environment_yml_pins_the_same_versions(root: Path, constraints) -> None:
    chosen = {**_versions(constraints["learner"]), **_versions(constraints["test"])}
    assert _conda(root / "environment.yml") == chosen


def test_binder_environment_is_the_learner_set_only(root: Path, constraints) -> None:
    binder = _conda(root / "binder" / "environment.yml")
    assert binder == _versions(constraints["learner"])
    assert not set(binder) & NOT_ON_BINDER, "test tools do not belong in the Binder image"


@pytest.mark.parametrize("name", ["environment.yml", "binder/environment.yml"])
def test_conda_files_are_well_formed_and_say_why(root: Path, name: str) -> None:
    path = root / name
    env = yaml.safe_load(path.read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"] and "pip" in env["dependencies"]
    for line in path.read_text().splitlines():
        if line.strip().startswith("- ") and not line.strip().startswith("- conda-forge"):
            assert "#" in line and line.split("#", 1)[1].strip(), f"no reason given: {line}"


def test_the_pins_were_recorded_on_the_python_the_conda_files_name(constraints) -> None:
    text = run.CONSTRAINTS.read_text()
    recorded = re.search(r"on Python (\d+\.\d+)", text)
    assert recorded and recorded.group(1) == "3.11"


def test_pins_needing_a_newer_python_carry_a_marker(constraints) -> None:
    marked = {n: e for s in constraints.values() for n, e in s.items() if e["marker"]}
    assert "numpy" in marked, "numpy 2.3+ needs Python 3.11: its pin needs a marker"
    for entry in marked.values():
        assert re.fullmatch(r'python_full_version >= "3\.(1[1-9])(\.\d+)?"', entry["marker"])


def test_pins_match_this_environment(constraints) -> None:
    """The suite runs in an environment made from the pins (run.py test), so every pin that
    applies here is installed at exactly that version; skipped in ``test --latest``."""
    from importlib import metadata

    if os.environ.get("WORKBOOK_LATEST"):
        pytest.skip("test --latest: newest versions on purpose")
    wrong = {}
    for section in constraints.values():
        for name, entry in section.items():
            if entry["marker"] and not _marker_holds(entry["marker"]):
                continue
            try:
                installed = metadata.version(name)
            except metadata.PackageNotFoundError:
                wrong[name] = "missing"
                continue
            if Version(installed) != Version(entry["version"]):
                wrong[name] = f"{installed} (pinned {entry['version']})"
    assert not wrong, f"installed versions differ from requirements/constraints.txt: {wrong}"


def _marker_holds(marker: str) -> bool:
    from packaging.markers import Marker

    return Marker(marker).evaluate()


def test_read_constraints_names_a_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "constraints.txt"
    bad.write_text("# [learner] x\nnumpy>=2  # a range, not a pin\n")
    with pytest.raises(ValueError, match="line 2"):
        run.read_constraints(bad)


def test_binder_postbuild_installs_with_the_pins_and_builds_the_learner_copy(root: Path) -> None:
    post = root / "binder" / "postBuild"
    assert post.is_file() and os.access(post, os.X_OK), "binder/postBuild must be executable"
    text = post.read_text()
    assert "pip install --no-cache-dir -c requirements/constraints.txt -e ." in text
    assert "python -m precisionmed.course build --to learner --out build/learner" in text
    assert "build/learner" == run.LEARNER_COPY
    assert (root / "lab-overrides.json").is_file()
    assert not (root / "postBuild").exists(), \
        "Binder ignores a top-level postBuild while binder/ exists: keep one, in binder/"


def test_run_py_installs_with_the_constraints_and_latest_without(tmp_path: Path) -> None:
    pinned = run.install_command(Path("py"), "test", pinned=True)
    assert pinned[pinned.index("-c") + 1] == str(run.CONSTRAINTS)
    assert pinned[-2:] == ["-e", f"{run.ROOT}[test]"]
    latest = run.install_command(Path("py"), "test", pinned=False)
    assert "-c" not in latest and "--upgrade" in latest and "eager" in latest


def test_install_stamp_changes_with_pyproject_or_constraints(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("numpy==2.0\n")
    monkeypatch.setattr(run, "ROOT", tmp_path)
    monkeypatch.setattr(run, "CONSTRAINTS", constraints)
    stamp = tmp_path / "stamp"
    first = run.install_fingerprint(pinned=True)
    assert run.needs_install(stamp, first, "")
    run.record_install(stamp, first, "test")
    assert not run.needs_install(stamp, first, "test") and not run.needs_install(stamp, first, "")
    constraints.write_text("numpy==2.1\n")
    second = run.install_fingerprint(pinned=True)
    assert second != first and run.needs_install(stamp, second, "")
    run.record_install(stamp, second, "")
    assert run.needs_install(stamp, second, "test"), "the test tools were not installed yet"
    constraints.write_text("numpy==2.0\n")  # back to the first pins: must reinstall again
    assert run.needs_install(stamp, run.install_fingerprint(pinned=True), "")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'y'\n")
    assert run.install_fingerprint(pinned=True) != first
    assert run.install_fingerprint(pinned=False) != run.install_fingerprint(pinned=True)


def test_latest_uses_its_own_venv_and_refuses_other_commands(capsys) -> None:
    assert run.LATEST_VENV == ".venv-latest"
    with pytest.raises(SystemExit):
        run.main(["launch", "--latest"])
    assert "--latest goes with test" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run.main(["test", "--as", "instructor"])
    assert "--as goes with launch" in capsys.readouterr().err


def test_pin_line_marks_pins_that_need_a_newer_python() -> None:
    assert run.pin_line("numpy", "2.4.6", ">=3.11", "arrays") == \
        'numpy==2.4.6; python_full_version >= "3.11"  # arrays'
    assert run.pin_line("pandas", "2.3.3", ">=3.9", "tables") == "pandas==2.3.3  # tables"
    assert run.pin_line("nbclient", "0.11", ">=3.10.0", "runs") == "nbclient==0.11  # runs"
    assert run.pin_line("six", "1.17", ">=2.7, !=3.0.*", "old") == "six==1.17  # old"


def test_python_floor_matches(root: Path) -> None:
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.10"
    assert run.MIN_PYTHON == (3, 10)


def test_lock_from_this_environment_reproduces_the_pins(tmp_path: Path, monkeypatch) -> None:
    """``run.py lock`` run on the environment the pins describe writes the same files."""
    if os.environ.get("WORKBOOK_LATEST"):
        pytest.skip("test --latest: newest versions on purpose")
    originals = (run.CONSTRAINTS, *run.CONDA_FILES)
    copies = []
    for path in originals:
        copy = tmp_path / path.relative_to(run.ROOT)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(copy)
    monkeypatch.setattr(run, "ROOT", tmp_path)
    monkeypatch.setattr(run, "CONSTRAINTS", copies[0])
    monkeypatch.setattr(run, "CONDA_FILES", tuple(copies[1:]))
    assert run.lock(Path(sys.executable)) == 0

    def same(text: str) -> str:  # the Python patch release may differ between machines
        return re.sub(r"on Python (\d+\.\d+)\.\d+", r"on Python \1", text)

    for original, copy in zip(originals, copies, strict=True):
        new, old = copy.read_text(encoding="utf-8"), original.read_text(encoding="utf-8")
        assert same(new) == same(old), \
            f"{original.name} differs from this environment's versions (python3 run.py lock)"
