"""How old is the course's knowledge? Knowledge tables listed by when their facts were checked.

Every table in ``datasets/knowledge/`` records ``as_of`` (the date its facts were last checked
against their sources) and ``licence`` in its schema. :func:`freshness` lists them oldest first,
with their age in days on a given date; :func:`knowledge_as_of` gives the line a lesson prints
near a clinical table ("knowledge as of 2026-12-01").

The age is always computed against a date you pass (default: today), so a test can pin the
date and never fail because the calendar moved.

>>> from datetime import date
>>> table = freshness(today=date(2027, 1, 1))  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

import pandas as pd

from precisionmed import data

#: Columns of :func:`freshness`.
FRESHNESS_COLUMNS = ["table", "as_of", "age_days", "version", "licence", "stale"]

#: Facts older than this many days are flagged ``stale`` (approvals change every year).
STALE_AFTER_DAYS = 365


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"{what} must be a date or 'YYYY-MM-DD' text, got {value!r}.")


def knowledge_tables() -> list[str]:
    """Names of the knowledge tables (``knowledge/...``)."""
    return [n for n in data.available() if n.startswith("knowledge/")]


def as_of(name: str) -> date:
    """The date the facts of knowledge table ``name`` were last checked.

    Raises
    ------
    ValueError
        For an unknown table (close names suggested) or a schema without ``as_of``.
    """
    spec = data.schema(name)
    if "as_of" not in spec:
        raise ValueError(f"Table {name!r} records no 'as_of' date in its schema.")
    return _as_date(spec["as_of"], f"as_of of {name}")


def freshness(today: object = None, stale_after_days: int = STALE_AFTER_DAYS) -> pd.DataFrame:
    """List the knowledge tables oldest first, with their age on ``today``.

    Parameters
    ----------
    today
        The date to measure age against (a ``date`` or ``"YYYY-MM-DD"``); default today.
    stale_after_days
        Age in days from which a table is flagged ``stale``.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``as_of``, ``age_days``, ``version`` (the source data's version),
        ``licence`` and ``stale``.

    Raises
    ------
    ValueError
        For an unreadable date or a negative ``stale_after_days``.
    """
    when = date.today() if today is None else _as_date(today, "today")
    if isinstance(stale_after_days, bool) or not isinstance(stale_after_days, int) \
            or stale_after_days < 0:
        raise ValueError(f"stale_after_days must be a whole number of days (0 or more), got "
                         f"{stale_after_days!r}.")
    rows = []
    for name in knowledge_tables():
        spec = data.schema(name)
        checked = as_of(name)
        age = (when - checked).days
        rows.append({"table": name, "as_of": checked.isoformat(), "age_days": age,
                     "version": str(spec.get("version", "")),
                     "licence": str(spec.get("licence", "")), "stale": age > stale_after_days})
    frame = pd.DataFrame(rows, columns=FRESHNESS_COLUMNS)
    return frame.sort_values(["as_of", "table"], kind="stable").reset_index(drop=True)


def knowledge_as_of(*names: str) -> str:
    """Return the line a lesson prints near a clinical table, with the oldest as_of date.

    For example 'Knowledge as of 2026-12-01 (knowledge/onc_actionability); ...'.

    Raises
    ------
    ValueError
        If no table is named or a name is unknown.
    """
    if not names:
        raise ValueError("Name at least one knowledge table, e.g. 'knowledge/onc_actionability'.")
    dates = {n: as_of(n) for n in names}
    oldest = min(dates.values())
    return (f"Knowledge as of {oldest.isoformat()} ({', '.join(names)}); facts checked then "
            "against their named sources — approvals and guidelines change, so check the "
            "current label or guideline.")


def format_table(frame: pd.DataFrame) -> str:
    """The freshness table as aligned text (what the command line prints)."""
    if not isinstance(frame, pd.DataFrame) or not set(FRESHNESS_COLUMNS) <= set(frame.columns):
        raise ValueError("format_table needs the table returned by freshness().")
    shown = frame.assign(stale=frame["stale"].map({True: "STALE", False: ""}))
    return shown[["table", "as_of", "age_days", "version", "stale"]].to_string(index=False)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m precisionmed.freshness [--today YYYY-MM-DD] [--stale-after N]``."""
    parser = argparse.ArgumentParser(prog="python -m precisionmed.freshness",
                                     description="List the knowledge tables by age.")
    parser.add_argument("--today", default=None, help="date to measure age against")
    parser.add_argument("--stale-after", type=int, default=STALE_AFTER_DAYS,
                        help="flag tables older than this many days")
    args = parser.parse_args(argv)
    try:
        table = freshness(today=args.today, stale_after_days=args.stale_after)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(table))
    stale = int(table["stale"].sum())
    print(f"\n{len(table)} knowledge tables; {stale} older than {args.stale_after} days.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
