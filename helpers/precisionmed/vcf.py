"""Read and write small VCF 4.2 files (the variant format sequencing labs use).

Only what the lessons need: the fixed columns, ``INFO`` key=value pairs and per-sample
``FORMAT`` fields. Source for the format: the samtools/hts-specs VCFv4.2 specification.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

FIXED_COLUMNS = ["CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]


def write_vcf(
    target: Path,
    records: pd.DataFrame,
    meta_lines: Sequence[str],
    samples: Sequence[str] = (),
) -> Path:
    """Write a VCF 4.2 file.

    ``records`` holds the fixed columns (and ``FORMAT`` plus one column per sample when
    ``samples`` is given) as already-formatted strings or numbers. ``meta_lines`` are the
    ``##`` lines after ``##fileformat=VCFv4.2`` (without the leading ``##``).
    """
    columns = FIXED_COLUMNS + (["FORMAT", *samples] if samples else [])
    missing = [c for c in columns if c not in records.columns]
    if missing:
        raise ValueError(f"VCF records lack columns {missing}.")
    lines = ["##fileformat=VCFv4.2", *(f"##{m}" for m in meta_lines), "#" + "\t".join(columns)]
    for row in records[columns].itertuples(index=False):
        lines.append("\t".join(str(v) for v in row))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return target


def read_vcf(source: Path | str) -> pd.DataFrame:
    """Read a VCF file into a table: the fixed columns, ``FORMAT`` and one column per sample.

    ``POS`` is an integer; everything else stays text, exactly as written in the file.

    Raises
    ------
    ValueError
        If the file does not start with ``##fileformat=VCFv4.x`` or has no header line.
    """
    from precisionmed._checks import existing_file

    path = existing_file(source, "VCF file")
    try:
        text = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path} is not a text VCF file: {exc}") from exc
    if not text or not text[0].startswith("##fileformat=VCFv4"):
        raise ValueError(f"{source} is not a VCF file: its first line must be ##fileformat=VCFv4.x")
    header_index = next((i for i, line in enumerate(text) if line.startswith("#CHROM")), None)
    if header_index is None:
        raise ValueError(f"{source} has no '#CHROM' header line.")
    header = text[header_index][1:].split("\t")
    rows = [line.split("\t") for line in text[header_index + 1 :] if line]
    bad = [i for i, row in enumerate(rows) if len(row) != len(header)]
    if bad or header[:8] != FIXED_COLUMNS:
        raise ValueError(f"{source} is malformed: the header must start with "
                         f"{'/'.join(FIXED_COLUMNS)} and every row needs {len(header)} fields.")
    frame = pd.DataFrame(rows, columns=header)
    frame["POS"] = frame["POS"].astype(int)
    return frame


def parse_info(info: str) -> dict[str, str | bool]:
    """Split an ``INFO`` field into a dict (flags become ``True``)."""
    if not isinstance(info, str):
        raise TypeError(f"info must be the INFO text of a VCF row, got {type(info).__name__}.")
    if info in ("", "."):
        return {}
    out: dict[str, str | bool] = {}
    for part in info.split(";"):
        key, sep, value = part.partition("=")
        out[key] = value if sep else True
    return out


def sample_fields(format_field: str, sample_field: str) -> dict[str, str]:
    """Pair a ``FORMAT`` string (``GT:AD:DP``) with one sample's values (``0/1:12,10:22``)."""
    if not isinstance(format_field, str) or not isinstance(sample_field, str):
        raise TypeError("format_field and sample_field must be the text of a VCF row.")
    keys = format_field.split(":")
    values = sample_field.split(":")
    return dict(zip(keys, values + ["."] * (len(keys) - len(values)), strict=False))
