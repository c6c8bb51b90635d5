"""Lesson 09's science: why a genome (or a ZIP code and a birthday) is hard to keep anonymous.

Simplified for teaching, not for care or for any real privacy decision. Public pieces:

- :func:`genotype_match_probability`, :func:`random_match_probability` and
  :func:`snps_to_be_unique`: how fast independent SNPs make a person unique
  (Hardy–Weinberg genotype shares);
- :func:`expected_cousins` and :func:`chance_of_relative_in_database`: the reach of a
  genealogy database through a person's cousins (the counting behind Erlich and others, 2018);
- :func:`k_anonymity`, :func:`coarsen` and :func:`link`: linking a "de-identified" table to a
  public one, and what coarsening its columns costs;
- :func:`crowd_sizes`: how many people still match a target as clues are added;
- :func:`beacon_log_likelihood`: a **simplified** version of the beacon membership test of
  Shringarpure and Bustamante (2015);
- :func:`fact`, :func:`facts`, :func:`source`: the lesson's sourced numbers
  (``datasets/knowledge/privacy_facts``).

Every person in the course's data is simulated: no real person can be found in it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from precisionmed._checks import number, whole

#: The quasi-identifiers of the course's research and public tables, most general first.
QUASI_IDENTIFIERS = ("zip", "sex", "birth_year", "birth_date")
#: How :func:`coarsen` may shorten the birth date and the ZIP code.
BIRTH_LEVELS = ("date", "year", "decade", "none")
ZIP_LEVELS = ("5 digits", "3 digits", "none")
#: Columns the public (voter-roll-like) table and the research table share after coarsening.
LINK_COLUMNS = ("zip", "birth", "sex")


def _number(value: object, what: str) -> float:
    return number(what, value)


def _whole(value: object, what: str, low: int) -> int:
    return whole(what, value, low)


def _maf(maf: object) -> float:
    value = _number(maf, "maf (minor allele frequency)")
    if not 0 <= value <= 0.5:
        raise ValueError(f"maf (minor allele frequency) must be between 0 and 0.5, got {value}.")
    return value


# --- how many SNPs make you unique -----------------------------------------------------------

def genotype_match_probability(maf: float) -> float:
    """Chance that two unrelated people have the same genotype at one SNP.

    Under Hardy–Weinberg proportions with allele frequencies ``p = 1 − maf`` and ``q = maf``
    the genotypes have shares p², 2pq and q², so two people match with chance
    p⁴ + (2pq)² + q⁴ (0.375 at ``maf`` 0.5; 1 at ``maf`` 0, where everyone is alike).
    """
    q = _maf(maf)
    p = 1.0 - q
    return p ** 4 + (2 * p * q) ** 2 + q ** 4


def random_match_probability(mafs: Sequence[float]) -> float:
    """Chance that two unrelated people match at every one of several independent SNPs.

    The product of :func:`genotype_match_probability` over ``mafs`` (1 for an empty list).
    Real SNPs near each other are inherited together (linkage disequilibrium), so real
    matches are more likely than this product says.
    """
    if isinstance(mafs, (str, bytes, dict)) or not isinstance(mafs, (Sequence, np.ndarray)):
        raise TypeError("mafs must be a list of minor allele frequencies, e.g. [0.5, 0.2].")
    result = 1.0
    for maf in mafs:
        result *= genotype_match_probability(maf)
    return result


def snps_to_be_unique(maf: float, population: int) -> int:
    """Fewest independent SNPs of frequency ``maf`` that make a person expected-unique.

    The smallest ``n`` for which the expected number of *other* people sharing all ``n``
    genotypes, ``(population − 1) × genotype_match_probability(maf) ** n``, is below one.
    ``population`` is the number of people (at least 2); ``maf`` must be above 0.
    """
    size = _whole(population, "population", 2)
    match = genotype_match_probability(maf)
    if match >= 1.0:
        raise ValueError("maf must be above 0: a SNP everyone shares never tells people apart.")
    n = max(0, math.floor(math.log(size - 1) / -math.log(match)))
    while (size - 1) * match ** n >= 1.0:
        n += 1
    while n > 0 and (size - 1) * match ** (n - 1) < 1.0:
        n -= 1
    return n


def expected_others(maf: float, n_snps: int, population: int) -> float:
    """Expected number of other people sharing ``n_snps`` genotypes of frequency ``maf``."""
    size = _whole(population, "population", 1)
    n = _whole(n_snps, "n_snps", 0)
    return (size - 1) * genotype_match_probability(maf) ** n


# --- family reach ------------------------------------------------------------------------------

def expected_cousins(degree: int, children_per_couple: float) -> float:
    """Expected number of cousins of one degree (1 = first cousins) of a person.

    With ``c`` children per couple in every generation, the count is 2ᵈ × (c − 1) × cᵈ: the
    2ᵈ ancestor couples ``d`` generations up each have c − 1 other children, whose lines
    branch c-fold for ``d`` generations down (Erlich and others, 2018, use c = 2.5: 7.5 first,
    37.5 second, 187.5 third cousins). ``c`` from 1 to 10.
    """
    d = _whole(degree, "degree", 1)
    if d > 20:
        raise ValueError(f"degree must be 20 or less, got {d}.")
    c = _number(children_per_couple, "children_per_couple")
    if not 1 <= c <= 10:
        raise ValueError(f"children_per_couple must be between 1 and 10, got {c}.")
    return 2 ** d * (c - 1) * c ** d


def chance_of_relative_in_database(n_relatives: float, coverage: float) -> float:
    """Chance that a database holds at least one of ``n_relatives`` relatives.

    ``coverage`` is the share of the population in the database (0 to 1); each relative is
    in it independently with that chance, so the answer is 1 − (1 − coverage)ⁿ.
    """
    n = _number(n_relatives, "n_relatives")
    if n < 0:
        raise ValueError(f"n_relatives must be 0 or more, got {n}.")
    f = _number(coverage, "coverage")
    if not 0 <= f <= 1:
        raise ValueError(f"coverage must be a share between 0 and 1 (0.02 is 2%), got {f}.")
    return 1.0 - (1.0 - f) ** n


@dataclass(frozen=True)
class FamilyReach:
    """Cousin counts and the chance a database holds one (see :func:`family_reach`)."""

    children_per_couple: float
    coverage: float
    cousins: tuple[float, ...]        # expected 1st, 2nd, 3rd, 4th cousins
    chance_up_to: tuple[float, ...]   # P(at least one cousin of that degree or closer)

    @property
    def third_or_closer(self) -> float:
        """Chance the database holds a third cousin or closer relative."""
        return self.chance_up_to[2]


def family_reach(children_per_couple: float, coverage: float, degrees: int = 4) -> FamilyReach:
    """Expected cousins up to ``degrees`` and the chance a database holds one that close."""
    d = _whole(degrees, "degrees", 1)
    cousins = tuple(expected_cousins(k, children_per_couple) for k in range(1, d + 1))
    running = np.cumsum(cousins)
    chances = tuple(chance_of_relative_in_database(float(m), coverage) for m in running)
    return FamilyReach(float(children_per_couple), float(coverage), cousins, chances)


# --- linkage and k-anonymity -------------------------------------------------------------------

def _frame(table: object, what: str = "table") -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a table (pandas DataFrame), got {type(table).__name__}.")
    return table


def _columns(table: pd.DataFrame, columns: object, what: str) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    if not isinstance(columns, (list, tuple)) or not all(isinstance(c, str) for c in columns):
        raise TypeError(f"{what} must be a list of column names, e.g. ['zip', 'sex'].")
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        raise ValueError(f"Unknown {what} {unknown}; the table has {list(table.columns)}.")
    if len(set(columns)) != len(columns):
        raise ValueError(f"{what} lists a column twice: {list(columns)}.")
    return list(columns)


def k_anonymity(table: pd.DataFrame, quasi_identifiers: Sequence[str]) -> int:
    """Size of the smallest group of rows that share the same values of ``quasi_identifiers``.

    A table is *k-anonymous* when every row looks like at least k − 1 others on those
    columns (Sweeney 2002). k = 1 means someone is alone, so can be picked out. With no
    columns, everyone is in one group (k = number of rows). Unknown columns are refused.
    """
    frame = _frame(table)
    columns = _columns(frame, list(quasi_identifiers) if not isinstance(
        quasi_identifiers, str) else quasi_identifiers, "quasi_identifiers")
    if frame.empty:
        raise ValueError("The table has no rows, so k-anonymity is not defined.")
    if not columns:
        return len(frame)
    return int(frame.groupby(columns, dropna=False).size().min())


def coarsen(table: pd.DataFrame, birth: str = "date", zip_code: str = "5 digits",
            sex: bool = True) -> pd.DataFrame:
    """A copy of a table with ``zip``, ``birth_date`` and ``sex`` made coarser.

    ``birth``: ``"date"`` (kept), ``"year"``, ``"decade"`` (e.g. ``"1960s"``) or ``"none"``;
    ``zip_code``: ``"5 digits"``, ``"3 digits"`` (e.g. ``"001**"``) or ``"none"``; ``sex``:
    keep it or not. The result has the columns ``zip``, ``birth`` and ``sex`` (removed ones
    hold ``"*"``) and every other column unchanged except ``birth_date``.
    """
    frame = _frame(table)
    _columns(frame, ["zip", "birth_date", "sex"], "columns")
    if birth not in BIRTH_LEVELS:
        raise ValueError(f"birth must be one of {BIRTH_LEVELS}, got {birth!r}.")
    if zip_code not in ZIP_LEVELS:
        raise ValueError(f"zip_code must be one of {ZIP_LEVELS}, got {zip_code!r}.")
    if not isinstance(sex, bool):
        raise TypeError(f"sex must be True (keep it) or False (remove it), got {sex!r}.")
    out = frame.drop(columns=["birth_date"]).copy()
    out["birth"], out["zip"], out["sex"] = _coarse_columns(frame, birth, zip_code, sex)
    return out


def _coarse_columns(frame: pd.DataFrame, birth: str, zip_code: str,
                    sex: bool) -> tuple[pd.Series | str, pd.Series | str, pd.Series | str]:
    """The coarsened ``birth``, ``zip`` and ``sex`` of checked arguments (``"*"`` if removed)."""
    dates = frame["birth_date"].astype(str)
    if birth == "date":
        born: pd.Series | str = dates
    elif birth == "year":
        born = dates.str[:4]
    elif birth == "decade":
        born = dates.str[:3] + "0s"
    else:
        born = "*"
    codes = frame["zip"].astype(str)
    place = codes if zip_code == "5 digits" else (codes.str[:3] + "**"
                                                  if zip_code == "3 digits" else "*")
    return born, place, (frame["sex"].astype(str) if sex else "*")


def link(research: pd.DataFrame, public: pd.DataFrame,
         on: Sequence[str] = LINK_COLUMNS) -> pd.DataFrame:
    """Join a research table to a public one on shared columns; one row per research record.

    Both tables must have ``record_id``/``name`` respectively and the ``on`` columns (as
    :func:`coarsen` writes them). The result has ``record_id``, ``candidates`` (how many
    public people share the record's values) and ``name`` (the one name when exactly one
    person matches, else empty).
    """
    left, right = _frame(research, "research"), _frame(public, "public")
    keys = _columns(left, list(on), "on")
    _columns(right, keys, "on")
    _columns(left, ["record_id"], "columns")
    _columns(right, ["name"], "columns")
    texts = _text_keys(left, keys), _text_keys(right, keys)
    if texts[0] is None or texts[1] is None:
        groups = right.groupby(keys, dropna=False)["name"].agg(["size", "first"]).reset_index()
        merged = left[["record_id", *keys]].merge(groups, on=keys, how="left")
        candidates = merged["size"].fillna(0).astype(int)
        return pd.DataFrame({"record_id": merged["record_id"].to_numpy(),
                             "candidates": candidates.to_numpy(),
                             "name": np.where(candidates.to_numpy() == 1,
                                              merged["first"].to_numpy(dtype=object), None)})
    # every key value is text (what coarsen writes): count and name each joined key with a
    # dict, several times faster than grouping and merging; the same result as the pandas way
    sizes = Counter(texts[1])
    first: dict[str, object] = {}
    for key, name in zip(texts[1], right["name"].to_numpy(dtype=object), strict=True):
        if key not in first or (pd.isna(first[key]) and not pd.isna(name)):
            first[key] = name
    candidates = np.array([sizes.get(key, 0) for key in texts[0]], dtype=int)
    names = np.array([first[key] if n == 1 else None
                      for key, n in zip(texts[0], candidates, strict=True)], dtype=object)
    return pd.DataFrame({"record_id": left["record_id"].to_numpy(),
                         "candidates": candidates, "name": names})


def _text_keys(table: pd.DataFrame, keys: list[str]) -> list[str] | None:
    """One joined text key per row of ``table``'s ``keys`` columns; None unless all are text.

    Joined with a control character no course value contains, so distinct rows never share
    a key; plain strings (not a tuple per row) keep the garbage collector out of it.
    """
    columns = [table[k].to_numpy(dtype=object) for k in keys]
    if not columns or not all(isinstance(v, str) and "\x1f" not in v for c in columns for v in c):
        return None
    joined = columns[0].copy()
    for column in columns[1:]:
        joined = joined + "\x1f" + column
    return joined.tolist()


# --- the shrinking crowd -----------------------------------------------------------------------

def crowd_sizes(matches: np.ndarray) -> np.ndarray:
    """People still matching after each added clue, from a people × clues True/False array.

    Entry 0 is everyone; entry k counts people who match the target on clues 1…k.
    """
    try:
        array = np.asarray(matches)
    except (TypeError, ValueError) as exc:
        raise TypeError("matches must be a people × clues array of True/False.") from exc
    if array.ndim != 2 or array.dtype != bool or array.shape[0] == 0:
        raise ValueError("matches must be a people × clues array of True/False with at least "
                         "one person.")
    running = np.cumprod(array, axis=1, dtype=np.int8)
    return np.concatenate([[array.shape[0]], running.sum(axis=0)]).astype(int)


def genotype_matrix(codes: Sequence[str]) -> np.ndarray:
    """Genotype strings such as ``"0121…"`` (one digit per SNP: 0, 1 or 2 copies) as an array."""
    if isinstance(codes, (str, bytes)) or not isinstance(codes, (Sequence, np.ndarray,
                                                                 pd.Series)):
        raise TypeError("codes must be a list of genotype strings such as '0121'.")
    items = list(codes)
    if not items or not all(isinstance(c, str) and c for c in items):
        raise ValueError("Each genotype string must hold only the digits 0, 1 and 2.")
    # one check over all the digits at once (a set per string was most of the time here)
    raw = np.frombuffer("".join(items).encode("utf-8"), dtype=np.uint8)
    if ((raw < ord("0")) | (raw > ord("2"))).any():
        raise ValueError("Each genotype string must hold only the digits 0, 1 and 2.")
    if len({len(c) for c in items}) != 1:
        raise ValueError("Every genotype string must have the same number of SNPs.")
    return (raw - ord("0")).reshape(len(items), len(items[0])).astype(np.int8)


# --- the beacon ---------------------------------------------------------------------------------

def beacon_log_likelihood(answers: Sequence[bool], frequencies: Sequence[float],
                          beacon_size: int, error: float = 0.001) -> np.ndarray:
    """Running log-likelihood ratio "in the beacon" vs "not in it" over a person's queries.

    A **simplified** version of the test of Shringarpure and Bustamante (2015). Each query
    asks the beacon about an allele the person carries; ``answers`` are its yes/no replies.
    If the person is in the beacon the answer is "no" only when a sequencing error hides
    their copy (chance ``error``) and none of the other ``beacon_size − 1`` members carries it;
    if not, "no" means none of the ``beacon_size`` members (2 × size chromosomes) carries it,
    chance (1 − f)^(2 × size). Positive totals favour membership. The published test also
    handles unknown frequencies and relatives.
    """
    try:
        said = np.asarray(answers)
        freq = np.asarray(frequencies, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError("answers must be True/False values and frequencies numbers.") from exc
    if said.ndim != 1 or said.dtype != bool or freq.shape != said.shape or not len(said):
        raise ValueError("answers (True/False) and frequencies must be two lists of the same "
                         "length.")
    if not np.isfinite(freq).all() or (freq <= 0).any() or (freq >= 1).any():
        raise ValueError("frequencies must be allele frequencies above 0 and below 1.")
    size = _whole(beacon_size, "beacon_size", 1)
    delta = _number(error, "error")
    if not 0 < delta < 0.5:
        raise ValueError(f"error must be a small chance above 0 and below 0.5, got {delta}.")
    # chance that nobody carries the allele: among the other size − 1 members (if the person
    # is in the beacon) or among all size members (if not)
    absent_in = np.clip((1.0 - freq) ** (2 * (size - 1)), 1e-300, 1.0)
    absent_out = np.clip((1.0 - freq) ** (2 * size), 1e-300, 1 - 1e-15)
    yes = np.log((1 - delta * absent_in) / (1 - absent_out))
    no = np.log(delta * absent_in / absent_out)
    return np.cumsum(np.where(said, yes, no))


# --- sourced facts -------------------------------------------------------------------------------

def facts() -> pd.DataFrame:
    """The lesson's sourced numbers (``datasets/knowledge/privacy_facts``)."""
    from precisionmed import data

    return data.load("knowledge/privacy_facts")


def fact(key: str) -> float:
    """One sourced number by its key, e.g. ``fact("sweeney_zip_dob_sex")`` → 87."""
    from precisionmed import data

    return float(data.fact_row("knowledge/privacy_facts", key)["value"])


def source(key: str) -> str:
    """The source of fact ``key`` (paper, law or news report)."""
    from precisionmed import data

    return str(data.fact_row("knowledge/privacy_facts", key)["source"])


__all__ = [
    "BIRTH_LEVELS", "LINK_COLUMNS", "QUASI_IDENTIFIERS", "ZIP_LEVELS", "FamilyReach",
    "beacon_log_likelihood", "chance_of_relative_in_database", "coarsen", "crowd_sizes",
    "expected_cousins", "expected_others", "fact", "facts", "family_reach",
    "genotype_match_probability", "genotype_matrix", "k_anonymity", "link",
    "random_match_probability", "snps_to_be_unique", "source",
]


# --- surname from the Y chromosome (toy) -------------------------------------------------------

def _profile(y_str: object) -> np.ndarray:
    if not isinstance(y_str, str) or not y_str.strip():
        raise TypeError("y_str must be a Y-STR profile such as '15-13-19-15-13-17-10-15-24-20'.")
    try:
        return np.array([int(x) for x in y_str.split("-")])
    except ValueError as exc:
        raise ValueError(f"y_str must be repeat counts joined by '-', got {y_str!r}.") from exc


def surname_from_y(genealogy: pd.DataFrame, y_str: str) -> pd.DataFrame:
    """Rank the surnames of a genealogy table by how close their Y-STR profiles are to ``y_str``.

    A toy of the idea of Gymrek and others (2013): men who share a surname often share a
    Y chromosome. Returns one row per surname with ``differences`` (fewest loci that differ
    from any entry with that surname) and ``entries`` (how many entries have that distance),
    closest first.
    """
    table = _frame(genealogy, "genealogy")
    _columns(table, ["surname", "y_str"], "columns")
    target = _profile(y_str)
    texts = table["y_str"].to_numpy(dtype=object).tolist()
    loci = None
    if texts and all(isinstance(t, str) and t.count("-") == len(target) - 1 for t in texts):
        # every profile parsed in one go (a small array per entry was most of the time here)
        try:
            loci = np.array("-".join(texts).split("-"), dtype=np.int64)
        except ValueError:
            loci = None
    if loci is None:  # the slow way, which names what is wrong
        profiles = [_profile(t) for t in texts]
        if any(len(p) != len(target) for p in profiles):
            raise ValueError("Every profile must have as many loci as y_str.")
        if not profiles:
            raise ValueError("The genealogy table has no rows.")
        loci = np.concatenate(profiles)
    distance = (loci.reshape(len(texts), len(target)) != target).sum(axis=1)
    frame = pd.DataFrame({"surname": table["surname"].to_numpy(), "differences": distance})
    best = frame.groupby("surname")["differences"].min()
    ties = frame.merge(best.rename("best"), left_on="surname", right_index=True)
    counts = ties[ties["differences"] == ties["best"]].groupby("surname").size()
    out = pd.DataFrame({"surname": best.index, "differences": best.to_numpy(),
                        "entries": counts.reindex(best.index).to_numpy()})
    return out.sort_values(["differences", "entries", "surname"],
                           ascending=[True, False, True]).reset_index(drop=True)


__all__ += ["surname_from_y"]


# --- the course's simulated data -----------------------------------------------------------------

#: Evidence level (log-likelihood ratio) the lesson treats as decided: odds of 1,000 to 1.
BEACON_THRESHOLD = math.log(1000)


def beacon_evidence() -> dict[str, np.ndarray]:
    """Running evidence for the toy beacon's member and outsider (``privacy/beacon``)."""
    from precisionmed import data
    from precisionmed.privacy.simulate import BEACON_ERROR, BEACON_SIZE

    table = data.load("privacy/beacon")
    out = {}
    for who in ("member", "outsider"):
        rows = table[table["person"] == who].sort_values("query")
        out[who] = beacon_log_likelihood(rows["beacon_answer"].to_numpy(dtype=bool),
                                         rows["allele_frequency"].to_numpy(dtype=float),
                                         BEACON_SIZE, BEACON_ERROR)
    return out


def queries_to_decide(evidence: np.ndarray, threshold: float = BEACON_THRESHOLD) -> int | None:
    """First query after which the running evidence passes ±``threshold`` (None if never)."""
    try:
        values = np.asarray(evidence, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError("evidence must be a list of numbers (from beacon_evidence).") from exc
    limit = _number(threshold, "threshold")
    if values.ndim != 1 or not len(values) or limit <= 0:
        raise ValueError("evidence must be a non-empty list of numbers and threshold above 0.")
    passed = np.flatnonzero(np.abs(values) > limit)
    return int(passed[0]) + 1 if len(passed) else None


__all__ += ["BEACON_THRESHOLD", "beacon_evidence", "queries_to_decide"]


#: Coarsening choices the lesson compares: (birth, ZIP code, keep sex).
COARSENINGS: tuple[tuple[str, str, bool], ...] = (
    ("date", "5 digits", True), ("year", "5 digits", True), ("year", "3 digits", True),
    ("decade", "3 digits", True), ("decade", "none", True), ("none", "3 digits", False),
)


def coarsening_table(research: pd.DataFrame, public: pd.DataFrame,
                     choices: Sequence[tuple[str, str, bool]] = COARSENINGS) -> pd.DataFrame:
    """For each coarsening choice: k of the research table and how many records get a name.

    ``choices`` are ``(birth, zip_code, sex)`` triples for :func:`coarsen`.
    """
    _frame(research, "research")
    _frame(public, "public")
    for frame, what in ((research, "research"), (public, "public")):
        _columns(frame, ["zip", "birth_date", "sex"], f"{what} table's columns")
    if isinstance(choices, (str, bytes)) or not isinstance(choices, (Sequence,)) or not choices:
        raise TypeError("choices must be a list of (birth, zip_code, sex) triples.")
    rows = []
    texts = [{name: [str(v) for v in frame[name].to_numpy(dtype=object)]
              for name in ("zip", "birth_date", "sex")} for frame in (research, public)]
    for choice in choices:
        if not isinstance(choice, tuple) or len(choice) != 3:
            raise TypeError("each choice must be a (birth, zip_code, sex) triple.")
        birth, zip_code, sex = choice
        # The same answers as coarsen + k_anonymity + link, on one joined key per row:
        # counting keys is several times faster than grouping and merging three columns.
        shared = Counter(_coarse_keys(texts[0], birth, zip_code, sex))
        in_public = Counter(_coarse_keys(texts[1], birth, zip_code, sex))
        named = sum(n for key, n in shared.items() if in_public.get(key) == 1)
        rows.append({"birth": birth, "ZIP code": zip_code, "sex kept": sex,
                     "k (research table)": min(shared.values()),
                     "records named": named})
    return pd.DataFrame(rows)


def _coarse_keys(columns: dict[str, list[str]], birth: str, zip_code: str,
                 sex: bool) -> list[str]:
    """One text key per row: the ``zip``, ``birth`` and ``sex`` that :func:`coarsen` writes.

    ``columns`` holds a table's ``zip``, ``birth_date`` and ``sex`` as lists of text.
    """
    if birth not in BIRTH_LEVELS or zip_code not in ZIP_LEVELS or not isinstance(sex, bool):
        coarsen(pd.DataFrame(columns), birth, zip_code, sex)  # raises the friendly error
    dates, codes = columns["birth_date"], columns["zip"]
    born = (dates if birth == "date" else [d[:4] for d in dates] if birth == "year"
            else [d[:3] + "0s" for d in dates] if birth == "decade" else ["*"] * len(dates))
    place = (codes if zip_code == "5 digits" else [c[:3] + "**" for c in codes]
             if zip_code == "3 digits" else ["*"] * len(codes))
    kept = columns["sex"] if sex else ["*"] * len(codes)
    return [f"{z}|{b}|{k}" for z, b, k in zip(place, born, kept, strict=True)]


def surname_candidates(public: pd.DataFrame, surname: str, zip_code: str,
                       birth_year: str) -> pd.DataFrame:
    """People in a public list with ``surname``, living in ``zip_code``, born in ``birth_year``."""
    table = _frame(public, "public")
    _columns(table, ["name", "zip", "birth_date"], "columns")
    for value, what in ((surname, "surname"), (zip_code, "zip_code"), (birth_year, "birth_year")):
        if not isinstance(value, str) or not value.strip():
            raise TypeError(f"{what} must be text, e.g. '00104' or '1983'.")
    keep = (table["name"].astype(str).str.endswith(" " + surname)
            & (table["zip"].astype(str) == zip_code)
            & (table["birth_date"].astype(str).str[:4] == birth_year))
    return table[keep].reset_index(drop=True)


__all__ += ["COARSENINGS", "coarsening_table", "surname_candidates"]


def gina_summary() -> str:
    """What GINA covers and does not, one line per area (``knowledge/privacy_gina``)."""
    from precisionmed import data

    lines = []
    for row in data.load("knowledge/privacy_gina").itertuples(index=False):
        mark = "COVERED    " if row.covered else "NOT COVERED"
        lines.append(f"{mark}  {row.area}: {row.what_it_means}")
    return "\n".join(lines)


def decision_aid() -> str:
    """The neutral questions to ask before sharing DNA, each with why it matters and a source."""
    from precisionmed import data

    blocks = []
    for i, row in enumerate(data.load("knowledge/privacy_decision_aid").itertuples(index=False),
                            start=1):
        blocks.append(f"{i}. {row.question}\n   Why it matters: {row.why_it_matters}\n"
                      f"   Source: {row.source}")
    return "\n\n".join(blocks)


__all__ += ["decision_aid", "gina_summary"]
