"""Variant classes: place a specific protein change in an exon, so class rules can match it.

Treatment rules often name a *class* of change ("EGFR exon 19 deletions", "KIT exon 11
mutations", "PDGFRA exon 18 mutations"), while a report names one specific change
("EGFR E746_A750del", "KIT W557_K558del", "PDGFRA D842V"). :func:`variant_classes` reads the
exon boundaries (first and last codon of each exon) from ``knowledge/onc_exons`` and returns
the classes a change belongs to.

>>> from precisionmed.oncology import parse_alteration
>>> variant_classes(parse_alteration("KIT V560D"))
('exon 11 mutation', 'exon 11 substitution')

Simplified for teaching: a change that spans two exons belongs to neither exon's class, and
splice-site or intronic changes (written with ``c.`` positions) are not placed at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from precisionmed import data

EXONS = "knowledge/onc_exons"

_AA = "ACDEFGHIKLMNPQRSTVWY"
_SINGLE = re.compile(rf"^([{_AA}])(\d+)([{_AA}*]|fs\*?\d*|del|dup|ins[{_AA}]+|delins[{_AA}]+)$")
_RANGE = re.compile(rf"^([{_AA}])(\d+)_([{_AA}])(\d+)(del|dup|ins[{_AA}]+|delins[{_AA}]+)$")


@lru_cache(maxsize=1)
def _exons() -> dict[str, tuple[tuple[int, int, int], ...]]:
    table = data.load(EXONS)
    out: dict[str, list[tuple[int, int, int]]] = {}
    for gene, exon, first, last in zip(table["gene"], table["exon"], table["first_codon"],
                                       table["last_codon"], strict=True):
        out.setdefault(str(gene), []).append((int(exon), int(first), int(last)))
    return {g: tuple(sorted(v)) for g, v in out.items()}


def exon_of(gene: str, codon: int) -> int | None:
    """The exon that holds ``codon`` of ``gene``, or None (no map for the gene, or outside it).

    >>> exon_of("EGFR", 858)
    21
    """
    if not isinstance(gene, str) or isinstance(codon, bool) or not isinstance(codon, int):
        raise ValueError(f"exon_of needs a gene symbol and a whole codon number; got "
                         f"{gene!r}, {codon!r}.")
    for exon, first, last in _exons().get(gene.strip().upper(), ()):
        if first <= codon <= last:
            return exon
    return None


def change_type(change: str) -> tuple[int, int, str] | None:
    """Read a protein change into ``(first codon, last codon, type)``.

    Types: ``substitution``, ``nonsense``, ``frameshift``, ``deletion``, ``insertion``
    (including duplications and net-gain delins) or ``None`` for text that is not a protein
    change (e.g. ``"fusion"``).
    """
    if not isinstance(change, str):
        raise ValueError(f"A protein change must be text such as 'V600E', got {change!r}.")
    single = _SINGLE.match(change)
    if single:
        codon, tail = int(single.group(2)), single.group(3)
        if tail == "*":
            kind = "nonsense"
        elif tail.startswith("fs"):
            kind = "frameshift"
        elif tail == "del":
            kind = "deletion"
        elif tail == "dup" or tail.startswith("ins"):
            kind = "insertion"
        elif tail.startswith("delins"):
            added = len(tail) - 6
            kind = "substitution" if added == 1 else "insertion"
        else:
            kind = "substitution"
        return codon, codon, kind
    ranged = _RANGE.match(change)
    if ranged:
        start, end, tail = int(ranged.group(2)), int(ranged.group(4)), ranged.group(5)
        if tail == "del":
            kind = "deletion"
        elif tail == "dup" or tail.startswith("ins"):
            kind = "insertion"
        else:  # delins: compare residues removed with residues added
            removed, added = end - start + 1, len(tail) - 6
            kind = "deletion" if added < removed else "insertion" if added > removed \
                else "substitution"
        return start, end, kind
    return None


def variant_classes(alt: object) -> tuple[str, ...]:
    """Every class rule name that covers ``alt`` (an :class:`~precisionmed.oncology.Alteration`).

    For a protein change inside one exon: ``"exon N mutation"`` plus the type-specific class
    (``"exon N deletion"``, ``"exon N insertion"``, ``"exon N substitution"``...). An exon
    event written as a class (``"exon 19 deletion"``) belongs to itself and to
    ``"exon 19 mutation"``. Anything else returns an empty tuple.
    """
    from precisionmed.oncology.parsing import Alteration

    if not isinstance(alt, Alteration):
        raise ValueError(f"variant_classes needs an Alteration (from parse_alteration), got "
                         f"{type(alt).__name__}.")
    if alt.kind == "exon":
        match = re.match(r"^exon (\d+) (\w+)$", alt.alteration)
        if match:
            number, what = match.groups()
            names = [f"exon {number} mutation"]
            if what in ("deletion", "insertion", "duplication", "skipping"):
                names.append(f"exon {number} {'insertion' if what == 'duplication' else what}")
            if what == "duplication":
                names.append(f"exon {number} duplication")
            return tuple(dict.fromkeys(names))
        return ()
    if alt.kind != "protein":
        return ()
    parsed = change_type(alt.alteration)
    if parsed is None:
        return ()
    first, last, kind = parsed
    exon = exon_of(alt.gene, first)
    if exon is None or exon_of(alt.gene, last) != exon:
        return ()
    names = [f"exon {exon} mutation", f"exon {exon} {kind}"]
    if kind == "insertion" and alt.alteration.endswith("dup"):
        names.append(f"exon {exon} duplication")
    return tuple(dict.fromkeys(names))


def placement(alt: object) -> str:
    """One plain sentence saying where a change sits (for unmatched changes)."""
    from precisionmed.oncology.parsing import Alteration

    if not isinstance(alt, Alteration):
        raise ValueError("placement needs an Alteration (from parse_alteration).")
    if alt.kind != "protein":
        return ""
    parsed = change_type(alt.alteration)
    if parsed is None:
        return ""
    if alt.gene not in _exons():
        return f"the course has no exon map for {alt.gene}"
    exon = exon_of(alt.gene, parsed[0])
    if exon is None or exon_of(alt.gene, parsed[1]) != exon:
        return f"codon {parsed[0]} of {alt.gene} is outside the exons the course's rules name"
    return f"it sits in {alt.gene} exon {exon}"
