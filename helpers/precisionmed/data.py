"""Find the ``datasets/`` folder and load its tables with their schema checked.

Every table in ``datasets/`` has a sidecar file ``<table>.schema.json`` that names its columns,
their types and units, where the table came from and its version. :func:`load` reads the table
and checks it against that schema, so a lesson never works on a silently broken file.

Example:
-------
>>> from precisionmed import data
>>> patients = data.load("patients/recurring")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

#: Environment variable that points at a ``datasets/`` folder (overrides the search).
ENV_VAR = "PRECISIONMED_DATASETS"

#: Column types a schema may use, and the pandas dtype each is read as.
COLUMN_TYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "float": "float64",
    "boolean": "boolean",
}

_SCHEMA_SUFFIX = ".schema.json"


def datasets_dir() -> Path:
    """Return the project's ``datasets/`` folder, whatever the working directory.

    The folder is found, in order, from the ``PRECISIONMED_DATASETS`` environment variable,
    by walking up from the installed package (an editable install inside the repository), and
    by walking up from the current working directory.

    Raises
    ------
    ValueError
        If no ``datasets/`` folder with a ``MANIFEST.sha256`` is found.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser().resolve()
        if not path.is_dir():
            raise ValueError(f"{ENV_VAR} points at {path}, which is not a folder.")
        return path
    starts = [Path(__file__).resolve().parent, Path.cwd().resolve()]
    for start in starts:
        for folder in [start, *start.parents]:
            candidate = folder / "datasets"
            if (candidate / "MANIFEST.sha256").is_file():
                return candidate
    raise ValueError(
        "Could not find the course's datasets/ folder. Open the notebooks from inside the "
        f"project folder, or set {ENV_VAR} to the folder's path."
    )


def available(root: Path | None = None) -> list[str]:
    """List the names of all tables that :func:`load` can read, e.g. ``"patients/recurring"``."""
    from precisionmed._checks import existing_dir

    base = existing_dir(root, "datasets") if root is not None else datasets_dir()
    names = []
    for schema in sorted(base.rglob(f"*{_SCHEMA_SUFFIX}")):
        rel = schema.relative_to(base).as_posix()[: -len(_SCHEMA_SUFFIX)]
        names.append(rel)
    return names


def _resolve(name: str, root: Path | None) -> tuple[Path, Path, str]:
    if not isinstance(name, str) or not name.strip():
        raise ValueError("A table name must be a non-empty string such as 'patients/recurring'.")
    from precisionmed._checks import existing_dir

    base = existing_dir(root, "datasets") if root is not None else datasets_dir()
    clean = name.strip().replace("\\", "/")
    for ext in (".csv", ".tsv", ".vcf"):
        if clean.endswith(ext):
            clean = clean[: -len(ext)]
    direct = base / f"{clean}{_SCHEMA_SUFFIX}"
    # A known name is found directly; the whole folder is listed only to explain a miss.
    if ".." in clean.split("/") or clean.startswith("/") or not direct.is_file():
        names = available(base)
        close = difflib.get_close_matches(clean, names, n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(
            f"There is no table called {name!r}.{hint} Available tables: {', '.join(names)}."
        )
    schema_path = direct
    schema = read_schema(schema_path)
    file_path = base / f"{clean}.{schema.get('format', 'csv')}"
    return file_path, schema_path, clean


def read_schema(path: Path) -> dict[str, Any]:
    """Read and minimally validate a ``*.schema.json`` file."""
    from precisionmed._checks import existing_file

    path = existing_file(path, "schema file")
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"Schema {path} is not valid JSON: {exc}") from exc
    if not isinstance(schema, dict) or not isinstance(schema.get("columns", []), list):
        raise ValueError(f"Schema {path} must be a JSON object with a 'columns' list.")
    for key in ("title", "description", "made_by", "version", "columns"):
        if key not in schema:
            raise ValueError(f"Schema {path} has no {key!r} entry.")
    for column in schema["columns"]:
        if not isinstance(column, dict):
            raise ValueError(f"Schema {path}: every column entry must be an object.")
        if column.get("type") not in COLUMN_TYPES:
            raise ValueError(
                f"Schema {path}: column {column.get('name')!r} has type {column.get('type')!r}; "
                f"allowed types are {', '.join(COLUMN_TYPES)}."
            )
        if not column.get("description"):
            raise ValueError(f"Schema {path}: column {column.get('name')!r} has no description.")
    return schema


def schema(name: str, root: Path | None = None) -> dict[str, Any]:
    """Return the schema (columns, types, units, sources, version) of table ``name``."""
    return read_schema(_resolve(name, root)[1])


def path(name: str, root: Path | None = None) -> Path:
    """Return the file path of table ``name`` (for files such as VCFs read by other tools)."""
    return _resolve(name, root)[0]


def _check_table(frame: pd.DataFrame, spec: dict[str, Any], name: str) -> pd.DataFrame:
    expected = [c["name"] for c in spec["columns"]]
    if list(frame.columns) != expected:
        missing = [c for c in expected if c not in frame.columns]
        extra = [c for c in frame.columns if c not in expected]
        raise ValueError(
            f"Table {name!r} does not match its schema: missing columns {missing}, "
            f"unexpected columns {extra}."
        )
    if frame.empty:
        raise ValueError(f"Table {name!r} is empty.")
    out = frame.copy()
    for column in spec["columns"]:
        col = column["name"]
        kind = column["type"]
        try:
            if kind == "boolean":
                mapped = out[col].map(
                    {"true": True, "false": False, "True": True, "False": False, True: True,
                     False: False}
                )
                if mapped.isna().ne(out[col].isna()).any():
                    raise ValueError("values other than true/false")
                out[col] = mapped.astype("boolean")
            elif kind == "integer":
                out[col] = pd.to_numeric(out[col], errors="raise").astype("Int64")
            elif kind == "float":
                out[col] = pd.to_numeric(out[col], errors="raise").astype("float64")
            else:
                out[col] = out[col].astype("string")
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"Table {name!r}, column {col!r} is not of type {kind}: {exc}"
            ) from exc
        if not column.get("nullable", False) and out[col].isna().any():
            raise ValueError(f"Table {name!r}, column {col!r} has missing values.")
        allowed = column.get("allowed")
        if allowed is not None:
            bad = sorted(set(out[col].dropna().unique()) - set(allowed))  # uniques: fast
            if bad:
                raise ValueError(
                    f"Table {name!r}, column {col!r} has values {bad} outside the allowed "
                    f"values {allowed}."
                )
    return out


@lru_cache(maxsize=64)
def _load_cached(file_path: str, mtime: float, name: str, schema_path: str) -> pd.DataFrame:
    spec = read_schema(Path(schema_path))
    sep = "\t" if spec.get("format") == "tsv" else ","
    frame = pd.read_csv(file_path, sep=sep, dtype=str, keep_default_na=False, na_values=[""])
    return _check_table(frame, spec, name)


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """Load table ``name`` (e.g. ``"patients/recurring"``) with its columns and types checked.

    Parameters
    ----------
    name
        The table's path inside ``datasets/`` without extension. ``available()`` lists them.
    root
        Optional ``datasets/`` folder to read from (defaults to :func:`datasets_dir`).

    Returns
    -------
    pandas.DataFrame
        A fresh copy; changing it never changes the cached table or the file.

    Raises
    ------
    ValueError
        If the name is unknown (the message lists the available tables) or the file does not
        match its schema.
    """
    file_path, schema_path, clean = _resolve(name, root)
    if not file_path.is_file():
        raise ValueError(f"Table {clean!r} is listed but its file {file_path.name} is missing.")
    spec = read_schema(schema_path)
    if spec.get("format", "csv") not in ("csv", "tsv"):
        raise ValueError(
            f"{clean!r} is a {spec['format']} file, not a table; use data.path({clean!r}) and "
            "the matching reader (for VCF files, precisionmed.vcf.read_vcf)."
        )
    frame = _load_cached(str(file_path), file_path.stat().st_mtime, clean, str(schema_path))
    return frame.copy()


def fact_row(table_name: str, key: str) -> pd.Series:
    """One row of a sourced-facts table (columns ``key``, ``value``, ``source``, …) by its key.

    An unknown key gets a ValueError with a "did you mean" hint.
    """
    table = load(table_name)
    keys = list(table["key"])
    if not isinstance(key, str) or key not in keys:
        close = difflib.get_close_matches(str(key), keys, n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"No fact called {key!r}.{hint}")
    return table.loc[table["key"] == key].iloc[0]



def recurring_patients() -> list[dict[str, Any]]:
    """The course's recurring patients (``patients/recurring``) as one dict per person.

    The table is curated by hand (not simulated); every topic's simulator that includes these
    people reads them here, so they are written down once. Empty cells are ``""``.

    >>> [p["name"] for p in recurring_patients()][:2]  # doctest: +SKIP
    ['Amara', 'Wei']
    """
    table = load("patients/recurring")
    rows = table.astype(object).where(table.notna(), "").to_dict("records")
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()} for row in rows]
