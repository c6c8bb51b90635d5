"""precisionmed.data: finding datasets/, loading tables with their schema checked."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from kernelrun import fresh_python

from precisionmed import data
from precisionmed.tables import write_table


def test_datasets_dir_found_from_any_working_directory(tmp_path: Path, root: Path) -> None:
    code = "from precisionmed import data; print(data.datasets_dir())"
    assert Path(fresh_python(code, cwd=tmp_path).strip()) == root / "datasets"


def test_env_var_overrides_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    assert data.datasets_dir() == tmp_path.resolve()
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path / "nope"))
    with pytest.raises(ValueError, match="not a folder"):
        data.datasets_dir()


def test_load_checks_types() -> None:
    trial = data.load("start/trial")
    assert len(trial) == 800
    assert str(trial["marker_positive"].dtype) == "boolean"
    assert str(trial["patient_id"].dtype) == "string"
    patients = data.load("patients/recurring")
    assert str(patients["age_years"].dtype) == "Int64"
    assert set(patients["patient_id"]) == {f"PM-00{i}" for i in range(1, 6)}


def test_load_returns_a_copy() -> None:
    first = data.load("start/trial")
    first.loc[0, "site"] = "changed"
    assert data.load("start/trial").loc[0, "site"] != "changed"


def test_unknown_name_lists_available_and_suggests() -> None:
    with pytest.raises(ValueError) as err:
        data.load("start/trail")
    message = str(err.value)
    assert "'start/trial'" in message and "Available tables" in message
    assert "patients/recurring" in message


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_bad_names_are_friendly(bad: object) -> None:
    with pytest.raises(ValueError, match="table name"):
        data.load(bad)  # type: ignore[arg-type]


def test_every_listed_table_loads_and_documents_every_column() -> None:
    names = data.available()
    assert "start/trial" in names and "patients/recurring" in names
    for name in names:
        spec = data.schema(name)
        if name.startswith("knowledge/"):
            assert spec.get("sources"), f"{name}: knowledge tables name their sources"
            assert "source" in [c["name"] for c in spec["columns"]], f"{name}: needs 'source'"
        for column in spec["columns"]:
            assert column["description"].strip(), (name, column["name"])
        if spec.get("format", "csv") in ("csv", "tsv"):
            frame = data.load(name)
            assert list(frame.columns) == [c["name"] for c in spec["columns"]]


SPEC = {
    "title": "t", "description": "d", "made_by": "test", "version": "1", "sources": [],
    "columns": [
        {"name": "a", "type": "integer", "description": "a number"},
        {"name": "b", "type": "string", "description": "a word", "allowed": ["x", "y"]},
    ],
}


def _write(root: Path, frame: pd.DataFrame, spec: dict | None = None) -> None:
    write_table(frame, root, "demo/table", spec or SPEC)
    (root / "MANIFEST.sha256").write_text("")


def test_schema_mismatch_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, pd.DataFrame({"a": [1], "b": ["x"]}))
    assert data.load("demo/table", root=tmp_path)["a"].tolist() == [1]
    (tmp_path / "demo/table.csv").write_text("a,c\n1,x\n")
    with pytest.raises(ValueError, match="missing columns \\['b'\\]"):
        data.load("demo/table", root=tmp_path)


def test_wrong_type_and_disallowed_values(tmp_path: Path) -> None:
    _write(tmp_path, pd.DataFrame({"a": [1], "b": ["x"]}))
    (tmp_path / "demo/table.csv").write_text("a,b\none,x\n")
    with pytest.raises(ValueError, match="column 'a' is not of type integer"):
        data.load("demo/table", root=tmp_path)
    (tmp_path / "demo/table.csv").write_text("a,b\n1,z\n")
    with pytest.raises(ValueError, match="outside the allowed"):
        data.load("demo/table", root=tmp_path)
    (tmp_path / "demo/table.csv").write_text("a,b\n1,\n")
    with pytest.raises(ValueError, match="missing values"):
        data.load("demo/table", root=tmp_path)


def test_empty_table_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, pd.DataFrame({"a": [1], "b": ["x"]}))
    (tmp_path / "demo/table.csv").write_text("a,b\n")
    with pytest.raises(ValueError, match="empty"):
        data.load("demo/table", root=tmp_path)


def test_schema_needs_descriptions(tmp_path: Path) -> None:
    _write(tmp_path, pd.DataFrame({"a": [1], "b": ["x"]}))
    spec = json.loads((tmp_path / "demo/table.schema.json").read_text())
    spec["columns"][0]["description"] = ""
    (tmp_path / "demo/table.schema.json").write_text(json.dumps(spec))
    with pytest.raises(ValueError, match="no description"):
        data.load("demo/table", root=tmp_path)


def test_fact_row_finds_a_sourced_fact_and_hints_at_a_typo() -> None:
    row = data.fact_row("knowledge/privacy_facts", "sweeney_zip_dob_sex")
    assert float(row["value"]) == 87 and row["source"]
    with pytest.raises(ValueError, match="Did you mean 'sweeney_zip_dob_sex'"):
        data.fact_row("knowledge/privacy_facts", "sweeney_zip_dob_sx")
