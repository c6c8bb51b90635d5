"""Rebuild ``datasets/`` byte for byte: ``python -m precisionmed.datasets build [--out DIR]``.

The build runs every topic's seeded simulator (``precisionmed.<topic>.simulate``, found by
:mod:`precisionmed.topics`), copies the hand-curated knowledge tables (``knowledge/``,
facts with their sources), writes the data dictionary ``README.md`` from the tables'
schemas, and writes ``MANIFEST.sha256``. Run with no ``--out`` it
rewrites the project's own ``datasets/``; with ``--out DIR`` it writes a fresh copy there, which
must equal ``datasets/`` byte for byte. ``verify`` checks files against the manifest.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import time
from pathlib import Path
from types import ModuleType

from precisionmed._checks import existing_dir
from precisionmed.data import datasets_dir, read_schema
from precisionmed.topics import part_modules

MANIFEST = "MANIFEST.sha256"
#: Hand-written inputs, copied unchanged into a ``--out`` build: the knowledge tables and the
#: course's recurring patients (facts that are data live in data files, not in code).
CURATED = ("knowledge", "patients/recurring.csv", "patients/recurring.schema.json")

_README_INTRO = """# Data dictionary

Everything the lessons read lives here. **All patient data is simulated** by seeded code in
each topic's `helpers/precisionmed/<topic>/simulate.py`; no file holds a real person's data.
The `knowledge/` tables hold published facts (guidelines, papers, databases) with the source
named on every row; they are simplified for teaching and are **not medical advice**.

This file is generated from the `*.schema.json` file beside each table by
`python -m precisionmed.datasets build`; edit the schemas, not this file.

- Rebuild everything (byte for byte): `python -m precisionmed.datasets build`
- Rebuild into another folder to compare: `python -m precisionmed.datasets build --out /tmp/ds`
- Check files against `MANIFEST.sha256`: `python -m precisionmed.datasets verify`

Types: `string` text, `integer` whole number, `float` decimal number, `boolean` `true`/`false`.
An empty cell means "missing" and is only allowed where a column says *may be empty*.
"""


def simulators() -> dict[str, ModuleType]:
    """Every dataset builder by topic name, in build order (``ORDER``, then name).

    A builder is a topic's ``simulate`` module (:mod:`precisionmed.topics`) that defines
    ``build(out_dir) -> list[Path]``.
    """
    found = []
    for module in part_modules("simulate"):
        if callable(getattr(module, "build", None)):
            topic = module.__name__.split(".")[1]
            found.append((getattr(module, "ORDER", 100), topic, module))
    return {name: module for _, name, module in sorted(found, key=lambda t: (t[0], t[1]))}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tracked_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.name != MANIFEST and "__pycache__" not in p.parts
    )


def manifest_text(root: Path) -> str:
    """Return the manifest for ``root``: one ``<sha256>  <relative path>`` line per file."""
    root = existing_dir(root, "datasets")
    lines = [f"{_sha256(p)}  {p.relative_to(root).as_posix()}" for p in _tracked_files(root)]
    return "\n".join(lines) + "\n"


def verify(root: Path | None = None) -> list[str]:
    """Compare ``root`` (default: the project's ``datasets/``) with its manifest.

    Returns a list of human-readable problems; an empty list means everything matches.
    """
    base = existing_dir(root, "datasets") if root is not None else datasets_dir()
    manifest = base / MANIFEST
    if not manifest.is_file():
        return [f"{manifest} is missing"]
    expected = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, rel = line.partition("  ")
        expected[rel] = digest
    actual = {p.relative_to(base).as_posix(): _sha256(p) for p in _tracked_files(base)}
    problems = [f"missing: {rel}" for rel in sorted(set(expected) - set(actual))]
    problems += [f"not in manifest: {rel}" for rel in sorted(set(actual) - set(expected))]
    problems += [
        f"changed: {rel}" for rel in sorted(set(actual) & set(expected))
        if actual[rel] != expected[rel]
    ]
    return problems


def _column_rows(spec: dict) -> list[str]:
    rows = ["| column | type | unit | description |", "|---|---|---|---|"]
    for column in spec["columns"]:
        desc = column["description"].replace("|", "\\|")
        if column.get("nullable"):
            desc += " *May be empty.*"
        if column.get("allowed"):
            desc += " Allowed: " + ", ".join(f"`{a}`" for a in column["allowed"]) + "."
        rows.append(
            f"| `{column['name']}` | {column['type']} | {column.get('unit', '') or '–'} | {desc} |"
        )
    return rows


def readme_text(root: Path) -> str:
    """Generate the data dictionary from every ``*.schema.json`` under ``root``."""
    root = existing_dir(root, "datasets")
    parts = [_README_INTRO]
    for schema_path in sorted(root.rglob("*.schema.json")):
        spec = read_schema(schema_path)
        rel = schema_path.relative_to(root).as_posix()[: -len(".schema.json")]
        fmt = spec.get("format", "csv")
        parts.append(f"## `{rel}.{fmt}` — {spec['title']}\n")
        parts.append(spec["description"] + "\n")
        parts.append(f"- Made by: {spec['made_by']}")
        parts.append(f"- Version: {spec['version']}")
        if spec.get("as_of"):
            parts.append(f"- Facts checked (as of): {spec['as_of']}")
        if spec.get("licence"):
            parts.append(f"- Licence: {spec['licence']}")
        for source in spec.get("sources", []):
            parts.append(f"- Source: {source}")
        parts.append("")
        parts.extend(_column_rows(spec))
        parts.append("")
    return "\n".join(parts)


def build(out: Path | None = None, progress: bool = True) -> list[Path]:
    """Regenerate every dataset file into ``out`` (default: the project's ``datasets/``).

    Returns the list of files written. Prints one progress line per step when ``progress``.
    """
    source = datasets_dir()
    target = Path(out).resolve() if out is not None else source
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    steps = list(simulators().items())
    total = len(steps) + 2

    def say(i: int, label: str, started: float) -> None:
        if progress:
            print(f"[{i}/{total}] {label} ({time.perf_counter() - started:.1f} s)", flush=True)

    t0 = time.perf_counter()
    if target != source:
        for rel in CURATED:
            if (source / rel).is_dir():
                shutil.copytree(source / rel, target / rel, dirs_exist_ok=True)
                written.extend(_tracked_files(target / rel))
            elif (source / rel).is_file():
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / rel, target / rel)
                written.append(target / rel)
    say(1, "copied curated tables (knowledge, recurring patients)", t0)
    for i, (name, module) in enumerate(steps, start=2):
        t0 = time.perf_counter()
        written.extend(module.build(target))
        say(i, f"simulated {name}", t0)
    t0 = time.perf_counter()
    readme = target / "README.md"
    readme.write_bytes(readme_text(target).encode("utf-8"))
    written.append(readme)
    (target / MANIFEST).write_bytes(manifest_text(target).encode("utf-8"))
    written.append(target / MANIFEST)
    say(total, f"wrote README.md and {MANIFEST} in {target}", t0)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m precisionmed.datasets", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    build_p = sub.add_parser("build", help="regenerate every simulated file from its seed")
    build_p.add_argument("--out", type=Path, default=None,
                         help="folder to write into (default: the project's datasets/)")
    sub.add_parser("verify", help="check datasets/ against MANIFEST.sha256")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.out)
        return 0
    problems = verify()
    for problem in problems:
        print(problem)
    print("datasets/ matches its manifest" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
