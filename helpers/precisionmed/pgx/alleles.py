"""Parse allele and diplotype names such as ``*1/*2``, ``*1x2/*4``, ``*36+*10/*10``.

A *diplotype* is the pair of alleles a person has, one from each parent, written ``A/B``.
Order does not matter: ``*2/*1`` is the same as ``*1/*2``.

Learner input is parsed **once**, here, at the boundary: :func:`parse_diplotype` checks the gene
and both allele names (with the friendly error) and returns a :class:`Diplotype`. The phenotype,
report and recommendation code works on that parsed value and does not check it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from precisionmed.pgx.tables import allele_info, check_gene, suggest

_DUP = re.compile(r"^(?P<base>.+?)\s*[xX×](?P<n>[0-9]+|N)$")
_HLA = re.compile(r"^\*\d{2,3}:\d{2,3}$")
_PAREN = re.compile(r"^(?P<base>.+?)\s*\((?P<label>[^()]+)\)$")
#: Other names PharmCAT's DPYD files use for alleles in the table: the HapB3 haplotype
#: (c.1129-5923C>G with its tag c.1236G>A) has the same activity value, 0.5.
_DPYD_ALIASES = {"c.1129-5923C>G, c.1236G>A": "c.1129-5923C>G", "HapB3": "c.1129-5923C>G"}


@dataclass(frozen=True)
class Allele:
    """One parsed allele: ``parts`` are the table alleles it is made of, each with a copy number.

    ``*1`` → ``(("*1", 1),)``; ``*1x2`` → ``(("*1", 2),)``; ``*36+*10`` → ``(("*36+*10", 1),)``
    (the tandem is listed in the table as one allele).
    """

    name: str
    gene: str
    parts: tuple[tuple[str, int], ...]

    @property
    def copies(self) -> int:
        """Gene copies this allele carries (``*5`` deletion = 0, ``*1x2`` = 2)."""
        info = allele_info(self.gene)
        return sum(0 if info[a]["structural"] == "deletion" else n for a, n in self.parts)


def _allowed_text(gene: str) -> str:
    names = list(allele_info(gene))
    extra = ""
    if gene == "CYP2D6":
        extra = " Duplications are written with x and a copy number, e.g. '*1x2'."
    if gene == "HLA-B":
        extra = " Other two-field HLA-B types such as '*40:01' are accepted too."
    return f"Allowed {gene} alleles: {', '.join(names)}.{extra}"


@dataclass(frozen=True)
class Diplotype:
    """A parsed diplotype: the gene's canonical symbol and its two alleles (order as written).

    It unpacks like a pair (``a, b = parse_diplotype(...)``); :attr:`text` is the standard
    written form.
    """

    gene: str
    first: Allele
    second: Allele

    def __iter__(self) -> Iterator[Allele]:
        return iter((self.first, self.second))

    @property
    def text(self) -> str:
        """The diplotype written in the standard order (``*2/*1`` → ``*1/*2``)."""
        return _ordered_pair(self.gene, self.first.name, self.second.name)

    @property
    def copies(self) -> int:
        """Gene copies on both chromosomes together."""
        return self.first.copies + self.second.copies

    def in_order(self) -> Diplotype:
        """The same diplotype with its alleles in the order :attr:`text` writes them."""
        first = self.text.split("/")[0]
        return self if first == self.first.name else Diplotype(self.gene, self.second,
                                                                self.first)


def parse_allele(gene: str, name: object) -> Allele:
    """Parse one allele name of ``gene``; raise ValueError with suggestions if unknown."""
    return _allele(check_gene(gene), name)


def _allele(gene: str, name: object) -> Allele:
    """:func:`parse_allele` for a gene symbol already checked by :func:`check_gene`."""
    info = allele_info(gene)
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"An allele must be text such as {next(iter(info))!r}, got {name!r}. "
                         f"{_allowed_text(gene)}")
    text = name.strip()
    if text in info:
        return Allele(text, gene, ((text, 1),))
    if gene == "HLA-B" and _HLA.match(text):
        return Allele(text, gene, ((text, 1),))
    if gene == "DPYD":  # PharmCAT spellings such as 'c.1905+1G>A (*2A)'
        paren = _PAREN.match(text)
        for alias in ([paren.group("base"), paren.group("label")] if paren else []) + [text]:
            canonical = _DPYD_ALIASES.get(alias, alias)
            if canonical in info:
                return Allele(canonical, gene, ((canonical, 1),))
    match = _DUP.match(text)
    if match and gene == "CYP2D6":
        base = match.group("base")
        n = match.group("n")
        if base in info and info[base]["structural"] is None:
            if n == "N":
                raise ValueError(f"{text!r}: an unknown copy number (xN) has no activity score; "
                                 "write the number of copies, e.g. '*1x2' or '*1x3'.")
            copies = int(n)
            if not 2 <= copies <= 4:
                raise ValueError(f"{text!r}: copy numbers from 2 to 4 are supported.")
            return Allele(text, gene, ((base, copies),))
    if match and gene != "CYP2D6":
        raise ValueError(f"{text!r}: gene duplications are only modelled for CYP2D6.")
    raise ValueError(f"Unknown {gene} allele {text!r}.{suggest(text, info)} {_allowed_text(gene)}")


def parse_diplotype(gene: str, diplotype: object) -> Diplotype:
    """Parse ``"A/B"`` of ``gene`` into a :class:`Diplotype` (its two alleles, as written).

    The one place a diplotype is validated: an unknown gene, a malformed pair or an unknown
    allele raises ValueError naming what is allowed.
    """
    return _split(check_gene(gene), diplotype)


def _split(gene: str, diplotype: object) -> Diplotype:
    """:func:`parse_diplotype` for a gene symbol already checked by :func:`check_gene`."""
    if not isinstance(diplotype, str):
        raise ValueError(f"A diplotype must be text such as '*1/*2', got {diplotype!r}.")
    text = diplotype.strip()
    if text.count("/") != 1:
        hint = ""
        for sep in ("-", "|", ",", ";", " "):
            if sep in text.strip("-") and text.count("/") == 0:
                hint = f" Use '/' between the two alleles, not {sep!r}."
                break
        raise ValueError(f"A diplotype is two alleles separated by one '/', e.g. '*1/*2'; "
                         f"got {diplotype!r}.{hint}")
    left, right = (part.strip() for part in text.split("/"))
    return Diplotype(gene, _allele(gene, left), _allele(gene, right))


def _sort_key(name: str) -> tuple:
    parts = re.findall(r"\d+|\D+", name)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def _ordered_pair(gene: str, first: str, second: str) -> str:
    """Two allele names of a checked ``gene`` written as a diplotype in the standard order.

    Star alleles by number (``*2/*1`` → ``*1/*2``); VKORC1 reference-first (``G/A``, as in
    the IWPC paper).
    """
    if gene == "VKORC1":
        a, b = sorted([first, second], key=lambda n: n != "G")
    else:
        a, b = sorted([first, second], key=_sort_key)
    return f"{a}/{b}"


def normalize_diplotype(gene: str, diplotype: str) -> str:
    """Return the diplotype with its alleles in a standard order (``*2/*1`` → ``*1/*2``)."""
    return parse_diplotype(gene, diplotype).text
