"""Match tumour alterations to targeted drugs, with evidence levels, sources and resistance.

>>> from precisionmed.oncology import match_therapies
>>> match_therapies("BRAF V600E", "colorectal")[["drug", "status"]]  # doctest: +SKIP
                      drug  status
0  encorafenib + cetuximab  option
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from precisionmed.oncology import knowledge
from precisionmed.oncology.parsing import Alteration, parse_alteration

#: Columns of :func:`match_therapies`'s result, in order.
MATCH_COLUMNS = ["gene", "alteration", "drug", "evidence_level", "cancer_type", "resistance",
                 "source", "setting", "fda_status", "fda_date", "status", "reason"]

#: What the ``status`` column of :func:`match_therapies` can say, in sorting order.
STATUSES = ("option", "blocked", "other setting", "withdrawn", "resistance")

#: Words for prior treatments a patient may have had, and the categories the table uses.
PRIOR_CATEGORIES: dict[str, frozenset[str]] = {
    "erlotinib": frozenset({"EGFR inhibitor"}), "gefitinib": frozenset({"EGFR inhibitor"}),
    "afatinib": frozenset({"EGFR inhibitor"}), "dacomitinib": frozenset({"EGFR inhibitor"}),
    "osimertinib": frozenset({"EGFR inhibitor"}), "egfr inhibitor": frozenset({"EGFR inhibitor"}),
    "imatinib": frozenset({"imatinib"}),
    "endocrine": frozenset({"endocrine therapy"}), "tamoxifen": frozenset({"endocrine therapy"}),
    "aromatase inhibitor": frozenset({"endocrine therapy"}),
    "platinum": frozenset({"platinum chemotherapy", "chemotherapy"}),
    "chemotherapy": frozenset({"chemotherapy"}),
}


@dataclass(frozen=True)
class Setting:
    """Where a patient is in their illness, as the board needs it (simplified for teaching).

    ``stage`` is ``"early"`` (e.g. a newly found, operable lump) or ``"advanced"``
    (unresectable or metastatic); ``prior`` the treatment categories already given
    (``"EGFR inhibitor"``, ``"endocrine therapy"``, ``"chemotherapy"``, ``"platinum
    chemotherapy"``, ``"imatinib"``).
    """

    stage: str = "advanced"
    prior: frozenset[str] = frozenset()

    def describe(self) -> str:
        """A few words, e.g. 'advanced disease, after EGFR inhibitor'."""
        before = f", after {', '.join(sorted(self.prior))}" if self.prior else ", no treatment yet"
        return f"{self.stage} disease{before}"


def as_setting(setting: object) -> Setting | None:
    """Read a setting given as :class:`Setting`, a dict (``stage``, ``prior``) or None.

    ``prior`` may be text such as ``"erlotinib (progressed)"`` or a list of such texts; each is
    mapped to the table's categories (any systemic treatment counts as 'any systemic therapy').

    Raises
    ------
    ValueError
        For an unknown stage, prior treatment or form.
    """
    if setting is None or isinstance(setting, Setting):
        return setting
    if not isinstance(setting, dict):
        raise ValueError("setting must be None, a Setting or a dict such as "
                         "{'stage': 'advanced', 'prior': ['erlotinib']}.")
    unknown = set(setting) - {"stage", "prior"}
    if unknown:
        raise ValueError(f"setting has unknown keys {sorted(unknown)}; use 'stage' and 'prior'.")
    stage = setting.get("stage", "advanced")
    if stage not in ("early", "advanced"):
        raise ValueError(f"stage must be 'early' or 'advanced', got {stage!r}.")
    prior = setting.get("prior", ())
    if isinstance(prior, str):
        prior = [prior]
    cats: set[str] = set()
    for item in prior:
        if not isinstance(item, str):
            raise ValueError(f"Each prior treatment must be text, got {item!r}.")
        low = item.strip().lower()
        if low in ("", "none"):
            continue
        hits = [c for word, group in PRIOR_CATEGORIES.items() if word in low for c in group]
        if not hits:
            raise ValueError(f"Unknown prior treatment {item!r}; use words such as "
                             f"{', '.join(sorted(PRIOR_CATEGORIES))}.")
        cats.update(hits)
    return Setting(stage=stage, prior=frozenset(cats))


def _setting_reason(rec: dict, setting: Setting | None) -> str:
    """Why row ``rec`` does not fit ``setting`` ('' when it fits or no setting is given)."""
    if setting is None:
        return ""
    stage, line = str(rec["stage"]), str(rec["line"])
    need = rec.get("prior_therapy")
    need = None if need is None or (isinstance(need, float) and need != need) else str(need)
    where = f"approved for {rec['setting']}"
    if stage == "advanced" and setting.stage == "early":
        return f"{where}; this cancer is early, not advanced"
    if stage == "early" and setting.stage == "advanced":
        return f"{where}; this cancer is advanced"
    if line == "first line" and setting.prior:
        return f"{where}; this patient already had {', '.join(sorted(setting.prior))}"
    if need:
        has = setting.prior | ({"any systemic therapy"} if setting.prior else set())
        if need not in has:
            earlier = "treatment" if need == "any systemic therapy" else need
            return f"{where}; needs earlier {earlier}, which this patient has not had"
    return ""


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
    hot = knowledge.hotspot_names()
    if (alt.gene, alt.alteration) in hot:
        return True
    # A change inside an exon class that the tables name for this gene counts as known.
    named = {str(r["alteration"]) for r in rows} | {a for g, a in hot if g == alt.gene}
    return any(c in named for c in alt.classes)


def _row_matches(row_alteration: str, alt: Alteration, oncogenic: bool) -> bool:
    if row_alteration == alt.alteration or row_alteration in alt.classes:
        return True
    if row_alteration == "oncogenic mutation":
        return alt.kind in ("protein", "exon", "itd", "generic") and oncogenic
    if alt.kind == "fusion":
        return "fusion" in row_alteration
    return False


def _components(drug: str) -> set[str]:
    return {part.strip() for part in drug.split("+")}


def match_therapies(alterations: object, cancer_type: str,
                    setting: object = None) -> pd.DataFrame:
    """Find the drugs that tumour ``alterations`` point to (or away from) in ``cancer_type``.

    Parameters
    ----------
    alterations
        Text such as ``"BRAF V600E"``, ``"EGFR exon 19 deletion"``, ``"KIT W557_K558del"``,
        ``"ERBB2 amplification"``, ``"BCR-ABL1 fusion"``, ``"MSI-H"``, ``"TMB 14 mut/Mb"``
        (several may be joined with ';'), a list of such texts, or a table with ``gene`` and
        ``alteration`` columns. A specific change matches the class rules that cover it
        (KIT W557_K558del matches 'KIT exon 11 mutation').
    cancer_type
        ``"lung"``, ``"melanoma"``, ``"colorectal"``, ``"breast"``, ``"CML"``, ``"GIST"``,
        ``"AML"``, ``"ovarian"`` or ``"oesophagogastric"`` (common names such as "NSCLC" work).
    setting
        Optional :class:`Setting` or dict ``{"stage": "early" | "advanced", "prior": [...]}``.
        With it, indications for another stage or line are marked ``"other setting"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``gene``, ``alteration``, ``drug``, ``evidence_level``, ``cancer_type`` (of the
        evidence: ``"any solid tumour"`` for tumour-agnostic rows), ``resistance``, ``source``,
        ``setting`` (the indication's setting), ``fda_status``, ``fda_date``, ``status`` and
        ``reason``. ``status`` is ``"option"``, ``"blocked"`` (another alteration in the same
        tumour predicts resistance to this drug: the reason names it), ``"other setting"``,
        ``"withdrawn"`` or ``"resistance"`` (this row predicts failure). Options first,
        resistance rows last. Empty when nothing matches (e.g. a variant of unknown
        significance).

    Tumour-agnostic biomarkers (NTRK and RET fusions, MSI-H/dMMR, TMB ≥ 10 mut/Mb, BRAF V600E,
    HER2 IHC 3+) match every solid tumour the indication does not exclude; blood cancers (CML,
    AML) are never included. Simplified for teaching: real boards weigh much more.

    Raises
    ------
    ValueError
        For an unknown gene or cancer type (with close matches), an unreadable alteration or
        a malformed setting.
    """
    cancer = resolve_cancer_type(cancer_type)
    alts = as_alterations(alterations)
    where = as_setting(setting)
    by_gene = knowledge.rows_by_gene()
    rows = []
    for alt in alts:
        oncogenic = is_known_oncogenic(alt)
        for rec in by_gene.get(alt.gene, ()):
            excluded = str(rec.get("excludes") or "") == cancer
            agnostic = (bool(rec["tumour_agnostic"]) and cancer not in knowledge.BLOOD_CANCERS
                        and not excluded)
            if rec["cancer_type"] != cancer and not agnostic:
                continue
            if not _row_matches(str(rec["alteration"]), alt, oncogenic):
                continue
            resistant = bool(rec["resistance"])
            status, reason = "option", ""
            if resistant:
                status = "resistance"
                reason = f"{alt.name} predicts {rec['drug']} will not work"
            elif rec["fda_status"] == "withdrawn":
                status = "withdrawn"
                reason = f"FDA indication withdrawn ({rec['changed']})"
            else:
                reason = _setting_reason(rec, where)
                if reason:
                    status = "other setting"
            rows.append({"gene": alt.gene, "alteration": alt.label, "drug": str(rec["drug"]),
                         "evidence_level": str(rec["evidence_level"]),
                         "cancer_type": str(rec["cancer_type"]), "resistance": resistant,
                         "source": str(rec["source"]), "setting": str(rec["setting"]),
                         "fda_status": str(rec["fda_status"]),
                         "fda_date": "" if rec["fda_date"] is None else str(rec["fda_date"]),
                         "status": status, "reason": reason, "_alt": alt.name})
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="bool" if c == "resistance" else "object")
                             for c in MATCH_COLUMNS})
    # Co-occurring resistance: a drug one alteration points to is blocked when another
    # alteration in the same tumour predicts resistance to it (or to a drug in the regimen).
    resist = [(r["_alt"], r["drug"], r["evidence_level"]) for r in rows if r["resistance"]]
    for r in rows:
        if r["status"] not in ("option", "other setting"):
            continue
        parts = _components(r["drug"])
        for who, drug, level in resist:
            if who == r["_alt"] or not (drug == r["drug"] or drug in parts):
                continue
            same_alt_points_here = any(o["_alt"] == who and o["drug"] == r["drug"]
                                       and not o["resistance"] for o in rows)
            if same_alt_points_here:
                continue
            r["status"] = "blocked"
            r["reason"] = (f"blocked: {who} predicts resistance to {drug} (level {level}), "
                           f"although {r['_alt']} points to it")
            break
    # A cancer-specific indication makes a tumour-agnostic one for the same drug redundant.
    specific = {(r["_alt"], r["drug"]) for r in rows if r["cancer_type"] != "any solid tumour"}
    rows = [r for r in rows if r["cancer_type"] != "any solid tumour"
            or (r["_alt"], r["drug"]) not in specific]
    unique = list({tuple(r[c] for c in MATCH_COLUMNS): r for r in rows}.values())
    unique.sort(key=lambda r: (STATUSES.index(r["status"]),
                               knowledge.LEVEL_ORDER.get(r["evidence_level"], 9),
                               r["gene"], r["drug"]))
    return pd.DataFrame(unique, columns=MATCH_COLUMNS)


#: Verdicts of :func:`therapy_summary`.
VERDICTS = ("consider", "avoid", "not for this setting", "withdrawn")


def therapy_summary(matches: pd.DataFrame) -> pd.DataFrame:
    """Summarise :func:`match_therapies` by drug: consider it, avoid it, or not now.

    Returns columns ``drug``, ``best_level`` (strongest sensitivity level, or ``""``),
    ``because`` (alterations pointing to it), ``resisted_by`` (alterations predicting it
    fails), ``verdict`` and ``reason``. Verdicts: ``"avoid"`` when any alteration predicts
    resistance (also when another alteration points to the drug: it is blocked), else
    ``"consider"`` when at least one indication fits, else ``"not for this setting"`` or
    ``"withdrawn"``. Simplified: any resistance row wins.
    """
    missing = [c for c in MATCH_COLUMNS if c not in getattr(matches, "columns", [])]
    if not isinstance(matches, pd.DataFrame) or missing:
        raise ValueError("therapy_summary needs the table returned by match_therapies().")
    grouped: dict[str, dict[str, list]] = {}
    for rec in matches.to_dict("records"):
        entry = grouped.setdefault(rec["drug"], {"levels": [], "because": [], "resisted_by": [],
                                                 "statuses": [], "reasons": []})
        name = rec["alteration"] if rec["gene"] in ("MSI", "TMB") else \
            f"{rec['gene']} {rec['alteration']}"
        entry["statuses"].append(rec["status"])
        if rec["reason"]:
            entry["reasons"].append(rec["reason"])
        if bool(rec["resistance"]):
            entry["resisted_by"].append(name)
        else:
            entry["levels"].append(rec["evidence_level"])
            entry["because"].append(name)
    rows = []
    for drug, entry in grouped.items():
        levels = sorted(entry["levels"], key=lambda x: knowledge.LEVEL_ORDER.get(x, 9))
        statuses = set(entry["statuses"])
        blocked = [r for r in entry["reasons"] if r.startswith("blocked:")]
        if entry["resisted_by"] or blocked:
            verdict = "avoid"
            reason = "; ".join(dict.fromkeys(blocked)) or "predicts failure"
        elif "option" in statuses:
            verdict, reason = "consider", ""
        elif "other setting" in statuses:
            verdict = "not for this setting"
            reason = "; ".join(dict.fromkeys(r for r in entry["reasons"]
                                             if not r.startswith("FDA indication withdrawn")))
        else:
            verdict = "withdrawn"
            reason = "; ".join(dict.fromkeys(entry["reasons"]))
        rows.append({
            "drug": drug, "best_level": levels[0] if levels else "",
            "because": "; ".join(dict.fromkeys(entry["because"])),
            "resisted_by": "; ".join(dict.fromkeys(entry["resisted_by"])),
            "verdict": verdict, "reason": reason,
        })
    return pd.DataFrame(rows, columns=["drug", "best_level", "because", "resisted_by", "verdict",
                                       "reason"])


def resistance_warnings(matches: pd.DataFrame) -> list[str]:
    """Return one plain sentence per resistance match.

    For example 'EGFR T790M: erlotinib is unlikely to work (level R1; source ...)'.
    """
    if not isinstance(matches, pd.DataFrame) or "resistance" not in matches.columns:
        raise ValueError("resistance_warnings needs the table returned by match_therapies().")
    out = []
    for rec in matches[matches["resistance"].astype(bool)].itertuples(index=False):
        name = rec.alteration if rec.gene in ("MSI", "TMB") else f"{rec.gene} {rec.alteration}"
        out.append(f"{name}: {rec.drug} is unlikely to work "
                   f"(level {rec.evidence_level}; {rec.source}).")
    if "status" in matches.columns:
        for rec in matches[matches["status"] == "blocked"].itertuples(index=False):
            out.append(f"{rec.drug} is not offered: {rec.reason[len('blocked: '):]}.")
    return list(dict.fromkeys(out))
