"""Filtering a family's exome: quality, population frequency, consequence and inheritance.

A trio table has one row per variant site and the columns ``variant_id``, ``gene``, ``chrom``,
``child_gt``, ``mother_gt``, ``father_gt`` (plus, for the frequency, consequence and quality
filters, ``gnomad_af``, ``consequence`` and ``filter``). Chromosomes are written 1–22, X, Y,
with or without a ``chr`` prefix; genotypes are ``0/0``, ``0/1`` or ``1/1`` (``0|1`` and
``1/0`` are read the same), and on X or Y a male's genotype may be written ``0`` or ``1``
(hemizygous: one copy). Every filter returns a new table; the input is never changed.
Simplified for teaching, not for care.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

#: Columns every trio table needs for :func:`inheritance_filter`.
TRIO_COLUMNS: tuple[str, ...] = ("variant_id", "gene", "chrom", "child_gt", "mother_gt",
                                 "father_gt")

#: Inheritance modes :func:`inheritance_filter` knows (healthy parents assumed).
MODES: tuple[str, ...] = ("de novo", "autosomal recessive", "compound heterozygous",
                          "X-linked recessive")

#: Consequence classes of the course's exomes, most to least severe.
CONSEQUENCES: tuple[str, ...] = ("stop gained", "frameshift", "splice site", "start lost",
                                 "inframe indel", "missense", "splice region", "synonymous")

#: Protein-altering classes: what the consequence filter keeps by default.
PROTEIN_ALTERING: tuple[str, ...] = ("stop gained", "frameshift", "splice site", "start lost",
                                     "inframe indel", "missense")

#: Loss-of-function ("null") classes, for ACMG's PVS1.
LOSS_OF_FUNCTION: tuple[str, ...] = ("stop gained", "frameshift", "splice site", "start lost")

_CHROMS = {str(i) for i in range(1, 23)} | {"X", "Y"}
_GT = {"0/0": 0, "0/1": 1, "1/0": 1, "1/1": 2, "0|0": 0, "0|1": 1, "1|0": 1, "1|1": 2}
_HEMI = {"0": 0, "1": 2}


def _require_frame(trio: object, columns: Iterable[str]) -> pd.DataFrame:
    if not isinstance(trio, pd.DataFrame):
        raise TypeError(f"Expected a trio table (a pandas DataFrame), got "
                        f"{type(trio).__name__}.")
    missing = [c for c in columns if c not in trio.columns]
    if missing:
        raise ValueError(f"The trio table lacks the columns {missing}; it needs "
                         f"{', '.join(columns)}.")
    return trio


def normalise_chrom(chrom: object) -> str:
    """``"chr7"``, ``"7"``, ``7`` → ``"7"``; ``"chrX"`` → ``"X"``. Refuses anything else."""
    if isinstance(chrom, bool):
        raise ValueError(f"{chrom!r} is not a chromosome name.")
    text = str(chrom).strip() if isinstance(chrom, (str, int)) else None
    if text is None:
        raise ValueError(f"{chrom!r:.40} is not a chromosome name; use 1–22, X or Y.")
    if text.lower().startswith("chr"):
        text = text[3:]
    text = text.upper()
    if text not in _CHROMS:
        raise ValueError(f"{chrom!r:.40} is not a chromosome name; use 1–22, X or Y "
                         "(with or without 'chr').")
    return text


def _dosage(values: pd.Series, chroms: pd.Series, male: bool, who: str) -> pd.Series:
    """Alternative-allele dosage 0/1/2 (a hemizygous '1' counts 2: every copy changed)."""
    out = []
    for value, chrom in zip(values.tolist(), chroms.tolist(), strict=True):
        text = value.strip() if isinstance(value, str) else value
        if text in _GT:
            out.append(_GT[text])
        elif male and chrom in ("X", "Y") and text in _HEMI:
            out.append(_HEMI[text])
        else:
            where = " (a male's X or Y may also be 0 or 1)" if male else ""
            raise ValueError(f"{who} genotype {value!r:.20} on chromosome {chrom} is not "
                             f"0/0, 0/1 or 1/1{where}.")
    return pd.Series(out, index=values.index, dtype="int64")


def _parse_trio(trio: object, child_sex: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = _require_frame(trio, TRIO_COLUMNS)
    chroms = frame["chrom"].map(normalise_chrom)
    male = child_sex == "male"
    dosage = pd.DataFrame({
        "chrom": chroms,
        "gene": frame["gene"].astype(str),
        "child": _dosage(frame["child_gt"], chroms, male, "child"),
        "mother": _dosage(frame["mother_gt"], chroms, False, "mother"),
        "father": _dosage(frame["father_gt"], chroms, True, "father"),
    }, index=frame.index)
    return frame, dosage


def _check_mode(mode: object) -> str:
    if not isinstance(mode, str):
        raise TypeError(f"mode must be text, one of {', '.join(MODES)}; got "
                        f"{type(mode).__name__}.")
    clean = " ".join(mode.strip().lower().replace("-", " ").replace("_", " ").split())
    names = {" ".join(m.lower().replace("-", " ").split()): m for m in MODES}
    if clean not in names:
        raise ValueError(f"Unknown inheritance mode {mode!r:.40}; choose one of "
                         f"{', '.join(MODES)}.")
    return names[clean]


def _check_sex(child_sex: object) -> str:
    if not isinstance(child_sex, str) or child_sex.strip().lower() not in ("female", "male"):
        raise ValueError(f"child_sex must be 'female' or 'male', got {child_sex!r:.40}.")
    return child_sex.strip().lower()


def inheritance_filter(trio: pd.DataFrame, mode: str, child_sex: str) -> pd.DataFrame:
    """Rows of ``trio`` that fit inheritance ``mode``, assuming both parents are healthy.

    - ``"de novo"``: child heterozygous, both parents 0/0 (new in the child).
    - ``"autosomal recessive"``: child 1/1 on an autosome, each parent 0/1.
    - ``"compound heterozygous"``: two or more heterozygous variants in one gene of the child
      (autosomes, or X in a daughter), at least one from each parent — each variant is 0/1 in
      one parent and 0/0 in the other. Two from the same parent sit on the same copy (in
      *cis*); the other copy still works, so they do not count.
    - ``"X-linked recessive"``: a son hemizygous (1 or 1/1) on X, mother 0/1, father 0/0.
      A daughter is refused for this mode (she would need two changed copies).

    Returns a new table with the same columns, in the input's order; ``trio`` is not changed.

    Raises
    ------
    ValueError, TypeError
        For an unknown mode or sex, a missing column, or a genotype or chromosome it cannot
        read.
    """
    name = _check_mode(mode)
    sex = _check_sex(child_sex)
    if name == "X-linked recessive" and sex != "male":
        raise ValueError("X-linked recessive disease in this lesson needs a son (child_sex "
                         "'male'): a daughter has a second X copy from her father.")
    frame, d = _parse_trio(trio, sex)
    auto = ~d["chrom"].isin(["X", "Y"])
    if name == "de novo":
        hetero = d["child"] == 1
        keep = hetero & (d["mother"] == 0) & (d["father"] == 0)
    elif name == "autosomal recessive":
        keep = auto & (d["child"] == 2) & (d["mother"] == 1) & (d["father"] == 1)
    elif name == "X-linked recessive":
        keep = (d["chrom"] == "X") & (d["child"] == 2) & (d["mother"] == 1) & (d["father"] == 0)
    else:
        usable = auto | ((d["chrom"] == "X") & (sex == "female"))
        het = usable & (d["child"] == 1)
        maternal = het & (d["mother"] == 1) & (d["father"] == 0)
        paternal = het & (d["father"] == 1) & (d["mother"] == 0)
        genes_m = set(d.loc[maternal, "gene"])
        genes_p = set(d.loc[paternal, "gene"])
        both = genes_m & genes_p
        keep = (maternal | paternal) & d["gene"].isin(both)
    return frame.loc[keep].copy()


def _check_af(max_af: object) -> float:
    if isinstance(max_af, bool) or not isinstance(max_af, (int, float)) \
            or not math.isfinite(max_af) or not 0 <= max_af <= 1:
        raise ValueError(f"max_af must be an allele frequency between 0 and 1 (0.01 = 1%), "
                         f"got {max_af!r:.40}.")
    return float(max_af)


def frequency_filter(trio: pd.DataFrame, max_af: float) -> pd.DataFrame:
    """Rows whose population allele frequency ``gnomad_af`` is at most ``max_af``.

    ``max_af`` is a share: 0.01 keeps variants seen in at most 1% of chromosomes. A variant
    absent from the population database has frequency 0 and is always kept.
    """
    frame = _require_frame(trio, ("gnomad_af",))
    cutoff = _check_af(max_af)
    values = pd.to_numeric(frame["gnomad_af"], errors="coerce")
    if values.isna().any():
        raise ValueError("gnomad_af must be a number in every row (0 = absent).")
    return frame.loc[values <= cutoff].copy()


def consequence_filter(trio: pd.DataFrame,
                       keep: Iterable[str] = PROTEIN_ALTERING) -> pd.DataFrame:
    """Rows whose ``consequence`` is one of ``keep`` (default: protein-altering classes)."""
    frame = _require_frame(trio, ("consequence",))
    if isinstance(keep, str) or not isinstance(keep, Iterable):
        raise TypeError(f"keep must be a list of consequence classes, e.g. ['missense'], got "
                        f"{type(keep).__name__}.")
    wanted = list(keep)
    bad = [k for k in wanted if not isinstance(k, str) or k not in CONSEQUENCES]
    if bad:
        raise ValueError(f"Unknown consequence classes {bad!r:.80}; choose from "
                         f"{', '.join(CONSEQUENCES)}.")
    return frame.loc[frame["consequence"].isin(wanted)].copy()


def quality_filter(trio: pd.DataFrame) -> pd.DataFrame:
    """Rows whose ``filter`` column says ``PASS`` (the call passed the lab's quality checks)."""
    frame = _require_frame(trio, ("filter",))
    return frame.loc[frame["filter"] == "PASS"].copy()


def child_variants(trio: pd.DataFrame) -> pd.DataFrame:
    """Rows where the child carries at least one changed copy (the child's own exome)."""
    frame = _require_frame(trio, ("child_gt",))
    carried = ~frame["child_gt"].astype(str).str.strip().isin(["0/0", "0|0", "0"])
    return frame.loc[carried].copy()
