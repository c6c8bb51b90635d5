"""From genotypes at the tested positions (as in a VCF) to a diplotype.

**Simplification (said in the lesson too):** we look only at the few variants on the course's
panel (``knowledge/pgx_variants``), treat every allele as exactly its defining variants, and
read unphased genotypes: ``0/1`` says a person has one copy of a variant but not *which*
chromosome it is on. When two different pairs of alleles explain the same genotypes, we report
all of them (``DiplotypeCall.alternatives``) and pick, like PharmCAT, the pair that keeps the
variants together on one known allele. Real callers also use many more positions, phasing and
copy-number data.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from precisionmed.pgx.alleles import Diplotype, _ordered_pair, _sort_key, _split
from precisionmed.pgx.tables import _panel, allele_info, check_gene, suggest

_GT_DOSE = {"0/0": 0, "0|0": 0, "0/1": 1, "1/0": 1, "0|1": 1, "1|0": 1, "1/1": 2, "1|1": 2,
            "0": 0, "1": 2}


@dataclass(frozen=True)
class DiplotypeCall:
    """The result of :func:`call_diplotype`.

    ``diplotype`` is the reported call (e.g. ``"*1/*2"``); ``alternatives`` lists every other
    pair of alleles that fits the same unphased genotypes; ``ambiguous`` is True when there are
    any. ``str(call)`` and ``call == "*1/*2"`` use the reported diplotype.
    """

    gene: str
    diplotype: str
    alternatives: tuple[str, ...] = ()
    dosages: dict[str, int] = field(default_factory=dict)
    copies: int = 2
    note: str = ""

    @property
    def ambiguous(self) -> bool:
        """True when other diplotypes explain the same genotypes."""
        return bool(self.alternatives)

    def __str__(self) -> str:
        return self.diplotype

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.diplotype == other
        if isinstance(other, DiplotypeCall):
            return (self.gene, self.diplotype) == (other.gene, other.diplotype)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.gene, self.diplotype))


def _dose(rsid: str, value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"Genotype for {rsid} must be like '0/1' or a count 0–2, got {value!r}.")
    if isinstance(value, int) and 0 <= value <= 2:
        return int(value)
    if isinstance(value, str) and value.strip() in _GT_DOSE:
        return _GT_DOSE[value.strip()]
    raise ValueError(f"Genotype for {rsid} must be a VCF genotype ('0/0', '0/1', '1/1', phased "
                     f"'0|1') or a count of variant copies 0, 1 or 2; got {value!r}.")


def callable_alleles(gene: str) -> dict[str, frozenset[str]]:
    """Alleles of ``gene`` that the panel can see, with their defining variants on the panel."""
    return _callable_alleles(check_gene(gene))


def _callable_alleles(gene: str) -> dict[str, frozenset[str]]:
    sites = set(_panel(gene))
    out: dict[str, frozenset[str]] = {}
    for name, row in allele_info(gene).items():
        if row["structural"] is not None:
            continue
        variants = set(row["variants"])
        if variants and not variants <= sites:
            continue
        if not variants and row["function"] != "Normal function":
            continue
        if not variants and any(not v for v in out.values()):
            continue  # only one 'no variant' allele (e.g. *1, not also *38)
        out[name] = frozenset(variants)
    return out


def _name(gene: str, allele: str, copies: int) -> str:
    if copies == 0:
        deletions = [a for a, r in allele_info(gene).items() if r["structural"] == "deletion"]
        return deletions[0]
    return allele if copies == 1 else f"{allele}x{copies}"


def call_diplotype(gene: str, genotypes: Mapping[str, object], copies: int = 2) -> DiplotypeCall:
    """Call a diplotype from genotypes at the panel's positions.

    Parameters
    ----------
    gene
        Gene symbol, e.g. ``"CYP2C19"``.
    genotypes
        ``{rsID: genotype}`` for every panel position of the gene (see
        :func:`precisionmed.pgx.tables.panel`); a genotype is a VCF ``GT`` string such as
        ``"0/1"`` or the number of variant copies (0, 1, 2). Extra rsIDs of other genes are
        ignored.
    copies
        Number of gene copies (CYP2D6 only; from a separate copy-number test): 1 means one
        chromosome carries the ``*5`` deletion, 3 or 4 mean a duplication.

    Returns
    -------
    DiplotypeCall
        The call, with every alternative that fits the same unphased genotypes.

    >>> call_diplotype("CYP2C19", {"rs12248560": "0/1", "rs28399504": "0/0",
    ...     "rs17884712": "0/0", "rs4986893": "0/0", "rs4244285": "0/1"}).diplotype
    '*2/*17'
    """
    return _call(check_gene(gene), genotypes, copies)


def _call(gene: str, genotypes: Mapping[str, object], copies: int) -> DiplotypeCall:
    """:func:`call_diplotype` for a gene symbol already checked."""
    if gene == "HLA-B":
        raise ValueError("HLA-B types come from a separate HLA test, not from single variants; "
                         "give the diplotype (e.g. '*57:01/*07:02') directly.")
    if not isinstance(genotypes, Mapping):
        raise ValueError("genotypes must be a dict such as {'rs4244285': '0/1', ...}.")
    sites = _panel(gene)
    missing = [s for s in sites if s not in genotypes]
    if missing:
        raise ValueError(f"Missing {gene} genotypes for {', '.join(missing)}; the panel needs "
                         f"{', '.join(sites)}.{suggest(next(iter(genotypes), ''), sites)}")
    dosages = {s: _dose(s, genotypes[s]) for s in sites}
    if isinstance(copies, bool) or not isinstance(copies, int) or not 0 <= copies <= 4:
        raise ValueError(f"copies must be a whole number from 0 to 4, got {copies!r}.")
    if copies != 2 and gene != "CYP2D6":
        raise ValueError("Copy numbers other than 2 are only modelled for CYP2D6.")
    if copies == 0:
        return DiplotypeCall(gene, "*5/*5", (), dosages, 0, "No gene copies: both deleted.")
    cands = _callable_alleles(gene)
    deletion = _name(gene, "", 0) if gene == "CYP2D6" else None
    found: dict[str, tuple] = {}

    def add(first: str, second: str, spread: int) -> None:
        pair = sorted([first, second], key=_sort_key)
        text = _ordered_pair(gene, pair[0], pair[1])  # names from the allele table
        found.setdefault(text, (-spread, _sort_key(pair[0]), _sort_key(pair[1])))

    items = sorted(cands.items())
    for (x, vx), (y, vy) in itertools.combinations_with_replacement(items, 2):
        expected = {s: int(s in vx) + int(s in vy) for s in sites}
        if expected != dosages:
            continue
        for kx in range(1, copies):
            ky = copies - kx
            add(_name(gene, x, kx), _name(gene, y, ky), max(len(vx), len(vy)))
            add(_name(gene, x, ky), _name(gene, y, kx), max(len(vx), len(vy)))
    if deletion is not None and copies == 1:
        for x, vx in items:
            if {s: 2 * int(s in vx) for s in sites} == dosages:
                add(deletion, _name(gene, x, copies), len(vx))
    if not found and gene == "DPYD":
        lowest = _dpyd_lowest_two(cands, dosages)
        if lowest is not None:
            return lowest
    if not found:
        carried = [s for s, d in dosages.items() if d]
        raise ValueError(f"No pair of known {gene} alleles explains these genotypes (variants "
                         f"seen: {', '.join(carried) or 'none'}; gene copies: {copies}). The "
                         "person may carry an allele that is not in the course's table.")
    ranked = sorted(found, key=lambda t: found[t])
    best, others = ranked[0], tuple(ranked[1:])
    note = ""
    if others:
        note = (f"Unphased genotypes also fit {', '.join(others)}. {best} is reported: it keeps "
                "the variants together on one known allele where that is possible.")
    return DiplotypeCall(gene, best, others, dosages, copies, note)


def _dpyd_lowest_two(cands: Mapping[str, frozenset[str]], dosages: Mapping[str, int]
                     ) -> DiplotypeCall | None:
    """DPYD with more than two variant copies: keep the two with the lowest activity values.

    CPIC's fluoropyrimidine guideline (as PharmCAT applies it): the activity score is "the sum
    of the activity scores of the two DPYD variants with the lowest variant activity score",
    and two different decreased/no function variants are presumed to be on different copies.
    """
    info = allele_info("DPYD")
    copies: list[tuple[float, tuple, str]] = []
    explained: dict[str, int] = dict.fromkeys(dosages, 0)
    for name, variants in cands.items():
        if len(variants) != 1:
            continue
        (site,) = variants
        for _ in range(dosages.get(site, 0)):
            copies.append((float(info[name]["activity_value"]), _sort_key(name), name))
            explained[site] += 1
    if len(copies) <= 2 or explained != dict(dosages):
        return None
    copies.sort()
    kept = [c[2] for c in copies[:2]]
    dropped = [c[2] for c in copies[2:]]
    text = _ordered_pair("DPYD", kept[0], kept[1])
    note = (f"{len(copies)} DPYD variant copies were found; as CPIC and PharmCAT do, the two with "
            f"the lowest activity values are used ({text}); not counted: {', '.join(dropped)}.")
    return DiplotypeCall("DPYD", text, (), dict(dosages), 2, note)


def genotypes_from_vcf(vcf: pd.DataFrame, sample: str) -> dict[str, str]:
    """Return ``{rsID: GT}`` for one sample of a VCF table read by ``precisionmed.vcf.read_vcf``."""
    if not isinstance(vcf, pd.DataFrame) or "ID" not in vcf.columns:
        raise ValueError("vcf must be a table read with precisionmed.vcf.read_vcf.")
    samples = [c for c in vcf.columns[9:]] if "FORMAT" in vcf.columns else []
    if sample not in samples:
        raise ValueError(f"No sample {sample!r} in the VCF.{suggest(sample, samples)}")
    out = {}
    for rsid, fmt, value in zip(vcf["ID"], vcf["FORMAT"], vcf[sample], strict=True):
        keys = fmt.split(":")
        out[str(rsid)] = value.split(":")[keys.index("GT")] if "GT" in keys else value
    return out


def expected_genotypes(gene: str, diplotype: str) -> dict[str, str]:
    """The unphased genotypes (``{rsID: "0/1"}``) a person with ``diplotype`` shows on the panel.

    The reverse of :func:`call_diplotype` for alleles the panel can see; alleles it cannot see
    (e.g. CYP2D6 ``*3``) raise ValueError.
    """
    return _expected_genotypes(_split(check_gene(gene), diplotype))


def _expected_genotypes(parsed: Diplotype) -> dict[str, str]:
    """:func:`expected_genotypes` of a diplotype already parsed."""
    gene, (a, b) = parsed.gene, parsed
    cands = _callable_alleles(gene)
    sites = _panel(gene)
    dose = {s: 0 for s in sites}
    parsed = [a, b]
    present = [p for p in parsed if p.copies > 0]
    for p in parsed:
        if p.copies == 0:
            continue
        base = p.parts[0][0]
        if base not in cands:
            raise ValueError(f"{gene} {base} cannot be seen on the course's panel (its defining "
                             f"variants are not tested); panel alleles: {', '.join(cands)}.")
        for s in cands[base]:
            dose[s] += 2 if len(present) == 1 else 1
    return {s: ("0/0", "0/1", "1/1")[min(d, 2)] for s, d in dose.items()}
