"""ACMG/AMP 2015 variant classification, and the Bayesian points view beside it.

Simplified for teaching, not for care. The rules follow Richards S et al., *Genet Med*
2015;17:405–424, Table 5 ("Rules for combining criteria"); strength changes use the ClinGen
Sequence Variant Interpretation suffixes (``PM2_Supporting``, ``PP3_Strong``, …). The points
view follows Tavtigian SV et al., *Genet Med* 2018;20:1054–1060 (odds of pathogenicity: very
strong 350, strong 18.7, moderate 4.33, supporting 2.08, prior 0.10) and its point scale,
Tavtigian SV et al., *Hum Mutat* 2020;41:1734–1737, Table 3 (supporting 1, moderate 2,
strong 4, very strong 8; pathogenic ≥ 10, likely pathogenic 6–9, uncertain 0–5, likely benign
−1 to −6, benign ≤ −7).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: The five ACMG/AMP classes, most to least pathogenic.
CLASSES: tuple[str, ...] = ("Pathogenic", "Likely pathogenic", "Uncertain significance",
                            "Likely benign", "Benign")

#: Strength names, strongest first, and their points (Tavtigian 2020).
STRENGTHS: dict[str, int] = {"stand-alone": 8, "very strong": 8, "strong": 4, "moderate": 2,
                             "supporting": 1}

_SUFFIXES = {"supporting": "supporting", "moderate": "moderate", "strong": "strong",
             "verystrong": "very strong"}

#: The 28 ACMG/AMP criteria: code → (direction, default strength, short meaning).
CRITERIA: dict[str, tuple[str, str, str]] = {
    "PVS1": ("pathogenic", "very strong", "null variant (nonsense, frameshift, canonical "
             "splice site, start loss) in a gene where loss of function causes the disease"),
    "PS1": ("pathogenic", "strong", "same amino-acid change as an established pathogenic "
            "variant"),
    "PS2": ("pathogenic", "strong", "de novo (both parents tested, maternity and paternity "
            "confirmed) in a patient with the disease"),
    "PS3": ("pathogenic", "strong", "well-established functional studies show a damaging "
            "effect"),
    "PS4": ("pathogenic", "strong", "much more common in affected people than in controls"),
    "PM1": ("pathogenic", "moderate", "in a mutational hot spot or key functional domain"),
    "PM2": ("pathogenic", "moderate", "absent from controls (or extremely rare for a "
            "recessive disease) in population databases"),
    "PM3": ("pathogenic", "moderate", "for recessive disorders: found in trans with a "
            "pathogenic variant"),
    "PM4": ("pathogenic", "moderate", "protein length changed (in-frame indel, stop loss)"),
    "PM5": ("pathogenic", "moderate", "new missense change at a residue where another "
            "pathogenic missense change is known"),
    "PM6": ("pathogenic", "moderate", "assumed de novo, without confirmation of paternity and "
            "maternity"),
    "PP1": ("pathogenic", "supporting", "co-segregates with disease in affected family "
            "members"),
    "PP2": ("pathogenic", "supporting", "missense in a gene with few benign missense "
            "variants where missense is a common disease mechanism"),
    "PP3": ("pathogenic", "supporting", "several computer predictions agree on a damaging "
            "effect"),
    "PP4": ("pathogenic", "supporting", "patient's features are highly specific for a disease "
            "with a single genetic cause"),
    "PP5": ("pathogenic", "supporting", "reputable source reports it pathogenic"),
    "BA1": ("benign", "stand-alone", "allele frequency above 5% in a large population "
            "database"),
    "BS1": ("benign", "strong", "allele frequency greater than expected for the disorder"),
    "BS2": ("benign", "strong", "seen in a healthy adult for a fully penetrant early-onset "
            "disorder"),
    "BS3": ("benign", "strong", "well-established functional studies show no damaging "
            "effect"),
    "BS4": ("benign", "strong", "does not segregate with disease in the family"),
    "BP1": ("benign", "supporting", "missense in a gene where only truncating variants cause "
            "disease"),
    "BP2": ("benign", "supporting", "seen in trans with a pathogenic variant for a dominant "
            "disorder, or in cis with one"),
    "BP3": ("benign", "supporting", "in-frame indel in a repeat without known function"),
    "BP4": ("benign", "supporting", "several computer predictions agree on no impact"),
    "BP5": ("benign", "supporting", "found in a case with another explanation for the "
            "disease"),
    "BP6": ("benign", "supporting", "reputable source reports it benign"),
    "BP7": ("benign", "supporting", "synonymous change with no predicted splice impact"),
}

_BENIGN_SUFFIXES = {"supporting", "strong"}


@dataclass(frozen=True)
class Criterion:
    """One applied evidence code with its direction and (possibly changed) strength."""

    code: str
    direction: str
    strength: str

    @property
    def points(self) -> int:
        """Tavtigian 2020 points: positive for pathogenic, negative for benign evidence."""
        value = STRENGTHS[self.strength]
        return value if self.direction == "pathogenic" else -value

    @property
    def label(self) -> str:
        """The code as written with ClinGen's suffix when its strength was changed."""
        default = CRITERIA[self.code][1]
        if self.strength == default:
            return self.code
        suffix = {"very strong": "VeryStrong"}.get(self.strength, self.strength.capitalize())
        return f"{self.code}_{suffix}"


_CODE = re.compile(r"^(PVS1|PS[1-4]|PM[1-6]|PP[1-5]|BA1|BS[1-4]|BP[1-7])(?:_([A-Za-z]+))?$")


def parse_criterion(code: str) -> Criterion:
    """Read one evidence code such as ``"PM2"`` or ``"pm2_supporting"`` (case-insensitive).

    Raises
    ------
    ValueError
        For an unknown code or suffix, or a suffix that ACMG/ClinGen does not allow on it.
    """
    if not isinstance(code, str):
        raise TypeError(f"An evidence code must be text such as 'PVS1', got "
                        f"{type(code).__name__} {code!r:.40}.")
    text = code.strip()
    match = _CODE.match(text.upper().replace("-", "_"))
    if not match:
        raise ValueError(f"{code!r} is not an ACMG/AMP evidence code. Codes are PVS1, PS1–PS4, "
                         "PM1–PM6, PP1–PP5, BA1, BS1–BS4 and BP1–BP7, optionally with a "
                         "strength suffix such as PM2_Supporting.")
    base, suffix = match.group(1), match.group(2)
    direction, strength, _ = CRITERIA[base]
    if suffix is None:
        return Criterion(base, direction, strength)
    key = suffix.lower()
    if key not in _SUFFIXES:
        raise ValueError(f"{code!r}: unknown strength suffix {suffix!r}; use _Supporting, "
                         "_Moderate, _Strong or _VeryStrong.")
    new = _SUFFIXES[key]
    if direction == "benign" and (base == "BA1" or key not in _BENIGN_SUFFIXES):
        raise ValueError(f"{code!r}: ACMG/AMP has no benign evidence of {new} strength"
                         + (" and BA1 is stand-alone." if base == "BA1" else
                            "; benign codes may only be _Strong or _Supporting."))
    return Criterion(base, direction, new)


def parse_criteria(criteria: Iterable[str]) -> list[Criterion]:
    """Read a list of evidence codes (see :func:`parse_criterion`); a bare string is refused.

    A code may be listed only once (each criterion is applied or not).
    """
    if isinstance(criteria, (str, bytes)):
        raise TypeError("Give the evidence codes as a list, e.g. ['PVS1', 'PM2'], not one "
                        "string (a string would be read letter by letter).")
    if isinstance(criteria, dict) or not isinstance(criteria, Iterable):
        raise TypeError(f"Give the evidence codes as a list of text, got "
                        f"{type(criteria).__name__}.")
    parsed = [parse_criterion(c) for c in list(criteria)]
    seen = Counter(c.code for c in parsed)
    twice = sorted(code for code, n in seen.items() if n > 1)
    if twice:
        raise ValueError(f"Each criterion is applied at most once; {', '.join(twice)} is "
                         "listed more than once.")
    return parsed


def _counts(parsed: list[Criterion]) -> Counter:
    return Counter((c.direction, c.strength) for c in parsed)


def _pathogenic_class(n: Counter) -> str | None:
    vs, s = n[("pathogenic", "very strong")], n[("pathogenic", "strong")]
    m, p = n[("pathogenic", "moderate")], n[("pathogenic", "supporting")]
    # Pathogenic (Richards 2015, Table 5)
    if vs >= 1 and (s >= 1 or m >= 2 or (m >= 1 and p >= 1) or p >= 2):  # (i) a–d
        return "Pathogenic"
    if vs >= 2:  # two very strong lines: at least as strong as (i)(a)
        return "Pathogenic"
    if s >= 2:  # (ii)
        return "Pathogenic"
    if s >= 1 and (m >= 3 or (m >= 2 and p >= 2) or (m >= 1 and p >= 4)):  # (iii) a–c
        return "Pathogenic"
    # Likely pathogenic
    if vs >= 1 and m >= 1:  # (i)
        return "Likely pathogenic"
    if s >= 1 and m >= 1:  # (ii) 1 strong and 1–2 moderate
        return "Likely pathogenic"
    if s >= 1 and p >= 2:  # (iii)
        return "Likely pathogenic"
    if m >= 3 or (m >= 2 and p >= 2) or (m >= 1 and p >= 4):  # (iv)–(vi)
        return "Likely pathogenic"
    return None


def _benign_class(n: Counter) -> str | None:
    a, s, p = (n[("benign", "stand-alone")], n[("benign", "strong")],
               n[("benign", "supporting")])
    if a >= 1 or s >= 2:  # Benign (i), (ii)
        return "Benign"
    if (s >= 1 and p >= 1) or p >= 2:  # Likely benign (i), (ii)
        return "Likely benign"
    return None


def acmg_classify(criteria: Iterable[str]) -> str:
    """Classify a variant from its ACMG/AMP evidence codes by the 2015 combining rules.

    Parameters
    ----------
    criteria
        A list of codes such as ``["PVS1", "PS2"]``; case-insensitive; ClinGen strength
        suffixes (``"PM2_Supporting"``, ``"PP3_Strong"``, ``"PS2_VeryStrong"``) change a
        code's strength. Benign codes may be ``_Strong`` or ``_Supporting``.

    Returns
    -------
    str
        One of :data:`CLASSES`. When the pathogenic evidence and the benign evidence both
        reach a class, the rules call them contradictory: ``"Uncertain significance"``.

    Raises
    ------
    ValueError, TypeError
        For an unknown code or suffix, a repeated code, or a bare string instead of a list.

    Examples
    --------
    >>> acmg_classify(["PVS1", "PS2"])
    'Pathogenic'
    >>> acmg_classify(["PM2", "PP3"])
    'Uncertain significance'
    """
    n = _counts(parse_criteria(criteria))
    pathogenic, benign = _pathogenic_class(n), _benign_class(n)
    if pathogenic and benign:
        return "Uncertain significance"
    return pathogenic or benign or "Uncertain significance"


def acmg_points(criteria: Iterable[str]) -> int:
    """Sum of Tavtigian (2020) points: supporting ±1, moderate ±2, strong ±4, very strong ±8.

    BA1 counts −8 here so that it alone reaches "Benign"; in ACMG it is stand-alone.
    """
    return sum(c.points for c in parse_criteria(criteria))


def points_class(points: int) -> str:
    """The class a point total falls in (Tavtigian 2020, Table 3)."""
    if isinstance(points, bool) or not isinstance(points, int):
        raise TypeError(f"points must be a whole number, got {points!r:.40}.")
    if points >= 10:
        return "Pathogenic"
    if points >= 6:
        return "Likely pathogenic"
    if points >= 0:
        return "Uncertain significance"
    if points >= -6:
        return "Likely benign"
    return "Benign"


#: Odds of pathogenicity of one very strong line of evidence (Tavtigian 2018).
ODDS_VERY_STRONG = 350.0
#: Prior probability of pathogenicity used by Tavtigian 2018.
PRIOR = 0.10


def posterior_probability(points: int, prior: float = PRIOR) -> float:
    """Posterior probability of pathogenicity for a point total (Tavtigian 2018).

    The odds of pathogenicity are ``350 ** (points / 8)`` (each point multiplies the odds by
    about 2.08); the posterior is ``odds × prior / ((odds − 1) × prior + 1)``.
    """
    if isinstance(points, bool) or not isinstance(points, (int, float)) \
            or not math.isfinite(points):
        raise TypeError(f"points must be a finite number, got {points!r:.40}.")
    if isinstance(prior, bool) or not isinstance(prior, (int, float)) \
            or not 0 < prior < 1:
        raise ValueError(f"prior must be a probability between 0 and 1, got {prior!r:.40}.")
    # Work with log-odds so very large point totals cannot overflow.
    log_odds = (points / 8) * math.log(ODDS_VERY_STRONG) + math.log(prior / (1 - prior))
    if log_odds >= 0:
        return 1 / (1 + math.exp(-log_odds))
    return math.exp(log_odds) / (1 + math.exp(log_odds))


@dataclass(frozen=True)
class Classification:
    """Both views of one variant's evidence: ACMG rules and Bayesian points."""

    criteria: tuple[str, ...]
    acmg: str
    points: int
    points_class: str
    posterior: float

    def sentence(self) -> str:
        """One sentence naming both results, and whether they agree."""
        codes = ", ".join(self.criteria) if self.criteria else "no criteria"
        agree = ("The two views agree." if self.acmg == self.points_class else
                 "The two views disagree here: the 2015 rules and the points scale are not "
                 "the same at every boundary.")
        return (f"{codes}: ACMG rules say {self.acmg}; points {self.points:+d} say "
                f"{self.points_class} (posterior probability {self.posterior:.3f}). {agree}")


def classify(criteria: Iterable[str]) -> Classification:
    """Classify ``criteria`` both ways (:func:`acmg_classify` and the Bayesian points)."""
    parsed = parse_criteria(criteria)
    labels = tuple(c.label for c in parsed)
    points = sum(c.points for c in parsed)
    return Classification(labels, acmg_classify(labels), points, points_class(points),
                          posterior_probability(points))
