"""Read the oncology knowledge tables (facts with sources) that the science functions use.

Code only reads tables: a new approval or a changed evidence level is a data change in
``datasets/knowledge/onc_*.csv``, not a code change.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from precisionmed import data

ACTIONABILITY = "knowledge/onc_actionability"
PREVALENCE = "knowledge/onc_prevalence"
HOTSPOTS = "knowledge/onc_hotspots"
EXONS = "knowledge/onc_exons"
PROTEINS = "knowledge/protein_lengths"

#: Order used to sort matches: strongest sensitivity evidence first, then resistance.
LEVEL_ORDER: dict[str, int] = {"1": 0, "2": 1, "3A": 2, "R1": 3, "R2": 4}

#: Cancer types the course's tables use, with other names learners may type.
CANCER_TYPES: tuple[str, ...] = ("lung", "melanoma", "colorectal", "breast", "CML", "GIST",
                                 "AML", "ovarian", "oesophagogastric")
CANCER_ALIASES: dict[str, str] = {
    "nsclc": "lung", "non-small cell lung cancer": "lung", "lung cancer": "lung",
    "lung adenocarcinoma": "lung", "skin melanoma": "melanoma", "cutaneous melanoma": "melanoma",
    "crc": "colorectal", "colon": "colorectal", "bowel": "colorectal", "rectal": "colorectal",
    "colorectal cancer": "colorectal", "bowel cancer": "colorectal",
    "breast cancer": "breast", "chronic myeloid leukaemia": "CML",
    "chronic myeloid leukemia": "CML", "cml": "CML", "gist": "GIST",
    "gastrointestinal stromal tumour": "GIST", "gastrointestinal stromal tumor": "GIST",
    "aml": "AML", "acute myeloid leukaemia": "AML", "acute myeloid leukemia": "AML",
    "ovarian cancer": "ovarian", "ovary": "ovarian", "gastric": "oesophagogastric",
    "stomach": "oesophagogastric", "oesophageal": "oesophagogastric",
    "esophagogastric": "oesophagogastric", "esophageal": "oesophagogastric",
}
#: Blood cancers: tumour-agnostic approvals in the table are for solid tumours only.
BLOOD_CANCERS: frozenset[str] = frozenset({"CML", "AML"})


@lru_cache(maxsize=8)
def _table(name: str) -> pd.DataFrame:
    return data.load(name)


def actionability() -> pd.DataFrame:
    """Return the biomarker → drug → cancer type → evidence-level table (with sources)."""
    return _table(ACTIONABILITY).copy()


def prevalence() -> pd.DataFrame:
    """Return how common each biomarker is, by cancer type and population (with sources)."""
    return _table(PREVALENCE).copy()


def hotspots() -> pd.DataFrame:
    """Return known oncogenic hotspots with GRCh38 coordinates where checked."""
    return _table(HOTSPOTS).copy()


def prevalence_of(biomarker: str, cancer_type: str, population: str) -> float:
    """Look up one prevalence (a share between 0 and 1) from the knowledge table.

    Raises
    ------
    ValueError
        If no row matches; the message lists the rows for that cancer type.
    """
    table = prevalence()
    hit = table[(table["biomarker"] == biomarker) & (table["cancer_type"] == cancer_type)
                & (table["population"] == population)]
    if hit.empty:
        options = table[table["cancer_type"] == cancer_type][["biomarker", "population"]]
        raise ValueError(f"No prevalence for {biomarker!r} in {cancer_type} ({population}). "
                         f"Rows for {cancer_type}: {options.values.tolist()}")
    return float(hit["prevalence"].iloc[0])


@lru_cache(maxsize=1)
def rows_by_gene() -> dict[str, tuple[dict, ...]]:
    """Actionability rows grouped by gene, as read-only records (fast repeated matching)."""
    table = _table(ACTIONABILITY)
    out: dict[str, list[dict]] = {}
    for rec in table.to_dict("records"):
        out.setdefault(str(rec["gene"]), []).append(rec)
    return {gene: tuple(recs) for gene, recs in out.items()}


@lru_cache(maxsize=1)
def hotspot_names() -> frozenset[tuple[str, str]]:
    """Every (gene, alteration) pair listed in the hotspot table."""
    table = _table(HOTSPOTS)
    return frozenset(zip(table["gene"], table["alteration"], strict=True))


def protein_lengths() -> pd.DataFrame:
    """Return each gene's UniProt accession, canonical protein length and checked residues."""
    return _table(PROTEINS).copy()


@lru_cache(maxsize=1)
def reference_residues() -> dict[str, tuple[int, dict[int, str]]]:
    """Gene → (canonical length, {position: reference residue}) from ``protein_lengths``.

    The residues are those of the checked start of the canonical sequence
    (``reference_sequence``) and those named by the course's sourced changes
    (``named_residues``, such as ``V600`` for BRAF).
    """
    out: dict[str, tuple[int, dict[int, str]]] = {}
    for rec in _table(PROTEINS).to_dict("records"):
        residues: dict[int, str] = {}
        seq = rec["reference_sequence"] if isinstance(rec["reference_sequence"], str) else ""
        for i, letter in enumerate(seq, start=1):
            residues[i] = letter
        named = rec["named_residues"] if isinstance(rec["named_residues"], str) else ""
        for token in filter(None, named.split(";")):
            residues[int(token[1:])] = token[0]
        out[str(rec["gene"])] = (int(rec["canonical_length"]), residues)
    return out


def check_protein_change(gene: str, change: str) -> str | None:
    """Say what is impossible about a one-letter protein change, or ``None`` if it fits.

    ``change`` is a substitution such as ``"L858R"`` or the first residue of a deletion,
    insertion or duplication such as ``"E746_A750del"``. The change fits when the gene is
    in ``knowledge/protein_lengths``, every position named lies inside the canonical protein
    and every residue named there equals the reference residue the table records for that
    position (positions the table does not record are not judged).

    Raises
    ------
    TypeError
        If ``gene`` or ``change`` is not text.
    """
    if not isinstance(gene, str) or not isinstance(change, str):
        raise TypeError("gene and change must be text, such as 'EGFR' and 'L858R'.")
    table = reference_residues()
    if gene not in table:
        return (f"{gene} is not in knowledge/protein_lengths (genes there: "
                f"{', '.join(sorted(table))}).")
    length, residues = table[gene]
    named = re.findall(r"([ACDEFGHIKLMNPQRSTVWY])(\d+)", change.split("_ins")[0].split("del")[0]
                       .split("dup")[0].split("fs")[0])
    if not named:
        return f"{gene} {change}: no residue and position to check."
    for letter, pos_text in named:
        pos = int(pos_text)
        if not 1 <= pos <= length:
            return f"{gene} {change}: position {pos} lies outside the {length}-residue protein."
        if pos in residues and residues[pos] != letter:
            return (f"{gene} {change}: residue {pos} of {gene} is {residues[pos]}, "
                    f"not {letter}.")
    return None
