r"""Write tables and their schemas byte for byte the same on every platform.

Simulators call :func:`write_table`; it rounds float columns to the decimals their schema
declares, writes ``\\n`` line endings and UTF-8, and writes the ``.schema.json`` sidecar that
:mod:`precisionmed.data` checks when a lesson loads the table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from precisionmed.data import COLUMN_TYPES


def column(name: str, kind: str, description: str, **extra: object) -> dict[str, object]:
    """One column entry of a schema.

    Optional keywords: ``unit``, ``decimals``, ``nullable``, ``allowed`` (list of values).
    """
    return {"name": name, "type": kind, "description": description, **extra}


def write_json(path: Path, payload: dict[str, Any]) -> Path:
    """Write ``payload`` as stable, indented UTF-8 JSON ending in a newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    path.write_bytes(text.encode("utf-8"))
    return path


def write_schema(out_dir: Path, name: str, spec: dict[str, Any]) -> Path:
    """Write the schema sidecar ``<name>.schema.json`` under ``out_dir``."""
    for key in ("title", "description", "made_by", "version", "columns"):
        if key not in spec:
            raise ValueError(f"Schema for {name!r} needs a {key!r} entry.")
    return write_json(Path(out_dir) / f"{name}.schema.json", spec)


def format_frame(frame: pd.DataFrame, spec: dict[str, Any]) -> pd.DataFrame:
    """Return ``frame`` with columns ordered and values formatted as strings per ``spec``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}.")
    if not isinstance(spec, dict) or not isinstance(spec.get("columns"), list):
        raise ValueError("spec must be a schema dict with a 'columns' list.")
    if not all(isinstance(c, dict) and "name" in c and "type" in c for c in spec["columns"]):
        raise ValueError("every schema column needs a 'name' and a 'type'.")
    names = [c["name"] for c in spec["columns"]]
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise ValueError(f"Frame lacks the schema's columns {missing}.")
    out = pd.DataFrame(index=range(len(frame)))
    for column in spec["columns"]:
        values = frame[column["name"]].reset_index(drop=True)
        kind = column["type"]
        if kind not in COLUMN_TYPES:
            raise ValueError(f"Unknown column type {kind!r}; allowed: {', '.join(COLUMN_TYPES)}.")
        if kind == "float":
            decimals = int(column.get("decimals", 4))
            out[column["name"]] = [
                "" if pd.isna(v) else f"{round(float(v), decimals):.{decimals}f}" for v in values
            ]
        elif kind == "integer":
            out[column["name"]] = ["" if pd.isna(v) else str(int(v)) for v in values]
        elif kind == "boolean":
            out[column["name"]] = ["" if pd.isna(v) else ("true" if bool(v) else "false")
                                   for v in values]
        else:
            out[column["name"]] = ["" if pd.isna(v) else str(v) for v in values]
    return out


def write_table(frame: pd.DataFrame, out_dir: Path, name: str, spec: dict[str, Any]) -> list[Path]:
    """Write ``frame`` as ``<out_dir>/<name>.csv`` with its schema sidecar; return both paths."""
    target = Path(out_dir) / f"{name}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = format_frame(frame, spec).to_csv(index=False, lineterminator="\n")
    target.write_bytes(text.encode("utf-8"))
    spec = {**spec, "format": "csv"}
    return [target, write_schema(out_dir, name, spec)]
