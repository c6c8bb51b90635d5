"""Lesson 08's sourced facts, written once into ``datasets/knowledge/diversity_*.csv``.

The tables are curated knowledge tables like every other in ``datasets/knowledge/``: the
dataset build copies them, and lessons read them through :mod:`precisionmed.data`. After a
correction here, rewrite them with ``python -m precisionmed.diversity.knowledge OUT_DIR``
(``OUT_DIR`` is the ``datasets/`` folder) and run the dataset build. Simplified for teaching,
not for care. ``status``: ``checked`` = read in the source or its abstract; ``secondary`` =
read in a page that quotes the source; ``unverified`` = not read in the source (quote
as approximate).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from precisionmed.tables import column as _col
from precisionmed.tables import write_table

AS_OF = "2026-12-01"

_POPEJOY = "Popejoy AB, Fullerton SM, Nature 2016;538:161 (GWAS Catalog, 2009 and 2016)"
_SIRUGO = "Sirugo G, Williams SM, Tishkoff SA, Cell 2019;177:26 (GWAS participants, 2018)"
_FATUMO = ("Fatumo S and others, Nat Med 2022;28:243, Fig. 1 (GWAS Catalog, 8 July 2021; "
           "numbers read in a page quoting the figure)")

#: ``(year, ancestry group, share %, source, status)``. Groups are the sources' own labels.
GWAS_ANCESTRY: list[tuple[int, str, float, str, str]] = [
    (2009, "European", 96.0, _POPEJOY + ", quoting the 2009 analysis", "checked"),
    (2009, "other or not broken down", 4.0, _POPEJOY + " (100 − 96)", "checked"),
    (2016, "European", 81.0, _POPEJOY + " (non-European 'nearly 20%', mostly Asian)",
     "checked"),
    (2016, "other or not broken down", 19.0, _POPEJOY + " (mostly Asian; African, Latin "
     "American, Hispanic and Indigenous shares 'barely shifted')", "checked"),
    (2018, "European", 78.0, _SIRUGO, "checked"),
    (2018, "Asian", 10.0, _SIRUGO, "checked"),
    (2018, "African", 2.0, _SIRUGO, "checked"),
    (2018, "Hispanic or Latin American", 1.0, _SIRUGO, "checked"),
    (2018, "other or not broken down", 9.0, _SIRUGO + " (remainder: each other group < 1%)",
     "checked"),
    (2021, "European", 86.0, _FATUMO, "secondary"),
    (2021, "Asian", 6.7, _FATUMO + " (East Asian 5.9 + South Asian 0.8)", "secondary"),
    (2021, "African", 1.1, _FATUMO, "secondary"),
    (2021, "Hispanic or Latin American", 0.08, _FATUMO, "secondary"),
    (2021, "other or not broken down", 6.12, _FATUMO + " (remainder)", "secondary"),
]

_AOU_NATURE = ("All of Us Research Program Genomics Investigators, Nature 2024;627:340 "
               "(published 19 February 2024)")
_AOU_NEWS = "All of Us participant newsletter, May 2023 (program milestones)"

#: ``(date, what, value, unit, source, status)``.
ALL_OF_US: list[tuple[str, str, float, str, str, str]] = [
    ("2018-05-06", "National enrolment opened (goal: at least 1 million people in the USA)",
     1_000_000, "people (goal)", "NIH Record, 2018, 'All of Us begins nationwide enrollment'; "
     + _AOU_NEWS, "checked"),
    ("2022-06-13", "Participants who had started enrolment", 500_000, "people", _AOU_NEWS,
     "checked"),
    ("2023-05-01", "Participants who had started enrolment (more than)", 635_000, "people",
     _AOU_NEWS, "checked"),
    ("2024-02-19", "Clinical-grade whole genomes in the genomic data release", 245_388,
     "genomes", _AOU_NATURE, "checked"),
    ("2024-02-19", "Genomes from groups historically under-represented in biomedical research",
     77.0, "%", _AOU_NATURE + " (race, ethnicity, age, income, geography, sexual and gender "
     "identity, disability and more)", "checked"),
    ("2024-02-19", "Genomes from under-represented racial and ethnic minorities", 46.0, "%",
     _AOU_NATURE, "checked"),
    ("2024-02-19", "Previously unreported genetic variants found", 275_000_000,
     "variants (more than)", _AOU_NATURE, "checked"),
]

#: ``(key, fact, value, unit, source, status)``.
FACTS: list[tuple[str, str, float, str, str, str]] = [
    ("ckd_epi_2009_black", "CKD-EPI 2009: factor for patients recorded as Black", 1.159,
     "multiplier", "Levey AS and others, Ann Intern Med 2009;150:604; National Kidney "
     "Foundation, CKD-EPI creatinine equation (2009)", "checked"),
    ("niddk_2021_bias_black", "CKD-EPI 2021 creatinine equation: average underestimate of "
     "measured GFR in Black adults", -4.0, "%", "NIDDK, GFR equations for adults (race-free "
     "CKD-EPI), limitations of the 2021 eGFRcr equation", "checked"),
    ("niddk_2021_bias_nonblack", "CKD-EPI 2021 creatinine equation: average overestimate in "
     "non-Black adults", 4.0, "%", "NIDDK, GFR equations for adults (race-free CKD-EPI)",
     "checked"),
    ("optn_race_neutral", "OPTN requires race-neutral eGFR for kidney waiting time (in effect "
     "27 July 2022)", 2022, "year", "OPTN, 'Establish OPTN requirement for race-neutral eGFR "
     "calculations' (Board approval June 2022; in effect 27 July 2022)", "checked"),
    ("optn_wait_time_fix", "OPTN waiting-time modifications for Black candidates affected by "
     "race-inclusive eGFR (approved 5 Dec 2022, in effect 5 Jan 2023; programs to finish by "
     "3 Jan 2024)", 2023, "year", "OPTN Policy 3.7.D; UNOS news, 'Waiting time adjustment "
     "approved for kidney transplant candidates affected by race-based calculation' (2023)",
     "checked"),
    ("waitlist_egfr", "eGFR at or below which an adult kidney candidate accrues waiting time "
     "(simplified)", 20, "mL/min/1.73 m²", "OPTN kidney allocation policy (waiting time from "
     "registration with GFR ≤ 20 mL/min or from the start of dialysis, as widely described; the "
     "policy text itself was not read for this course)", "unverified"),
    ("martin_hispanic", "Polygenic scores from European-ancestry studies: accuracy lower in "
     "Hispanic/Latino Americans", 1.6, "fold", "Martin AR and others, Nat Genet 2019;51:584 "
     "(PMC6563838; 17 traits in UK Biobank and other cohorts; publisher correction 2021)",
     "checked"),
    ("martin_south_asian", "… lower in South Asians", 1.7, "fold", "Martin AR and others, Nat "
     "Genet 2019;51:584 (PMC6563838)", "checked"),
    ("martin_east_asian", "… lower in East Asians", 2.5, "fold", "Martin AR and others, Nat "
     "Genet 2019;51:584 (PMC6563838)", "checked"),
    ("martin_african", "… lower in Africans", 4.9, "fold", "Martin AR and others, Nat Genet "
     "2019;51:584 (PMC6563838; press reports said 'almost five times')", "checked"),
    ("duncan_european_only", "Polygenic score studies 2008–2017 in European-ancestry people "
     "only", 67.0, "%", "Duncan L and others, Nat Commun 2019;10:3328", "checked"),
    ("rosenberg_within", "Human genetic variation found within populations (377 markers, "
     "1,056 people, 52 populations; 93–95%)", 93.0, "% (at least)", "Rosenberg NA and others, "
     "Science 2002;298:2381", "checked"),
    ("rosenberg_between", "Variation between major groups (3–5%)", 5.0, "% (at most)",
     "Rosenberg NA and others, Science 2002;298:2381", "checked"),
    ("tuskegee_men", "US Public Health Service syphilis study at Tuskegee, 1932–1972: Black "
     "men enrolled (399 with syphilis, 201 without); never told their diagnosis, and not "
     "treated even after penicillin became the standard cure (by 1947)", 600, "men",
     "CDC, 'The U.S. Public Health Service Untreated Syphilis Study at Tuskegee' (timeline)",
     "secondary"),
    ("lacks_1951", "Cells taken from Henrietta Lacks's cervical tumour at Johns Hopkins in 1951, "
     "without her knowledge or consent, became the HeLa cell line used worldwide; in 2013 NIH "
     "agreed with her family on controlled access to the cells' genome data", 1951, "year",
     "Associated Press, 7 August 2013, 'A family consents to a medical gift, 62 years later' "
     "(NIH–Lacks family agreement)", "secondary"),
    ("manrai_hcm", "Variants once reported as causing a heart disease (HCM), later "
     "reclassified benign; far more common in Black Americans (2.9–27%) than white Americans "
     "(0.02–2.9%)", 5, "variants", "Manrai AK and others, N Engl J Med 2016;375:655",
     "secondary"),
]

AS_OF_NOTE = ("Facts as of the date in 'as_of'; programmes and policies change, so check the "
              "source before quoting a number.")

GWAS_SCHEMA = {
    "title": "Who has been in genome-wide association studies (GWAS), by ancestry and year",
    "description": ("Share of GWAS participants by ancestry group as reported by each source, "
                    "one row per year and group; labels are the sources' own and are coarse "
                    "groupings, not biology of race. The sources count differently (2009 and "
                    "2016 from one analysis, 2018 from a review, 2021 from the GWAS Catalog "
                    "as read in a later paper), so compare years with care. " + AS_OF_NOTE),
    "made_by": "hand-curated (knowledge table), written by precisionmed.diversity.knowledge",
    "version": AS_OF, "as_of": AS_OF,
    "licence": "Facts (numbers) from the named publications; table released with the course.",
    "sources": [_POPEJOY, _SIRUGO, _FATUMO],
    "columns": [
        _col("year", "integer", "Year the share describes."),
        _col("ancestry", "string", "Ancestry group as the source labels it."),
        _col("share", "float", "Share of GWAS participants.", unit="%", decimals=2),
        _col("source", "string", "Paper and what it counted."),
        _col("status", "string", "How it was checked.", allowed=["checked", "secondary"]),
    ],
}

AOU_SCHEMA = {
    "title": "The All of Us Research Program: enrolment and diversity, with dates",
    "description": ("Milestones of the US National Institutes of Health's All of Us programme, "
                    "each with the date it describes and its source. " + AS_OF_NOTE),
    "made_by": "hand-curated (knowledge table), written by precisionmed.diversity.knowledge",
    "version": AS_OF, "as_of": AS_OF,
    "licence": "Facts (numbers) from the named publications (NIH: US government work); table "
               "released with the course.",
    "sources": [_AOU_NATURE, _AOU_NEWS, "NIH Record, 2018"],
    "columns": [
        _col("date", "string", "Date the figure describes (YYYY-MM-DD; 2023-05-01 means May "
             "2023)."),
        _col("what", "string", "What the figure is."),
        _col("value", "float", "The figure.", decimals=0),
        _col("unit", "string", "Its unit."),
        _col("source", "string", "Where it was read."),
        _col("status", "string", "How it was checked.", allowed=["checked", "secondary"]),
    ],
}

FACTS_SCHEMA = {
    "title": "Lesson 08 facts: kidney equations, transplant policy, polygenic scores, history",
    "description": ("The published numbers lesson 08 quotes, one per row, each with its source. "
                    "Simplified for teaching; not for care. " + AS_OF_NOTE),
    "made_by": "hand-curated (knowledge table), written by precisionmed.diversity.knowledge",
    "version": AS_OF, "as_of": AS_OF,
    "licence": "Facts (numbers) from the named publications; table released with the course.",
    "sources": ["Each row names its source."],
    "columns": [
        _col("key", "string", "Short name used by the lesson."),
        _col("fact", "string", "What the number is."),
        _col("value", "float", "The number.", decimals=3),
        _col("unit", "string", "Its unit."),
        _col("source", "string", "Paper, policy or page."),
        _col("status", "string", "How it was checked (unverified: not read in the source; "
             "quote as approximate).", allowed=["checked", "secondary", "unverified"]),
    ],
}


def tables() -> dict[str, tuple[pd.DataFrame, dict]]:
    """The three knowledge tables as frames with their schemas."""
    return {
        "knowledge/diversity_gwas_ancestry": (pd.DataFrame(
            GWAS_ANCESTRY, columns=["year", "ancestry", "share", "source", "status"]),
            GWAS_SCHEMA),
        "knowledge/diversity_all_of_us": (pd.DataFrame(
            ALL_OF_US, columns=["date", "what", "value", "unit", "source", "status"]),
            AOU_SCHEMA),
        "knowledge/diversity_facts": (pd.DataFrame(
            FACTS, columns=["key", "fact", "value", "unit", "source", "status"]),
            FACTS_SCHEMA),
    }


def write(out_dir: Path) -> list[Path]:
    """Write the three tables (and schemas) under ``out_dir``, an existing ``datasets/`` folder.

    The folder must already hold a ``knowledge/`` folder, so a mistyped path never scatters
    new folders around.
    """
    if not isinstance(out_dir, (str, Path)) or not str(out_dir).strip():
        raise TypeError("out_dir must be the path of a datasets/ folder.")
    folder = Path(out_dir)
    if not (folder / "knowledge").is_dir():
        raise ValueError(f"{folder} is not a datasets/ folder (it has no knowledge/ folder).")
    written: list[Path] = []
    for name, (frame, schema) in tables().items():
        written += write_table(frame, folder, name, schema)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m precisionmed.diversity.knowledge OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m precisionmed.diversity.knowledge DATASETS_DIR")
        return 2
    try:
        paths = write(Path(str(args[0])))
    except (TypeError, ValueError) as exc:
        print(exc)
        return 2
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
