"""Match tumour alterations to targeted drugs, with evidence levels, sources and resistance.

>>> from precisionmed.oncology import match_therapies
>>> match_therapies("BRAF V600E", "colorectal")[["drug", "evidence_level"]]  # doctest: +SKIP
                     drug evidence_level
0  encorafenib + cetuximab             3A
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

from precisionmed.oncology import knowledge
from precisionmed.oncology.parsing import Alteration, parse_alteration

#: Columns of :func:`match_therapies`'s result, in order.
MATCH_COLUMNS = ["gene", "alteration", "drug", "evidence_level", "cancer_type", "resistance",
                 "source"]


def resolve_cancer_type(cancer_type: str) -> str:
    """Return the course's name for a cancer type (``"NSCLC"`` → ``"lung"``).

    Raises
    ------
    ValueError
        For an unknown cancer type, naming the closest known ones.
    """
    if not isinstance(cancer_type, str) or not cancer_type.strip():
        raise ValueError("cancer_type must be text such as 'lung' or 'colorectal'; known types: "
                         f"{', '.join(knowledge.CANCER_TYPES)}.")
    clean = " ".join(cancer_type.strip().split())
    for name in knowledge.CANCER_TYPES:
        if clean.lower() == name.lower():
            return name
    alias = knowledge.CANCER_ALIASES.get(clean.lower())
    if alias:
        return alias
    choices = [*knowledge.CANCER_TYPES, *knowledge.CANCER_ALIASES]
    close = difflib.get_close_matches(clean.lower(), [c.lower() for c in choices], n=3,
                                      cutoff=0.5)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise ValueError(f"Unknown cancer type {cancer_type!r}.{hint} Known types: "
                     f"{', '.join(knowledge.CANCER_TYPES)}.")


def as_alterations(alterations: object) -> list[Alteration]:
    """Read alterations given in any of the accepted forms.

    Forms: text, a list of texts, :class:`Alteration` objects, or a table with ``gene`` and
    ``alteration`` columns. Text may hold several alterations separated by ';'.

    Raises
    ------
    ValueError
        For any other input, or any alteration that cannot be read.
    """
    if isinstance(alterations, Alteration):
        return [alterations]
    if isinstance(alterations, str):
        parts = [p for p in alterations.split(";")]
        if not any(p.strip() for p in parts):
            raise ValueError("No alteration given: write one such as 'BRAF V600E'.")
        return [parse_alteration(p) for p in parts if p.strip()]
    if isinstance(alterations, pd.DataFrame):
        missing = [c for c in ("gene", "alteration") if c not in alterations.columns]
        if missing:
            raise ValueError(f"The table needs columns 'gene' and 'alteration'; it lacks "
                             f"{missing} (it has {list(alterations.columns)}).")
        out = []
        for gene, alteration in zip(alterations["gene"], alterations["alteration"], strict=True):
            if not isinstance(gene, str) or not isinstance(alteration, str):
                raise ValueError(f"Gene and alteration must be text; got {gene!r}, "
                                 f"{alteration!r}.")
            text = alteration if gene.strip().upper() in ("MSI", "TMB") else f"{gene} {alteration}"
            out.append(parse_alteration(text))
        return out
    if isinstance(alterations, Iterable) and not isinstance(alterations, (bytes, dict)):
        items = list(alterations)
        out = []
        for item in items:
            if isinstance(item, Alteration):
                out.append(item)
            elif isinstance(item, str):
                out.extend(as_alterations(item))
            else:
                raise ValueError(f"Each alteration must be text such as 'BRAF V600E'; got "
                                 f"{type(item).__name__} {item!r}.")
        return out
    raise ValueError("alterations must be text ('BRAF V600E'), a list of texts, or a table with "
                     f"'gene' and 'alteration' columns; got {type(alterations).__name__}.")


def is_known_oncogenic(alt: Alteration) -> bool:
    """True when the course's knowledge tables list ``alt`` as a known oncogenic change.

    Known: a hotspot in ``knowledge/onc_hotspots`` (e.g. KRAS G12C, EGFR exon 19 deletion,
    FLT3 ITD), a fusion or amplification of a gene with such rows in the actionability table,
    a specific alteration named in that table, a generic 'mutation' (taken as the user's claim
    that it is oncogenic), MSI-H and TMB-high. Any other protein change is a *variant of
    unknown significance* here.
    """
    if not isinstance(alt, Alteration):
        raise TypeError(f"alt must be an Alteration (from parse_alteration), "
                        f"got {type(alt).__name__}.")
    if alt.kind == "generic":
        return True
    if alt.kind in ("msi", "tmb"):
        return alt.alteration in ("MSI-H", "TMB-high")
    rows = knowledge.rows_by_gene().get(alt.gene, ())
    if alt.kind in ("fusion", "amplification"):
        return any(alt.kind in str(r["alteration"]).lower() for r in rows)
    if any(r["alteration"] == alt.alteration for r in rows):
        return True
    return (alt.gene, alt.alteration) in knowledge.hotspot_names()


def _row_matches(row_alteration: str, alt: Alteration, oncogenic: bool) -> bool:
    if row_alteration == alt.alteration:
        return True
    if row_alteration == "oncogenic mutation":
        return alt.kind in ("protein", "exon", "itd", "generic") and oncogenic
    if alt.kind == "fusion":
        return "fusion" in row_alteration
    return False


def match_therapies(alterations: object, cancer_type: str) -> pd.DataFrame:
    """Find the drugs that tumour ``alterations`` point to (or away from) in ``cancer_type``.

    Parameters
    ----------
    alterations
        Text such as ``"BRAF V600E"``, ``"EGFR exon 19 deletion"``, ``"ERBB2 amplification"``,
        ``"BCR-ABL1 fusion"``, ``"MSI-H"``, ``"TMB 14 mut/Mb"`` (several may be joined with
        ';'), a list of such texts, or a table with ``gene`` and ``alteration`` columns.
    cancer_type
        ``"lung"``, ``"melanoma"``, ``"colorectal"``, ``"breast"``, ``"CML"``, ``"GIST"``,
        ``"AML"``, ``"ovarian"`` or ``"oesophagogastric"`` (common names such as "NSCLC" work).

    Returns
    -------
    pandas.DataFrame
        Columns ``gene``, ``alteration``, ``drug``, ``evidence_level``, ``cancer_type`` (the
        cancer type of the evidence: ``"any solid tumour"`` for tumour-agnostic rows),
        ``resistance`` (True when the alteration predicts the drug will *not* work) and
        ``source``. Strongest evidence first, resistance rows last. Empty when nothing matches
        (e.g. a variant of unknown significance).

    Tumour-agnostic biomarkers (NTRK fusions, MSI-H, TMB ≥ 10 mut/Mb) match every solid
    tumour; the approvals behind them exclude blood cancers (CML, AML). Simplified for
    teaching: real reports also weigh the setting (line of therapy, prior drugs) and
    co-occurring alterations.

    Raises
    ------
    ValueError
        For an unknown gene or cancer type (with close matches) or an unreadable alteration.
    """
    cancer = resolve_cancer_type(cancer_type)
    alts = as_alterations(alterations)
    by_gene = knowledge.rows_by_gene()
    rows = []
    for alt in alts:
        oncogenic = is_known_oncogenic(alt)
        for rec in by_gene.get(alt.gene, ()):
            agnostic = bool(rec["tumour_agnostic"]) and cancer not in knowledge.BLOOD_CANCERS
            if rec["cancer_type"] != cancer and not agnostic:
                continue
            if not _row_matches(str(rec["alteration"]), alt, oncogenic):
                continue
            rows.append({"gene": alt.gene, "alteration": alt.label, "drug": str(rec["drug"]),
                         "evidence_level": str(rec["evidence_level"]),
                         "cancer_type": str(rec["cancer_type"]),
                         "resistance": bool(rec["resistance"]), "source": str(rec["source"])})
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="bool" if c == "resistance" else "object")
                             for c in MATCH_COLUMNS})
    unique = list({tuple(r[c] for c in MATCH_COLUMNS): r for r in rows}.values())
    unique.sort(key=lambda r: (r["resistance"], knowledge.LEVEL_ORDER.get(r["evidence_level"], 9),
                               r["gene"], r["drug"]))
    return pd.DataFrame(unique, columns=MATCH_COLUMNS)


def therapy_summary(matches: pd.DataFrame) -> pd.DataFrame:
    """Summarise :func:`match_therapies` by drug: consider it, or avoid it because of resistance.

    Returns columns ``drug``, ``best_level`` (strongest sensitivity level, or ``""``),
    ``because`` (alterations pointing to it), ``resisted_by`` (alterations predicting it fails)
    and ``verdict`` (``"consider"`` or ``"avoid"``; any resistance row wins — simplified).
    """
    missing = [c for c in MATCH_COLUMNS if c not in getattr(matches, "columns", [])]
    if not isinstance(matches, pd.DataFrame) or missing:
        raise ValueError("therapy_summary needs the table returned by match_therapies().")
    grouped: dict[str, dict[str, list]] = {}
    for gene, alteration, drug, level, resistant in zip(
            matches["gene"], matches["alteration"], matches["drug"], matches["evidence_level"],
            matches["resistance"], strict=True):
        entry = grouped.setdefault(drug, {"levels": [], "because": [], "resisted_by": []})
        name = alteration if gene in ("MSI", "TMB") else f"{gene} {alteration}"
        if bool(resistant):
            entry["resisted_by"].append(f"{gene} {alteration}")
        else:
            entry["levels"].append(level)
            entry["because"].append(name)
    rows = []
    for drug, entry in grouped.items():
        levels = sorted(entry["levels"], key=lambda x: knowledge.LEVEL_ORDER.get(x, 9))
        rows.append({
            "drug": drug, "best_level": levels[0] if levels else "",
            "because": "; ".join(dict.fromkeys(entry["because"])),
            "resisted_by": "; ".join(dict.fromkeys(entry["resisted_by"])),
            "verdict": "avoid" if entry["resisted_by"] else "consider",
        })
    return pd.DataFrame(rows, columns=["drug", "best_level", "because", "resisted_by", "verdict"])


def resistance_warnings(matches: pd.DataFrame) -> list[str]:
    """Return one plain sentence per resistance match.

    For example 'EGFR T790M: erlotinib is unlikely to work (level R1; source ...)'.
    """
    if not isinstance(matches, pd.DataFrame) or "resistance" not in matches.columns:
        raise ValueError("resistance_warnings needs the table returned by match_therapies().")
    out = []
    for rec in matches[matches["resistance"].astype(bool)].itertuples(index=False):
        out.append(f"{rec.gene} {rec.alteration}: {rec.drug} is unlikely to work "
                   f"(level {rec.evidence_level}; {rec.source}).")
    return out
