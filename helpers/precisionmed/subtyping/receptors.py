"""The clinic's view: group tumours by their receptor tests (ER, PR, HER2).

Clinics test for the oestrogen receptor (ER), the progesterone receptor (PR) and HER2. A
tumour with ER or PR is "hormone-receptor positive" (HR+). These tests give *surrogate*
groups that usually, but not always, match the molecular (PAM50) subtype.
"""

from __future__ import annotations

import pandas as pd

#: Clinic groups, in the order tables show them.
RECEPTOR_GROUPS: tuple[str, ...] = ("HR+/HER2−", "HR+/HER2+", "HR−/HER2+", "triple-negative")
_STATUS = ("positive", "negative")


def receptor_group(er: str, pr: str, her2: str) -> str:
    """Clinic group from three test results, each ``"positive"`` or ``"negative"``.

    >>> receptor_group("negative", "negative", "negative")
    'triple-negative'
    >>> receptor_group("positive", "negative", "positive")
    'HR+/HER2+'
    """
    for name, value in (("er", er), ("pr", pr), ("her2", her2)):
        if value not in _STATUS:
            raise ValueError(f"{name} must be 'positive' or 'negative', got {value!r}.")
    hormone = er == "positive" or pr == "positive"
    if her2 == "positive":
        return "HR+/HER2+" if hormone else "HR−/HER2+"
    return "HR+/HER2−" if hormone else "triple-negative"


def receptor_groups(clinical: pd.DataFrame) -> pd.Series:
    """Clinic group of each tumour (needs ``er_status``, ``pr_status``, ``her2_status``)."""
    missing = [c for c in ("er_status", "pr_status", "her2_status") if c not in clinical]
    if missing:
        raise ValueError(f"clinical lacks the columns {missing}.")
    groups = [receptor_group(e, p, h) for e, p, h in
              zip(clinical["er_status"], clinical["pr_status"], clinical["her2_status"],
                  strict=True)]
    return pd.Series(groups, index=clinical.index, name="clinic_group")
