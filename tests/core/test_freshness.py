"""Dated knowledge: every knowledge table has as_of; freshness lists tables by age."""

from __future__ import annotations

from datetime import date

import pytest

from precisionmed import freshness as fr


def test_freshness_lists_every_knowledge_table_oldest_first():
    table = fr.freshness(today=date(2026, 12, 1))
    assert set(table["table"]) == set(fr.knowledge_tables())
    assert list(table["as_of"]) == sorted(table["as_of"])
    assert (table["licence"].str.len() > 10).all()


def test_age_is_measured_against_the_given_date_not_the_calendar():
    as_of = fr.as_of("knowledge/onc_actionability")
    later = date(as_of.year + 2, as_of.month, 1)
    table = fr.freshness(today=later).set_index("table")
    row = table.loc["knowledge/onc_actionability"]
    assert row["age_days"] == (later - as_of).days
    assert bool(row["stale"])  # more than a year old on that date
    same_day = fr.freshness(today=as_of).set_index("table").loc["knowledge/onc_actionability"]
    assert same_day["age_days"] == 0 and not bool(same_day["stale"])


def test_knowledge_as_of_line_names_the_oldest_date():
    line = fr.knowledge_as_of("knowledge/onc_actionability", "knowledge/onc_prevalence")
    oldest = min(fr.as_of("knowledge/onc_actionability"), fr.as_of("knowledge/onc_prevalence"))
    assert line.startswith(f"Knowledge as of {oldest.isoformat()}")


@pytest.mark.parametrize("bad", ["yesterday", 20261201, "2026-13-01"])
def test_bad_dates_are_friendly(bad):
    with pytest.raises(ValueError, match="date"):
        fr.freshness(today=bad)


def test_bad_arguments_are_friendly():
    with pytest.raises(ValueError):
        fr.freshness(today="2026-12-01", stale_after_days=-1)
    with pytest.raises(ValueError):
        fr.knowledge_as_of()
    with pytest.raises(ValueError):
        fr.as_of("knowledge/nope")


def test_command_line_prints_the_table(capsys):
    assert fr.main(["--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "knowledge/onc_actionability" in out and "knowledge tables" in out
    assert fr.main(["--today", "not-a-date"]) == 2
