"""Zero to JupyterHub, checked: ``deploy/jupyterhub/config.yaml`` against the chart's own values
schema (a copy in ``deploy/jupyterhub/z2jh-values.schema.yaml``), the single-user image built
from the same pinned lock, and the lessons hook run as a pod would run it.

What this cannot check (no Kubernetes cluster, no Docker engine here) is listed in
``deploy/jupyterhub/README.md``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

jsonschema = pytest.importorskip("jsonschema")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import run  # noqa: E402

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub"
SCHEMA = DEPLOY / "z2jh-values.schema.yaml"
CONFIG = DEPLOY / "config.yaml"
DOCKERFILE = DEPLOY / "Dockerfile"
#: The chart release the copy of the schema belongs to, and the JupyterHub its hub runs.
CHART_VERSION = "4.4.0"
HUB_VERSION = "5.5.0"


@functools.lru_cache(maxsize=1)
def _schema() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the schema is 130 kB of YAML
    return yaml.load(SCHEMA.read_text(encoding="utf-8"), Loader=loader)


def _config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def _errors(values: dict) -> list[str]:
    """Schema violations of ``values``, as Helm would see them.

    Helm validates the chart's own ``values.yaml`` merged with the user's file, and the
    chart's defaults supply every section and key the schema marks ``required`` (``proxy``,
    ``hub.baseUrl``, …). A user's values file alone therefore lacks them by design: only
    ``required`` is left to the chart's defaults; every other rule (types, allowed values,
    unknown keys anywhere) is applied to our file as it is.
    """
    validator_class = jsonschema.validators.validator_for(_schema())
    validator = validator_class(_schema(), format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in validator.iter_errors(values) if e.validator != "required"]


def test_schema_copy_names_its_source_version_and_licence() -> None:
    header = "".join(line for line in SCHEMA.read_text(encoding="utf-8").splitlines(True)
                     if line.startswith("#"))
    assert "github.com/jupyterhub/zero-to-jupyterhub-k8s" in header
    assert "commit 48ea50e" in header and f"release {CHART_VERSION}" in header
    assert f"appVersion (the JupyterHub the hub runs) is\n# {HUB_VERSION}" in header
    assert "BSD 3-Clause" in header and "Project Jupyter Contributors" in header


def test_schema_is_valid_draft_7() -> None:
    schema = _schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False, "the check must refuse unknown keys"


def test_config_yaml_matches_the_chart_schema() -> None:
    errors = _errors(_config())
    assert not errors, "config.yaml breaks the chart's values schema:\n" + "\n".join(errors)


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("singleuser", "memory", "limt"), "1.5G", "Additional properties"),   # a typo
    (("cull", "timeout"), "an hour", "is not of type"),                     # a wrong type
    (("singleuser", "image", "pullPolicy"), "Sometimes", "is not one of"),  # not allowed
    (("hubb",), {}, "Additional properties"),                               # unknown section
])
def test_the_check_catches_mistakes(path: tuple[str, ...], value: object, expected: str) -> None:
    config = _config()
    node = config
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    errors = _errors(config)
    assert any(expected in e for e in errors), errors


def test_config_yaml_holds_no_secret_and_pins_its_image() -> None:
    config = _config()
    text = CONFIG.read_text(encoding="utf-8")
    live = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    assert "user_password" not in live and "admin_password" not in live
    image = config["singleuser"]["image"]
    assert image["tag"] not in ("latest", "", None), "pin the image; never 'latest'"
    assert config["singleuser"]["cmd"] == "jupyterhub-singleuser"
    assert config["singleuser"]["defaultUrl"] == "/lab/tree/notebooks/00-start-here.ipynb"


def test_config_yaml_uses_the_sizing_guide_numbers(root: Path) -> None:
    """Guarantee one open lesson (0.30-0.42 GB measured), allow three; the sizing guide quotes
    the same values for Kubernetes."""
    singleuser = _config()["singleuser"]
    assert singleuser["memory"] == {"guarantee": "512M", "limit": "1.5G"}
    assert singleuser["cpu"] == {"guarantee": 0.1, "limit": 1}
    guide = (root / "docs" / "sizing-guide.md").read_text(encoding="utf-8")
    assert "guarantee 512 MB and 0.1 CPU, limit 1.5 GB" in guide


def test_chart_and_hub_versions_are_the_same_everywhere(root: Path) -> None:
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert f"--version {CHART_VERSION}" in readme
    assert f"--version {CHART_VERSION}" in CONFIG.read_text(encoding="utf-8")
    docker = DOCKERFILE.read_text(encoding="utf-8")
    assert f"ARG JUPYTERHUB_VERSION={HUB_VERSION}" in docker
    guide = (root / "docs" / "deploy-upgrade.md").read_text(encoding="utf-8")
    assert CHART_VERSION in guide and HUB_VERSION in guide


def test_image_is_built_from_the_pinned_lock() -> None:
    """The image installs the project with requirements/constraints.txt (the lock every other
    install uses), leaving out only the lock's jupyterhub line: the image's
    jupyterhub-singleuser follows the chart's hub (same major.minor), not the test tools."""
    docker = DOCKERFILE.read_text(encoding="utf-8")
    run_lines = re.sub(r"\\\n\s*", " ", docker)
    install = next(line for line in run_lines.splitlines() if "pip install" in line)
    assert "grep -v '^jupyterhub==' /srv/workbooks/requirements/constraints.txt" in install
    assert "-c /tmp/image-constraints.txt" in install
    assert '-e /srv/workbooks "jupyterhub==${JUPYTERHUB_VERSION}"' in install
    assert "[test]" not in install, "test tools do not belong in the learners' image"
    assert re.search(r"^FROM python:3\.11-", docker, re.M), \
        "the pins were recorded on Python 3.11 (run.py lock)"
    pins = run.read_constraints()
    assert "voila" in pins["learner"], "the image carries app mode too (learner set)"
    assert "jupyterhub" in pins["test"], "the one line the image leaves out of the lock"


def test_image_copies_the_course_outside_the_home_volume() -> None:
    docker = DOCKERFILE.read_text(encoding="utf-8")
    assert "COPY --chown=1000:1000 . /srv/workbooks" in docker
    assert "ENV PRECISIONMED_DATASETS=/srv/workbooks/datasets" in docker
    assert "USER 1000" in docker and 'CMD ["jupyterhub-singleuser"]' in docker
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "build"} <= set(ignored)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_poststart_hook_gives_lessons_and_keeps_a_learners_edits(tmp_path: Path,
                                                                 root: Path) -> None:
    """The postStart command of config.yaml, run as the pod would (the course at
    /srv/workbooks becomes this repository, HOME a fresh folder): every lesson arrives as a
    classroom copy, and a second start never overwrites a learner's edited lesson."""
    command = _config()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:2] == ["sh", "-c"]
    script = command[2].replace("/srv/workbooks", str(root))
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp_path),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("MPLBACKEND", None)
    subprocess.run(["sh", "-c", script], env=env, check=True, timeout=300)
    lessons = sorted(p.name for p in (root / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    got = sorted(p.name for p in (home / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert got == lessons
    assert (home / "notebooks" / "glossary.md").is_file()
    first = home / "notebooks" / lessons[0]
    cells = json.loads(first.read_text(encoding="utf-8"))["cells"]
    assert not [c for c in cells if "solution" in c["metadata"].get("tags", [])]
    assert not [c for c in cells if c.get("outputs")], "classroom copy: outputs cleared"
    first.write_text("my own notes", encoding="utf-8")
    subprocess.run(["sh", "-c", script], env=env, check=True, timeout=300)
    assert first.read_text(encoding="utf-8") == "my own notes"
