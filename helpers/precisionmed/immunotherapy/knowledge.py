"""Lesson 06's sourced facts, written to ``datasets/immunotherapy/facts.csv`` by the simulator.

Each fact names its source and how it was checked (``checked``: read in the source or its
abstract; ``derived``: arithmetic on checked numbers, explained in the row). Simplified for
teaching, not for care. The lesson reads them through :func:`fact` (from the table, never
from here), so a correction is one edit here plus a dataset build.
"""

from __future__ import annotations

#: ``(key, what, value, unit, source, status)``.
FACTS: list[tuple[str, str, float, str, str, str]] = [
    ("keynote158_orr_tmb_high", "KEYNOTE-158: response rate to pembrolizumab, TMB ≥ 10 mut/Mb",
     28.3, "%", "Marabelle A and others, KEYNOTE-158 TMB analysis, ESMO 2019 abstract (Ann Oncol "
     "2019;30 suppl 5; data cut-off 6 Dec 2018): 120 of 755 TMB-evaluable patients TMB-high, "
     "ORR 28.3%, 95% CI 20.5–37.3. The later analysis behind the FDA approval (Lancet Oncol "
     "2020;21:1353; Marcus L and others, Clin Cancer Res 2021) counts 102 of 790 patients "
     "TMB-high, 29% of them responding", "checked"),
    ("keynote158_orr_tmb_low", "KEYNOTE-158: response rate to pembrolizumab, TMB < 10 mut/Mb",
     6.5, "%", "Marabelle A and others, KEYNOTE-158 TMB analysis, ESMO 2019 abstract (Ann Oncol "
     "2019;30 suppl 5): ORR 6.5%, 95% CI 4.7–8.7", "checked"),
    ("keynote158_share_tmb_high", "KEYNOTE-158: share of TMB-evaluable patients TMB-high",
     15.9, "%", "Marabelle A and others, ESMO 2019 abstract (120 of 755)", "checked"),
    ("keynote158_msi_among_tmb_high", "KEYNOTE-158: share of TMB-high tumours known MSI-H",
     12.5, "%", "Marabelle A and others, ESMO 2019 abstract (15 of 120)", "checked"),
    ("keynote158_orr_tmb_high_non_msi", "KEYNOTE-158: response rate, TMB-high and not MSI-H",
     24.8, "%", "Marabelle A and others, ESMO 2019 abstract", "checked"),
    ("fda_tmb_date", "FDA accelerated approval of pembrolizumab for TMB-high solid tumours "
     "(16 June 2020)", 2020, "year", "Marcus L and others, Clin Cancer Res 2021;27:4685 "
     "(FDA approval summary)", "checked"),
    ("fda_msi_date", "First tumour-agnostic approval: pembrolizumab for MSI-H/dMMR solid "
     "tumours (23 May 2017)", 2017, "year", "Lemery S and others, N Engl J Med 2017",
     "checked"),
    ("le2015_dmmr_crc_orr", "Le 2015: dMMR colorectal cancer, response to pembrolizumab",
     40.0, "%", "Le DT and others, N Engl J Med 2015;372:2509 (4 of 10)", "checked"),
    ("le2015_pmmr_crc_orr", "Le 2015: mismatch-repair proficient colorectal cancer, response",
     0.0, "%", "Le DT and others, N Engl J Med 2015;372:2509 (0 of 18)", "checked"),
    ("le2015_dmmr_other_orr", "Le 2015: dMMR cancers other than colorectal, response",
     71.0, "%", "Le DT and others, N Engl J Med 2015;372:2509 (5 of 7)", "checked"),
    ("le2015_dmmr_pooled_orr", "Le 2015: all dMMR tumours pooled, response", 52.9, "%",
     "Derived from Le DT and others 2015: (4 + 5) of (10 + 7) = 9 of 17; Le 2017 (Science "
     "357:409) saw 53% across 12 tumour types", "derived"),
    ("haslam_2018_eligible", "US patients with cancer eligible for a checkpoint inhibitor, "
     "2018", 43.63, "%", "Haslam A, Prasad V, JAMA Netw Open 2019;2(5):e192535", "checked"),
    ("haslam_2018_responding", "US patients with cancer estimated to respond to a checkpoint "
     "inhibitor, 2018", 12.46, "%", "Haslam A, Prasad V, JAMA Netw Open 2019;2(5):e192535",
     "checked"),
    ("haslam_2023_eligible", "US patients with cancer eligible for a checkpoint inhibitor, "
     "2023", 56.55, "%", "Haslam A and others, Int J Cancer 2025;156(12):2352", "checked"),
    ("haslam_2023_responding", "US patients with cancer estimated to respond to a checkpoint "
     "inhibitor, 2023", 20.13, "%", "Haslam A and others, Int J Cancer 2025;156(12):2352",
     "checked"),
    ("keynote024_pfs_hr", "KEYNOTE-024 (lung cancer, PD-L1 TPS ≥ 50%): hazard ratio for "
     "progression, pembrolizumab vs chemotherapy", 0.50, "ratio",
     "Reck M and others, N Engl J Med 2016;375:1823 (PFS 10.3 vs 6.0 months)", "checked"),
    ("keynote177_grade3_pembro", "KEYNOTE-177 (dMMR colorectal cancer): serious (grade ≥ 3) "
     "treatment side effects on pembrolizumab", 22.0, "%",
     "André T and others, N Engl J Med 2020;383:2207", "checked"),
    ("keynote177_grade3_chemo", "KEYNOTE-177: serious (grade ≥ 3) side effects on chemotherapy",
     66.0, "%", "André T and others, N Engl J Med 2020;383:2207", "checked"),
    ("checkmate067_grade34_combo", "CheckMate 067 (melanoma): grade 3–4 treatment side effects, "
     "nivolumab + ipilimumab", 55.0, "%", "Larkin J and others, N Engl J Med 2015;373:23 "
     "(checked against a published summary)", "checked"),
    ("checkmate067_grade34_nivo", "CheckMate 067: grade 3–4 side effects, nivolumab alone", 16.3,
     "%", "Larkin J and others, N Engl J Med 2015;373:23", "checked"),
    ("checkmate067_grade34_ipi", "CheckMate 067: grade 3–4 side effects, ipilimumab alone", 27.3,
     "%", "Larkin J and others, N Engl J Med 2015;373:23", "checked"),
    ("nobel_2018", "Nobel Prize in Physiology or Medicine to James P. Allison and Tasuku Honjo "
     "for cancer therapy by inhibition of negative immune regulation", 2018, "year",
     "Nobel Assembly announcement, 1 October 2018", "checked"),
    ("ipilimumab_first_approval", "Ipilimumab (anti-CTLA-4), first checkpoint inhibitor "
     "approved (FDA)", 2011, "year", "FDA approval 2011, on the trial of Hodi FS and others, "
     "N Engl J Med 2010 (year as in the course fact sheet, checked)", "checked"),
    ("kymriah_cr", "Tisagenlecleucel (Kymriah, first US CAR-T approval, 30 Aug 2017, B-cell "
     "leukaemia up to age 25): complete remission", 63.0, "%",
     "O'Leary MC and others, Clin Cancer Res 2019;25:1142 (FDA review, 95% CI 50–75, n = 63)",
     "checked"),
    ("kymriah_crs", "Tisagenlecleucel: cytokine release syndrome (any grade)", 79.0, "%",
     "O'Leary MC and others, Clin Cancer Res 2019;25:1142", "checked"),
    ("kymriah_neuro", "Tisagenlecleucel: neurological events", 65.0, "%",
     "O'Leary MC and others, Clin Cancer Res 2019;25:1142", "checked"),
    ("zuma1_orr", "Axicabtagene ciloleucel (ZUMA-1, refractory large B-cell lymphoma): "
     "response", 82.0, "%", "Neelapu SS and others, N Engl J Med 2017;377:2531", "checked"),
    ("zuma1_crs_grade3", "ZUMA-1: grade ≥ 3 cytokine release syndrome", 13.0, "%",
     "Neelapu SS and others, N Engl J Med 2017;377:2531", "checked"),
    ("sipuleucel_hr", "Sipuleucel-T (IMPACT, prostate cancer, n = 512): hazard ratio for death",
     0.78, "ratio", "Kantoff PW and others, N Engl J Med 2010;363:411 (95% CI 0.61–0.98)",
     "checked"),
    ("sipuleucel_os_gain", "Sipuleucel-T: gain in median survival (25.8 vs 21.7 months)", 4.1,
     "months", "Kantoff PW and others, N Engl J Med 2010;363:411", "checked"),
    ("sipuleucel_year", "Sipuleucel-T FDA approval (April), first therapeutic cancer vaccine",
     2010, "year", "Higano CS and others, Nat Rev Drug Discov 2010 (approved April 2010)",
     "checked"),
    ("kn942_rfs_hr", "mRNA-4157/V940 + pembrolizumab vs pembrolizumab (KEYNOTE-942, phase 2b, "
     "resected melanoma, n = 157): hazard ratio for recurrence or death", 0.561, "ratio",
     "Weber JS and others, Lancet 2024 (95% CI 0.309–1.017)", "checked"),
    ("kn942_neoantigens", "mRNA-4157/V940: most neoantigens encoded per patient's vaccine", 34,
     "neoantigens", "Weber JS and others, Lancet 2024", "checked"),
    ("cevumeran_responders", "Autogene cevumeran (pancreatic cancer, phase 1, n = 16): patients "
     "with vaccine T-cell responses", 8, "patients", "Rojas LA and others, Nature 2023",
     "checked"),
    ("chalmers_panel_mb", "Panel size that approximates whole-exome TMB", 1.1, "Mb",
     "Chalmers ZR and others, Genome Med 2017;9:34 (variance rises below 0.5 Mb)", "checked"),
    ("yarchoan_tmb_pdl1_r", "Correlation of TMB with PD-L1 staining across 9,887 tumours",
     0.084, "Pearson r", "Yarchoan M and others, JCI Insight 2019;4(6):e126908", "checked"),
    ("pdl1_min_cells", "Fewest viable tumour cells for a 22C3 PD-L1 score", 100, "cells",
     "PD-L1 IHC 22C3 pharmDx package insert (as quoted by laboratory test menus)", "checked"),
]

#: A real protein fragment for the peptide panel: human KRAS (UniProt P01116, canonical
#: isoform), residues 1–80, covering the hotspots G12, G13 and Q61.
KRAS_ACCESSION = "P01116"
KRAS_FRAGMENT = ("MTEYKLVVVGAGGVGKSALTIQLIQNHFVDEYDPTIEDSYRKQVVIDGETCLLDILDTAGQEEYSAMRDQY"
                 "MRTGEGFLC")
#: Real KRAS hotspot changes offered in the panel: (label, position, new letter).
KRAS_CHANGES: list[tuple[str, int, str]] = [
    ("KRAS G12C", 12, "C"), ("KRAS G12D", 12, "D"), ("KRAS G12V", 12, "V"),
    ("KRAS G13D", 13, "D"), ("KRAS Q61H", 61, "H"),
]
