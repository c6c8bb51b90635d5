"""Lesson 09's data: an invented town whose people can be re-identified, and a toy beacon.

Files written under ``privacy/`` (run ``python -m precisionmed.datasets build``):

- ``town``: 6,000 invented adults of an invented town with a name, sex, birth date, ZIP-like
  code and, for the shrinking-crowd panel, three sets of 30 independent SNP genotypes
  (minor allele frequency 50%, 20% and 10%, Hardy–Weinberg);
- ``public_roll``: a voter-roll-like public list of the same people (name, ZIP, birth date,
  sex), as Sweeney (2000) bought for Cambridge, Massachusetts;
- ``research``: a "de-identified" research table of 400 of them (no names: ZIP, birth date,
  sex, diagnosis, and a Y-chromosome STR profile for men);
- ``linkage_answer_key``: who each research record really is (for instructors and tests);
- ``genealogy``: a toy genetic-genealogy database of men elsewhere who shared their
  Y-chromosome STR profile with their surname (the idea of Gymrek and others, 2013);
- ``beacon``: the yes/no answers of a toy beacon of 1,000 simulated genomes to queries about
  rare alleles carried by one member and one outsider (after Shringarpure and Bustamante, 2015).

Every person, name, code and date is invented with ``numpy.random.default_rng(SEED)``: no real
person can be found in any of it. Names are random pairs of a common first name and an
invented surname; any likeness to a real person is chance.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.tables import column as _col
from precisionmed.tables import write_table

ORDER = 90
SEED = 20260909
VERSION = "2026-12-01"
TOWN_SIZE = 6000
RESEARCH_SIZE = 400
SNPS_PER_SET = 30
#: Minor allele frequencies of the three SNP sets (column suffix → frequency).
SNP_SETS = {"50": 0.5, "20": 0.2, "10": 0.1}
#: Invented ZIP-like codes (three 3-digit areas) and each one's share of the town.
ZIP_CODES = ("00101", "00102", "00103", "00104", "00201", "00202", "00203", "00204",
             "00301", "00302", "00303", "00304")
ZIP_WEIGHTS = (14, 11, 9, 7, 10, 8, 8, 6, 9, 7, 6, 5)
FIRST_BORN, LAST_BORN = dt.date(1940, 1, 1), dt.date(2005, 12, 31)
DIAGNOSES = ("type 2 diabetes", "asthma", "depression", "high blood pressure", "migraine",
             "none of these")
DIAGNOSIS_WEIGHTS = (0.12, 0.10, 0.12, 0.22, 0.09, 0.35)
Y_LOCI = 10
#: Chance that one Y-STR locus has changed by one repeat since the surname's founder.
Y_STEP = 0.03
GENEALOGY_SIZE = 2500
#: Toy beacon: members, rare-allele sites and queries asked per person.
BEACON_SIZE = 1000
BEACON_SITES = 120000
BEACON_QUERIES = 250
BEACON_ERROR = 0.001
#: Common first names from many backgrounds, drawn to match the person's recorded sex.
FIRST_NAMES_FEMALE = (
    "Aaliyah", "Ada", "Aiko", "Amara", "Ana", "Anya", "Ayesha", "Bea", "Camila", "Clara",
    "Elena", "Esra", "Farah", "Fatima", "Grace", "Hana", "Ines", "Keiko", "Layla", "Leah",
    "Lucia", "Maya", "Mei", "Nadia", "Nia", "Priya", "Rosa", "Sara", "Sofia", "Una", "Yara",
    "Zara",
)
FIRST_NAMES_MALE = (
    "Abdul", "Alejandro", "Amir", "Anders", "Arjun", "Bilal", "Bruno", "Chen", "Chidi",
    "Dario", "Dev", "Emeka", "Felix", "Hugo", "Isaac", "Jamal", "Jin", "Joao", "Kai", "Kofi",
    "Lars", "Liam", "Malik", "Mateo", "Noah", "Omar", "Rafael", "Sami", "Tariq", "Tomas",
    "Viktor", "Yusuf",
)
_SURNAME_HEADS = ("Quor", "Vell", "Tamb", "Orr", "Zan", "Brisk", "Yarr", "Mopp", "Kest",
                  "Drav", "Ulm", "Peff", "Sorr", "Wend", "Fitch", "Gask", "Lum", "Nobb")
_SURNAME_TAILS = ("quist", "ovan", "ebeck", "arro", "inski", "elli", "oule", "ander", "whit")


def _made_by() -> str:
    return f"simulated by precisionmed.privacy.simulate with numpy default_rng(seed={SEED})"


def _surnames() -> list[str]:
    return [h + t for h in _SURNAME_HEADS for t in _SURNAME_TAILS]


def _dates(rng: np.random.Generator, n: int) -> list[str]:
    span = (LAST_BORN - FIRST_BORN).days
    offsets = rng.integers(0, span + 1, size=n)
    return [(FIRST_BORN + dt.timedelta(days=int(o))).isoformat() for o in offsets]


def _genotypes(rng: np.random.Generator, n: int, maf: float) -> list[str]:
    calls = rng.binomial(2, maf, size=(n, SNPS_PER_SET)).astype(np.uint8) + ord("0")
    return [row.tobytes().decode("ascii") for row in calls]


def _mutate(rng: np.random.Generator, founder: np.ndarray) -> str:
    steps = rng.random(founder.shape) < Y_STEP
    signs = rng.choice([-1, 1], size=founder.shape)
    return "-".join(str(int(v)) for v in founder + steps * signs)


def _founders(rng: np.random.Generator, surnames: list[str]) -> dict[str, np.ndarray]:
    return {s: rng.integers(10, 25, size=Y_LOCI) for s in surnames}


def _town(rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    surnames = _surnames()
    founders = _founders(rng, surnames)
    n = TOWN_SIZE
    sex = np.where(rng.random(n) < 0.5, "female", "male")
    first = np.where(sex == "female", rng.choice(FIRST_NAMES_FEMALE, size=n),
                     rng.choice(FIRST_NAMES_MALE, size=n))
    last = rng.choice(surnames, size=n)
    weights = np.asarray(ZIP_WEIGHTS, dtype=float)
    zips = rng.choice(ZIP_CODES, size=n, p=weights / weights.sum())
    frame = pd.DataFrame({
        "person_id": [f"P-{i + 1:05d}" for i in range(n)],
        "name": [f"{f} {s}" for f, s in zip(first, last, strict=True)],
        "sex": sex, "birth_date": _dates(rng, n), "zip": zips,
    })
    for suffix, maf in SNP_SETS.items():
        frame[f"snps_maf{suffix}"] = _genotypes(rng, n, maf)
    frame["y_str"] = [(_mutate(rng, founders[s]) if x == "male" else None)
                      for s, x in zip(last, sex, strict=True)]
    return frame, founders


def _research(rng: np.random.Generator, town: pd.DataFrame) -> pd.DataFrame:
    chosen = np.sort(rng.choice(len(town), size=RESEARCH_SIZE, replace=False))
    picked = town.iloc[chosen].reset_index(drop=True)
    order = rng.permutation(RESEARCH_SIZE)  # record ids do not follow the town's order
    picked = picked.iloc[order].reset_index(drop=True)
    weights = np.asarray(DIAGNOSIS_WEIGHTS)
    return pd.DataFrame({
        "record_id": [f"R-{i + 1:04d}" for i in range(RESEARCH_SIZE)],
        "zip": picked["zip"], "birth_date": picked["birth_date"], "sex": picked["sex"],
        "diagnosis": rng.choice(DIAGNOSES, size=RESEARCH_SIZE, p=weights / weights.sum()),
        "y_str": picked["y_str"], "person_id": picked["person_id"], "name": picked["name"],
    })


def _genealogy(rng: np.random.Generator, founders: dict[str, np.ndarray]) -> pd.DataFrame:
    surnames = list(founders)
    # Men elsewhere who uploaded their Y profile; most of the town's surnames are there.
    listed = [s for s in surnames if rng.random() < 0.85]
    names = rng.choice(listed, size=GENEALOGY_SIZE)
    return pd.DataFrame({
        "entry_id": [f"G-{i + 1:05d}" for i in range(GENEALOGY_SIZE)],
        "surname": names,
        "y_str": [_mutate(rng, founders[s]) for s in names],
    })


def _beacon(rng: np.random.Generator) -> pd.DataFrame:
    """A member's and an outsider's queries to a toy beacon of BEACON_SIZE genomes.

    Only what the test needs is drawn: for each rare site, the member's and the outsider's
    allele counts and whether any *other* member carries the allele.
    """
    freq = np.exp(rng.uniform(np.log(1e-5), np.log(0.01), size=BEACON_SITES))
    member = rng.binomial(2, freq)
    outsider = rng.binomial(2, freq)
    others = rng.random(BEACON_SITES) < 1 - (1 - freq) ** (2 * (BEACON_SIZE - 1))
    missed = rng.random(BEACON_SITES) < BEACON_ERROR  # the member's copy missed by error
    in_beacon = others | ((member > 0) & ~missed)
    rows = []
    for who, carries in (("member", member > 0), ("outsider", outsider > 0)):
        sites = np.flatnonzero(carries)
        sites = rng.permutation(sites)[:BEACON_QUERIES]
        for k, site in enumerate(sites):
            rows.append({"person": who, "query": k + 1, "site": f"S-{site + 1:05d}",
                         "allele_frequency": float(freq[site]),
                         "beacon_answer": bool(in_beacon[site])})
    return pd.DataFrame(rows)


_NOTE = ("Every person, name, code and date is invented (numpy seeded generator): no real "
         "person can be found in it; any likeness of a name to a real person is chance.")

TOWN_SCHEMA = {
    "title": "An invented town: 6,000 simulated adults with demographics and SNP genotypes",
    "description": (
        "One row per invented adult of an invented town, for the shrinking-crowd panel of "
        "lesson 09. ZIP-like codes are invented (three 3-digit areas of four codes each); "
        "birth dates are uniform between 1940 and 2005; sex is female or male with equal "
        "chance. Each SNP set holds 30 independent SNPs with the same minor allele frequency "
        "(50%, 20% or 10%), genotypes drawn under Hardy–Weinberg proportions and written as "
        "one digit per SNP (copies of the minor allele: 0, 1 or 2). " + _NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Sweeney L 2000, Simple demographics often identify people uniquely (ZIP, sex "
                "and birth date as clues).",
                "Hardy–Weinberg genotype shares p², 2pq, q².",
                "Invented teaching values: town size, codes and their shares, dates, names."],
    "columns": [
        _col("person_id", "string", "Identifier of the invented person (P-…)."),
        _col("name", "string", "Invented name (a common first name and an invented surname)."),
        _col("sex", "string", "Sex.", allowed=["female", "male"]),
        _col("birth_date", "string", "Date of birth (YYYY-MM-DD)."),
        _col("zip", "string", "Invented 5-digit ZIP-like code.", allowed=list(ZIP_CODES)),
        *[_col(f"snps_maf{s}", "string", f"30 SNP genotypes, minor allele frequency {s}% "
               "(one digit per SNP: 0, 1 or 2 copies).") for s in SNP_SETS],
        _col("y_str", "string", "Y-chromosome STR profile (10 repeat counts; men only).",
             nullable=True),
    ],
}

PUBLIC_SCHEMA = {
    "title": "A public list of the invented town's adults (like a voter roll)",
    "description": (
        "Name, ZIP-like code, birth date and sex of every adult of the invented town, as a "
        "public voter list holds them. Sweeney (2000) bought such a list for Cambridge, "
        "Massachusetts, and linked it to 'anonymous' hospital records. Real voter lists leave "
        "out people who are not registered; this one lists everyone. " + _NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Sweeney L 2000 (the linkage idea).", "Invented teaching values."],
    "columns": [
        _col("name", "string", "Invented name."),
        _col("zip", "string", "Invented ZIP-like code.", allowed=list(ZIP_CODES)),
        _col("birth_date", "string", "Date of birth (YYYY-MM-DD)."),
        _col("sex", "string", "Sex.", allowed=["female", "male"]),
    ],
}

RESEARCH_SCHEMA = {
    "title": "A 'de-identified' research table: 400 invented participants without names",
    "description": (
        "The kind of table a study might share after removing names: ZIP-like code, birth "
        "date, sex and a diagnosis, plus a Y-chromosome STR profile for men (as a genome "
        "holds). Diagnoses are drawn at random with invented shares and say nothing about "
        "anyone. Who each record is sits in privacy/linkage_answer_key. " + _NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Sweeney L 2000; Gymrek M and others, Science 2013;339:321 (ideas only).",
                "Invented teaching values: participants, diagnoses and their shares."],
    "columns": [
        _col("record_id", "string", "Study record number (R-…); not the person's id."),
        _col("zip", "string", "Invented ZIP-like code.", allowed=list(ZIP_CODES)),
        _col("birth_date", "string", "Date of birth (YYYY-MM-DD)."),
        _col("sex", "string", "Sex.", allowed=["female", "male"]),
        _col("diagnosis", "string", "Invented diagnosis.", allowed=list(DIAGNOSES)),
        _col("y_str", "string", "Y-chromosome STR profile (men only).", nullable=True),
    ],
}

KEY_SCHEMA = {
    "title": "Answer key: who each 'de-identified' research record is (instructors)",
    "description": ("The truth behind privacy/research: each record's invented person and "
                    "name, and whether the record is the one the linkage exercise asks "
                    "about. " + _NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Invented teaching values."],
    "columns": [
        _col("record_id", "string", "Study record number (R-…)."),
        _col("person_id", "string", "The invented person (P-… in privacy/town)."),
        _col("name", "string", "The invented person's name."),
        _col("exercise", "boolean", "True for the record the linkage exercise asks about."),
    ],
}

GENEALOGY_SCHEMA = {
    "title": "A toy genetic-genealogy database: Y-chromosome STR profiles with surnames",
    "description": (
        f"{GENEALOGY_SIZE} invented men elsewhere who uploaded their Y-chromosome STR profile "
        "(10 repeat counts) with their surname, as in recreational genealogy databases. Sons "
        "get the Y chromosome and, often, the surname from their fathers, so men who share a "
        "surname share a founder's profile, each locus changed by one repeat with chance "
        f"{Y_STEP} (an invented teaching value). About 85% of the town's surnames are listed. "
        "The toy's success rate is not calibrated: Gymrek and others (2013) projected about "
        "12% for US men of European ancestry. " + _NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Gymrek M and others, Science 2013;339:321 (idea; 12% projection).",
                "Invented teaching values: database size, loci, change rate."],
    "columns": [
        _col("entry_id", "string", "Database entry (G-…)."),
        _col("surname", "string", "Invented surname given with the profile."),
        _col("y_str", "string", "Y-chromosome STR profile (10 repeat counts)."),
    ],
}

BEACON_SCHEMA = {
    "title": "A toy beacon: yes/no answers about rare alleles for a member and an outsider",
    "description": (
        f"A toy beacon holds {BEACON_SIZE} simulated genomes and answers only 'yes' or 'no' to "
        "'does anyone in you carry this allele?'. Each row is one query about a rare allele "
        f"that the person asking about carries: {BEACON_QUERIES} for a member of the beacon "
        "and as many for an outsider. Allele frequencies are log-uniform between 0.001% and "
        f"1%; a member's own copy is missed by a sequencing error with chance {BEACON_ERROR}. "
        "A simplified version of the setting of Shringarpure and Bustamante (2015). " + _NOTE),
    "made_by": _made_by(), "version": VERSION,
    "sources": ["Shringarpure SS, Bustamante CD, Am J Hum Genet 2015;97:631 (idea).",
                "Invented teaching values: beacon size, frequencies, error, queries."],
    "columns": [
        _col("person", "string", "Whose alleles are asked about.",
             allowed=["member", "outsider"]),
        _col("query", "integer", "Query number, in the order asked."),
        _col("site", "string", "Simulated site (S-…)."),
        _col("allele_frequency", "float", "Population frequency of the allele.", decimals=6),
        _col("beacon_answer", "boolean", "The beacon's answer: does anyone in it carry it?"),
    ],
}


def _pick_target(rng: np.random.Generator, research: pd.DataFrame, town: pd.DataFrame) -> str:
    """The linkage exercise's record, drawn at random among fitting women.

    Her ZIP, birth date and sex match one person in town, but her ZIP, birth *year* and sex
    match several (so coarsening hides her).
    """
    year = town["birth_date"].str[:4]
    full = town.groupby(["zip", "birth_date", "sex"]).size()
    coarse = town.assign(year=year).groupby(["zip", "year", "sex"]).size()
    fits = [str(row.record_id) for row in research.itertuples(index=False)
            if row.sex == "female" and full[(row.zip, row.birth_date, row.sex)] == 1
            and coarse[(row.zip, row.birth_date[:4], row.sex)] >= 3]
    if not fits:
        raise ValueError("No research record fits the linkage exercise; change SEED.")
    return fits[int(rng.integers(len(fits)))]


def build(out_dir: Path) -> list[Path]:
    """Write ``privacy/*`` under ``out_dir``."""
    out_dir = Path(out_dir)
    rng = np.random.default_rng(SEED)
    town, founders = _town(rng)
    research = _research(rng, town)
    genealogy = _genealogy(rng, founders)
    beacon = _beacon(rng)
    target = _pick_target(rng, research, town)
    written = write_table(town, out_dir, "privacy/town", TOWN_SCHEMA)
    public = town[["name", "zip", "birth_date", "sex"]].sort_values(
        ["name", "birth_date"], kind="mergesort").reset_index(drop=True)
    written += write_table(public, out_dir, "privacy/public_roll", PUBLIC_SCHEMA)
    written += write_table(research, out_dir, "privacy/research", RESEARCH_SCHEMA)
    key = research[["record_id", "person_id", "name"]].assign(
        exercise=research["record_id"] == target)
    written += write_table(key, out_dir, "privacy/linkage_answer_key", KEY_SCHEMA)
    written += write_table(genealogy, out_dir, "privacy/genealogy", GENEALOGY_SCHEMA)
    written += write_table(beacon, out_dir, "privacy/beacon", BEACON_SCHEMA)
    return written
