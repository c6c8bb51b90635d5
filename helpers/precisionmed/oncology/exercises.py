"""Lesson 03 — Reading a tumour's DNA."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _wei_egfr_vaf() -> float:
    from precisionmed import data

    calls = data.load("oncology/maf")
    row = calls[(calls["patient_id"] == "PM-002") & (calls["gene"] == "EGFR")
                & (calls["alteration"] == "L858R")].iloc[0]
    return float(row["t_alt_count"] / row["t_depth"])


EXERCISES = {
    "oncology-1": Exercise(
        prompt="Wei's EGFR L858R row gives t_alt_count (reads that show the change) and t_depth "
               "(all reads at that position). What is its variant allele fraction (VAF)?",
        kind="number",
        answer=_wei_egfr_vaf,
        tolerance=0.01,
        unit="share",
        example="0.25",
        wrong={"0.373": "That divides the variant reads by the reads *without* the change "
                        "(t_depth minus t_alt_count). Divide by all reads, t_depth."},
        hint="VAF = reads with the variant ÷ all reads. In the table: t_alt_count ÷ t_depth in "
             "the EGFR L858R row. Answer with a share between 0 and 1, such as 0.25 (or a "
             "percentage with the % sign).",
        explanation="About a quarter of the reads carry EGFR L858R: well below 0.5, as expected "
                    "for a change that only the cancer cells carry.",
    ),
    "oncology-2": Exercise(
        prompt="A biopsy is 60% cancer cells. What VAF do you expect for a clonal, "
               "heterozygous somatic mutation?",
        kind="number",
        answer=0.3,
        tolerance=0.02,
        unit="share",
        example="0.25",
        wrong={"0.6": "0.6 is the purity itself. Each cancer cell has two copies of the gene "
                      "and only one carries the change, so divide by 2.",
               "0.5": "0.5 is what an inherited (germline) heterozygous variant shows, because "
                      "every cell carries it. A somatic one is diluted by the normal cells too."},
        hint="Every cancer cell carries the change on one of its two copies, and normal cells "
             "carry none. So the share of reads is purity ÷ 2. Answer with a share between 0 "
             "and 1, such as 0.25.",
        explanation="0.6 ÷ 2 = 0.3. A somatic mutation is 'diluted' twice: by the normal cells "
                    "in the sample and by the unchanged second copy in each cancer cell.",
    ),
    "oncology-3": Exercise(
        prompt="In a tumour with purity 40%, a variant is seen in 49% of 500 reads. Is it more "
               "likely germline (inherited) or somatic (tumour only)?",
        kind="text",
        answer="germline",
        accept=("likely germline", "inherited", "germline variant", "germ line",
                "probably germline"),
        example="germline or somatic",
        wrong={"somatic": "A somatic heterozygous change in a 40%-pure tumour should sit near "
                          "0.4 ÷ 2 = 0.2, not near 0.5.",
               "likely somatic": "A somatic heterozygous change in a 40%-pure tumour should sit "
                                 "near 0.2, not near 0.5."},
        hint='Compare 0.49 with purity ÷ 2 and with 0.5. Answer "germline" or "somatic".',
        explanation="VAF near 0.5 in every cell type is what an inherited heterozygous variant "
                    "looks like. A real lab would confirm with a blood (normal) sample.",
    ),
    "oncology-4": Exercise(
        prompt="Which two drugs does Priya's tumour board warn are unlikely to work?",
        kind="choice-set",
        answer=("cetuximab", "panitumumab"),
        example="first drug, second drug",
        wrong={"sotorasib": "Sotorasib (with panitumumab) is one of the drugs the board can "
                            "discuss. Look at the warnings: which drugs are unlikely to work?",
               "adagrasib": "Adagrasib (with cetuximab) is one of the drugs the board can "
                            "discuss. Look at the warnings: which drugs are unlikely to work?"},
        hint="Look at the warnings under her report (the lines that start with 'Warning'). "
             "Give the two drug names separated by a comma (in code: a list such as "
             '["first", "second"]).',
        explanation="KRAS mutations keep the growth signal on below EGFR, so antibodies that "
                    "block EGFR alone do not help (level R1; the drugs' FDA labels exclude "
                    "RAS-mutant bowel cancer). Combined with a KRAS G12C inhibitor they can.",
    ),
    "oncology-5": Exercise(
        prompt="Which drug has level 1 evidence for EGFR T790M in lung cancer?",
        kind="text",
        answer="osimertinib",
        accept=("tagrisso",),
        wrong={"erlotinib": "Erlotinib is the drug T790M makes fail (level R1).",
               "gefitinib": "Gefitinib is one of the drugs T790M makes fail (level R1)."},
        example="a drug name",
        hint="Run match_therapies('EGFR T790M', 'lung') and look for level 1 without "
             "resistance. Answer with the drug's name (in code: in quotes).",
        explanation="Osimertinib was designed to block EGFR even with T790M (AURA3 trial, Mok "
                    "and others, 2017).",
    ),
}

QUESTIONS = {
    "oncology-mc1": Question(
        prompt="A lung cancer is MSI-H. Why does the tumour board list pembrolizumab even though "
               "the row says 'any solid tumour', not 'lung'?",
        options={
            "a": "Because the approval is tumour-agnostic: it follows the biomarker, whatever "
                 "organ the cancer started in.",
            "b": "Because every lung cancer gets pembrolizumab.",
            "c": "Because MSI-H is a mutation in the EGFR gene.",
            "d": "Because MSI-H means the cancer is inherited.",
        },
        correct="a",
        feedback={
            "b": "The match comes from the MSI-H result, not from the cancer being in the lung. "
                 "A lung cancer without MSI-H (or high TMB) gets no such row.",
            "c": "MSI-H is not a change in one gene: it means the tumour's DNA-repair system is "
                 "broken, so short repeated stretches of DNA change length all over the genome.",
            "d": "MSI-H describes the tumour. It can come from an inherited condition (Lynch "
                 "syndrome), but most MSI-H tumours are not inherited.",
        },
        explanation="MSI-H/dMMR, TMB ≥ 10 mut/Mb and NTRK fusions (and, since 2022–2024, BRAF "
                    "V600E, RET fusions and HER2 IHC 3+) are tumour-agnostic biomarkers: the "
                    "drug was approved for the biomarker in any solid tumour (most after "
                    "earlier treatment).",
    ),
    "oncology-mc2": Question(
        prompt="What does evidence level R1 mean for a biomarker and a drug?",
        options={
            "a": "The drug is the first choice for this biomarker.",
            "b": "Standard-care evidence says the biomarker makes this drug unlikely to work.",
            "c": "The biomarker is rare (found in 1% of patients).",
            "d": "The evidence comes from one laboratory study only.",
        },
        correct="b",
        feedback={
            "a": "Level 1 is the strongest evidence that a drug works. The 'R' marks "
                 "resistance: the opposite message.",
            "c": "Levels grade the strength of evidence, not how common a biomarker is.",
            "d": "A single laboratory study would be level 4 evidence at most. R1 is the "
                 "strongest evidence of resistance, the kind guidelines act on.",
        },
        explanation="R1 means standard-care evidence of resistance (e.g. KRAS mutations and "
                    "anti-EGFR antibodies in colorectal cancer); R2 means compelling clinical "
                    "evidence of resistance that is not yet standard care.",
    ),
    "oncology-mc3": Question(
        prompt="Priya's biopsy is about 95% cancer cells. Why can't VAF alone tell whether her "
               "variants near 0.5 are inherited or tumour-only?",
        options={
            "a": "Because at 95% purity a clonal somatic variant is expected near 0.95 ÷ 2 ≈ "
                 "0.47, almost the same as an inherited one at 0.5.",
            "b": "Because the sequencing machine cannot read DNA from pure tumours.",
            "c": "Because somatic variants are always at 0.5.",
        },
        correct="a",
        feedback={
            "b": "The reads are fine. The problem is that two explanations predict almost the "
                 "same share of reads.",
            "c": "Somatic variants sit at purity ÷ 2 or lower; they only come near 0.5 when the "
                 "sample is almost all cancer cells.",
        },
        explanation="When purity is high, purity ÷ 2 is close to 0.5. Labs then sequence a "
                    "normal sample (usually blood) from the same person to tell the two apart.",
    ),
}
