"""Annotate tumour alterations in plain words.

Is each a known cancer driver, where is it in the genome, and does it point to a drug in a
given cancer type?
"""

from __future__ import annotations

import pandas as pd

from precisionmed.oncology import knowledge
from precisionmed.oncology.matching import (
    as_alterations,
    is_known_oncogenic,
    match_therapies,
    resolve_cancer_type,
)
from precisionmed.oncology.parsing import Alteration
from precisionmed.vcf import parse_info

ANNOTATION_COLUMNS = ["gene", "alteration", "kind", "oncogenic", "coordinate", "actionable",
                      "resistance", "best_level", "meaning"]


def _coordinate(alt: Alteration) -> str:
    hot = knowledge.hotspots()
    hit = hot[(hot["gene"] == alt.gene) & (hot["alteration"] == alt.alteration)
              & hot["pos"].notna()]
    if hit.empty:
        return ""
    rec = hit.iloc[0]
    return f"{rec['chrom']}:{int(rec['pos'])} {rec['ref']}>{rec['alt']}"


def _from_vcf(records: pd.DataFrame) -> list[Alteration]:
    """Name each VCF row: a known hotspot by its coordinate, else the INFO GENE/PROT tags."""
    from precisionmed.oncology.parsing import parse_alteration

    hot = knowledge.hotspots().dropna(subset=["pos"])
    by_coord = {(r.chrom, int(r.pos), r.ref, r.alt): (r.gene, r.alteration)
                for r in hot.itertuples(index=False)}
    out = []
    for rec in records.itertuples(index=False):
        key = (str(rec.CHROM), int(rec.POS), str(rec.REF), str(rec.ALT))
        if key in by_coord:
            gene, alteration = by_coord[key]
        else:
            info = parse_info(str(getattr(rec, "INFO", ".")))
            gene, alteration = info.get("GENE"), info.get("PROT")
            if not isinstance(gene, str) or not isinstance(alteration, str):
                raise ValueError(f"VCF row {key[0]}:{key[1]} {key[2]}>{key[3]} is not a known "
                                 "hotspot and has no INFO GENE/PROT tags to name it.")
        out.append(parse_alteration(f"{gene} {alteration}"))
    return out


def annotate(alterations: object, cancer_type: str | None = None) -> pd.DataFrame:
    """Describe each alteration in plain words.

    ``alterations`` is anything :func:`match_therapies` accepts, or VCF rows (a table with
    ``CHROM``, ``POS``, ``REF``, ``ALT`` and ``INFO`` columns, e.g. from
    :func:`precisionmed.vcf.read_vcf`): known hotspots are recognised by their GRCh38
    coordinates, other rows by their ``INFO`` ``GENE``/``PROT`` tags.

    Returns one row per alteration with columns ``gene``, ``alteration``, ``kind``,
    ``oncogenic`` (known driver in the course's tables), ``coordinate`` (GRCh38, when known),
    ``actionable`` (a drug with sensitivity evidence in ``cancer_type``; in any cancer type
    when ``cancer_type`` is None), ``resistance`` (predicts a drug will fail), ``best_level``
    and ``meaning`` (one plain sentence).

    Raises
    ------
    ValueError
        For unreadable alterations, unknown genes or an unknown cancer type.
    """
    if isinstance(alterations, pd.DataFrame) and "gene" not in alterations.columns and {
            "CHROM", "POS", "REF", "ALT"} <= set(alterations.columns):
        alts = _from_vcf(alterations)
    else:
        alts = as_alterations(alterations)
    cancers = [resolve_cancer_type(cancer_type)] if cancer_type is not None else list(
        knowledge.CANCER_TYPES)
    rows = []
    for alt in alts:
        oncogenic = is_known_oncogenic(alt)
        matches = pd.concat([match_therapies([alt], c) for c in cancers], ignore_index=True)
        sens = matches[~matches["resistance"].astype(bool)
                       & matches["status"].isin(["option", "other setting", "blocked"])]
        levels = sorted(sens["evidence_level"], key=lambda x: knowledge.LEVEL_ORDER.get(x, 9))
        resistance = bool(matches["resistance"].astype(bool).any())
        where = f" in {cancer_type}" if cancer_type is not None else ""
        what = "biomarker" if alt.kind in ("msi", "tmb") else "driver"
        if alt.kind in ("msi", "tmb") and not oncogenic:
            meaning = f"{alt.name}: not a treatment-changing result in this course's table."
        elif not oncogenic:
            from precisionmed.oncology.classes import placement

            where_it_is = placement(alt)
            detail = f" ({where_it_is}, and no class rule covers it)" if where_it_is else ""
            meaning = (f"{alt.name}: variant of unknown significance — not a known driver in "
                       f"this course's tables{detail}, so no drug is matched.")
        elif levels and resistance:
            meaning = (f"{alt.name}: known {what}; points to drugs{where} (best level "
                       f"{levels[0]}) and predicts resistance to others.")
        elif levels:
            meaning = (f"{alt.name}: known {what} with a matched drug{where} "
                       f"(best level {levels[0]}).")
        elif resistance:
            meaning = f"{alt.name}: known {what} that predicts resistance to a drug{where}."
        else:
            meaning = (f"{alt.name}: known {what}, but no matched drug{where} in this "
                       "course's table.")
        rows.append({"gene": alt.gene, "alteration": alt.label, "kind": alt.kind,
                     "oncogenic": oncogenic, "coordinate": _coordinate(alt),
                     "actionable": bool(levels), "resistance": resistance,
                     "best_level": levels[0] if levels else "", "meaning": meaning})
    return pd.DataFrame(rows, columns=ANNOTATION_COLUMNS)
