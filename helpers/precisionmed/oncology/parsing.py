"""Read what people write about a tumour into one tidy form.

Texts such as "BRAF V600E", "ERBB2 amplification", "MSI-H" or "TMB 14 mut/Mb" become an
:class:`Alteration` the other functions can look up.

Every problem raises a friendly :class:`ValueError` that says what was expected and, for a
misspelt gene, which genes come close (:mod:`difflib`).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from precisionmed.oncology import knowledge
from precisionmed.oncology.panel import GENE_ALIASES, PANEL_GENES

#: Kinds of alteration :func:`parse_alteration` recognises.
KINDS = ("protein", "exon", "fusion", "amplification", "expression", "itd", "generic", "msi",
         "tmb")

#: TMB at or above this many mutations per megabase counts as "TMB-high" (FDA 2020 cut-off).
TMB_HIGH = 10.0

_AA3 = {"Ala": "A", "Arg": "R", "Asn": "N", "Asp": "D", "Cys": "C", "Gln": "Q", "Glu": "E",
        "Gly": "G", "His": "H", "Ile": "I", "Leu": "L", "Lys": "K", "Met": "M", "Phe": "F",
        "Pro": "P", "Ser": "S", "Thr": "T", "Trp": "W", "Tyr": "Y", "Val": "V", "Ter": "*"}
_AA = "ACDEFGHIKLMNPQRSTVWY"
_PROTEIN = re.compile(
    rf"^([{_AA}])(\d{{1,4}})([{_AA}*]|fs\*?\d*|del|dup|ins[{_AA}]+|delins[{_AA}]+)$")
_PROTEIN_RANGE = re.compile(
    rf"^([{_AA}])(\d{{1,4}})_([{_AA}])(\d{{1,4}})(del|dup|ins[{_AA}]+|delins[{_AA}]+)$")
_EXON = re.compile(r"^(?:exon|ex)\s*(\d{1,2})\s*(del|deletion|ins|insertion|dup|duplication|"
                   r"skipping|mutation|mut)s?$")
_EXON_NAMES = {"del": "deletion", "deletion": "deletion", "ins": "insertion",
               "insertion": "insertion", "dup": "duplication", "duplication": "duplication",
               "skipping": "skipping", "mutation": "mutation", "mut": "mutation"}
_GENERIC = {"mutation", "mutations", "oncogenic mutation", "activating mutation", "mutant",
            "mutated", "pathogenic variant", "pathogenic mutation", "truncating mutation",
            "loss-of-function mutation", "oncogenic variant"}
_FUSION = {"fusion", "rearrangement", "translocation", "fusion gene", "rearranged"}
_AMPLIFICATION = {"amplification", "amp", "amplified", "copy number gain"}
_ITD = {"itd", "internal tandem duplication"}
_IHC3 = {"ihc 3+", "ihc3+", "ihc 3 +", "3+", "ihc 3+ (positive)", "positive (ihc 3+)"}
_MSI_HIGH = {"msi-h", "msi-high", "msi high", "msih", "dmmr", "mmr deficient",
             "mismatch repair deficient", "microsatellite instability-high",
             "microsatellite instability high"}
_MSI_STABLE = {"mss", "msi-l", "msi-low", "pmmr", "microsatellite stable"}
_TMB = re.compile(r"^tmb(?:[\s:=]*|-)(?:(high|h|low|l)|(\d+(?:\.\d+)?)\s*"
                  r"(?:mut(?:ations)?\s*/\s*mb|/\s*mb|muts?/mb)?)$")

EXAMPLES = ('"BRAF V600E", "EGFR L858R", "EGFR exon 19 deletion", "ERBB2 amplification", '
            '"BCR-ABL1 fusion", "FLT3 ITD", "KRAS mutation", "MSI-H", "TMB 14 mut/Mb"')


@dataclass(frozen=True)
class Alteration:
    """One tumour alteration in a standard form.

    ``gene`` is the official symbol (or ``"MSI"``/``"TMB"``); ``alteration`` the canonical
    text the knowledge table uses (``"V600E"``, ``"exon 19 deletion"``, ``"fusion"``,
    ``"amplification"``, ``"ITD"``, ``"oncogenic mutation"``, ``"MSI-H"``, ``"TMB-high"``);
    ``label`` what a report shows (``"TMB 14 mut/Mb"``); ``kind`` one of :data:`KINDS`;
    ``classes`` the class rules a specific protein change belongs to (``("exon 19 mutation",
    "exon 19 deletion")`` for EGFR E746_A750del; see :mod:`precisionmed.oncology.classes`).
    """

    gene: str
    alteration: str
    kind: str
    label: str
    tmb: float | None = None
    partner: str | None = None
    classes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The readable name, e.g. ``"BRAF V600E"`` or ``"TMB 14 mut/Mb"``."""
        if self.kind in ("msi", "tmb"):
            return self.label
        return f"{self.gene} {self.label}"


@lru_cache(maxsize=1)
def known_genes() -> tuple[str, ...]:
    """Genes the course knows: the teaching panel plus every gene in the knowledge tables."""
    genes = set(PANEL_GENES)
    genes |= set(knowledge.actionability()["gene"]) - {"MSI", "TMB"}
    genes |= set(knowledge.hotspots()["gene"])
    return tuple(sorted(genes))


def resolve_gene(text: str) -> str:
    """Return the official symbol for ``text`` (case-insensitive, common aliases allowed).

    Raises
    ------
    ValueError
        For an unknown gene, naming the closest known genes.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("A gene name must be non-empty text such as 'EGFR'.")
    symbol = text.strip().upper()
    symbol = GENE_ALIASES.get(symbol, symbol)
    genes = known_genes()
    if symbol in genes:
        return symbol
    close = difflib.get_close_matches(symbol, genes, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise ValueError(f"Unknown gene {text.strip()!r}.{hint} The course knows these genes: "
                     f"{', '.join(genes)}.")


def _three_to_one(change: str) -> str:
    out = change
    for three, one in _AA3.items():
        out = re.sub(three, one, out, flags=re.IGNORECASE)
    return out


def _protein(gene: str, text: str) -> Alteration | None:
    raw = text.strip()
    if raw.lower().startswith("p."):
        raw = raw[2:]
    raw = raw.strip("()")
    candidate = _three_to_one(raw) if re.search(r"[a-z]{2}", raw) else raw
    head = re.match(r"^([A-Za-z*])(\d.*)$", candidate)
    if head:
        tail = head.group(2)
        tail = re.sub(r"^(\d+)([a-z*])$", lambda m: m.group(1) + m.group(2).upper(), tail)
        candidate = head.group(1).upper() + tail
    match = _PROTEIN.match(candidate)
    if match:
        codon = int(match.group(2))
        if codon == 0:
            return None
        return Alteration(gene, candidate, "protein", candidate)
    match = _PROTEIN_RANGE.match(candidate)
    if match:
        start, end = int(match.group(2)), int(match.group(4))
        if start == 0 or end <= start:
            return None
        return Alteration(gene, candidate, "protein", candidate)
    return None


def _genome_wide(clean: str) -> Alteration | None:
    low = clean.lower()
    if low in _MSI_HIGH:
        return Alteration("MSI", "MSI-H", "msi", "MSI-H")
    if low in _MSI_STABLE:
        return Alteration("MSI", "MSS", "msi", "MSS (microsatellite stable)")
    match = _TMB.match(low)
    if match is None:
        if re.match(r"^tmb\b", low):
            raise ValueError(f"Cannot read {clean!r}. Write the tumour mutational burden as a "
                             "number of mutations per megabase (0 or more), e.g. "
                             "'TMB 14 mut/Mb', or as 'TMB-high' / 'TMB-low'.")
        return None
    word, number = match.group(1), match.group(2)
    if word is not None:
        high = word.startswith("h")
        return Alteration("TMB", "TMB-high" if high else "TMB-low", "tmb",
                          "TMB-high" if high else "TMB-low")
    if number is None:
        raise ValueError("Give the TMB as a number of mutations per megabase, e.g. "
                         "'TMB 14 mut/Mb', or write 'TMB-high'.")
    value = float(number)
    if not math.isfinite(value) or value > 1000:
        raise ValueError(f"A TMB of {number} mutations per megabase is not plausible; "
                         "tumours range from 0 to a few hundred.")
    label = f"TMB {value:g} mut/Mb"
    return Alteration("TMB", "TMB-high" if value >= TMB_HIGH else "TMB-low", "tmb", label,
                      tmb=value)


def parse_alteration(text: str) -> Alteration:
    """Parse one alteration written as text (see :func:`_parse`), with its variant classes."""
    from dataclasses import replace

    from precisionmed.oncology.classes import variant_classes

    alt = _parse(text)
    classes = variant_classes(alt)
    return replace(alt, classes=classes) if classes else alt


def _parse(text: str) -> Alteration:
    """Parse one alteration written as text.

    Accepts, for example, ``"BRAF V600E"``, ``"KRAS p.Gly12Cys"``, ``"EGFR exon 19
    deletion"``, ``"EGFR E746_A750del"`` (a specific change in the class 'exon 19 deletion'),
    ``"ERBB2 amplification"``, ``"HER2 IHC 3+"`` (protein staining),
    ``"HER2 amplification"``, ``"BCR-ABL1 fusion"``, ``"EML4-ALK fusion"``, ``"FLT3 ITD"``,
    ``"KRAS mutation"``, ``"MSI-H"``, ``"dMMR"``, ``"TMB 14 mut/Mb"``.

    Raises
    ------
    ValueError
        If the text is empty or not text, the gene is unknown (close matches are named) or the
        alteration has a form the course does not recognise (examples are given).
    """
    if not isinstance(text, str):
        raise ValueError(f"An alteration must be text such as 'BRAF V600E', not "
                         f"{type(text).__name__} {text!r}.")
    clean = " ".join(text.replace("\u2011", "-").replace("\u2013", "-").split())
    if not clean:
        raise ValueError(f"An alteration must be non-empty text, for example {EXAMPLES}.")
    special = _genome_wide(clean)
    if special is not None:
        return special
    gene_part, _, rest = clean.partition(" ")
    rest_low = rest.strip().lower()
    if "-" in gene_part and gene_part.upper() not in GENE_ALIASES or gene_part.upper() in (
            "BCR-ABL", "BCR-ABL1"):
        left, _, right = gene_part.partition("-")
        if right.upper() == "ITD" and not rest_low:
            return Alteration(resolve_gene(left), "ITD", "itd", "ITD")
        if rest_low in ("", *_FUSION):
            return _fusion(left, right)
        raise ValueError(f"{clean!r}: a hyphen joins two genes in a fusion, e.g. "
                         "'EML4-ALK fusion' or 'BCR-ABL1 fusion'.")
    gene = resolve_gene(gene_part)
    if not rest_low:
        raise ValueError(f"{clean!r} names a gene but no alteration. Write, for example, "
                         f"{EXAMPLES}.")
    if rest_low.endswith("fusion") and "-" in rest_low:
        left, _, right = rest.strip().rsplit(" ", 1)[0].partition("-")
        fused = _fusion(left, right)
        if gene not in (fused.gene, fused.partner):
            raise ValueError(f"{clean!r}: the fusion {rest.strip()!r} does not involve {gene}.")
        return fused
    if rest_low in _FUSION:
        if gene == "ABL1":
            return Alteration("ABL1", "BCR-ABL1 fusion", "fusion", "BCR-ABL1 fusion", partner="BCR")
        return Alteration(gene, "fusion", "fusion", "fusion")
    if rest_low in _AMPLIFICATION:
        return Alteration(gene, "amplification", "amplification", "amplification")
    if rest_low in _ITD:
        return Alteration(gene, "ITD", "itd", "ITD")
    if rest_low in _IHC3:
        return Alteration(gene, "IHC 3+", "expression", "IHC 3+ (protein staining)")
    if rest_low in _GENERIC:
        return Alteration(gene, "oncogenic mutation", "generic", "mutation")
    compact = rest_low.replace("exon", "exon ").replace("  ", " ")
    exon = _EXON.match(compact) or re.match(r"^(?:exon|ex)\s*(\d{1,2})(del|ins|dup)$",
                                            rest_low.replace(" ", ""))
    if exon:
        number = int(exon.group(1))
        if not 1 <= number <= 99:
            raise ValueError(f"{clean!r}: exon numbers start at 1.")
        label = f"exon {number} {_EXON_NAMES[exon.group(2)]}"
        return Alteration(gene, label, "exon", label)
    protein = _protein(gene, rest.strip())
    if protein is not None:
        return protein
    raise ValueError(
        f"Cannot read the alteration {rest.strip()!r} of {gene}. Use a protein change such as "
        f"'V600E' or 'p.Gly12Cys', an exon event such as 'exon 19 deletion', or a word such as "
        f"'fusion', 'amplification', 'ITD' or 'mutation'. Examples: {EXAMPLES}.")


def _fusion(left: str, right: str) -> Alteration:
    """A fusion of two genes: the known one drives it; the partner may be any gene symbol."""
    genes = set(known_genes())
    first = GENE_ALIASES.get(left.upper(), left.upper())
    second = GENE_ALIASES.get(right.upper(), right.upper())
    if {first, second} == {"BCR", "ABL1"}:
        return Alteration("ABL1", "BCR-ABL1 fusion", "fusion", "BCR-ABL1 fusion", partner="BCR")
    for name in (first, second):
        if not re.match(r"^[A-Z][A-Z0-9]{1,9}$", name):
            raise ValueError(f"{name!r} does not look like a gene symbol; write a fusion as "
                             "'EML4-ALK fusion' or 'ALK fusion'.")
    fusion_genes = set(knowledge.actionability().query(
        "alteration.str.contains('fusion')", engine="python")["gene"])
    for driver, partner in ((second, first), (first, second)):
        if driver in fusion_genes:
            return Alteration(driver, "fusion", "fusion", f"{first}-{second} fusion",
                              partner=partner)
    for driver, partner in ((second, first), (first, second)):
        if driver in genes:
            return Alteration(driver, "fusion", "fusion", f"{first}-{second} fusion",
                              partner=partner)
    resolve_gene(second)  # raises with close matches
    raise AssertionError("unreachable")  # pragma: no cover
