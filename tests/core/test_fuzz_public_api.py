"""Every public function of precisionmed, fed hypothesis-generated garbage, either works or
raises ValueError/TypeError with a message — never anything else (no KeyError, IndexError,
AttributeError, ZeroDivisionError or deep library errors reaching a learner)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import precisionmed

#: The dataset builders of lessons 00-05 (fixed seeds, no learner input; they were outside this
#: test as ``precisionmed.simulate.*`` before the topic-first move). Their outputs are checked
#: byte for byte by the datasets test.
SEEDED_BUILDERS = {f"precisionmed.{topic}.simulate"
                   for topic in ("start", "pgx", "oncology", "trials", "subtyping")}
#: Functions that write files, start kernels or change global state: exercised by their own
#: tests, never with garbage.
SIDE_EFFECTS = {
    "precisionmed.datasets.build", "precisionmed.datasets.main",
    "precisionmed.course.execute", "precisionmed.course.build", "precisionmed.course.main",
    "precisionmed.course.update_readme", "precisionmed.course.update_navigation",
    "precisionmed.course.update_instructor_guide",
    "precisionmed.plots.use_style", "precisionmed.plots.show",
    "precisionmed.tables.write_table", "precisionmed.tables.write_json",
    "precisionmed.tables.write_schema", "precisionmed.vcf.write_vcf",
    "precisionmed.check.exercise", "precisionmed.check.choice",
    "precisionmed.check.show_question",
    # Write folders (build/app/, a knowledge/ folder) when given good arguments.
    "precisionmed.app.build_app", "precisionmed.diversity.knowledge.write",
    # Write a new lesson's files / rebuild datasets, lessons, map and answer key.
    "precisionmed.scaffold.new_lesson", "precisionmed.scaffold.refresh",
}
EXAMPLES_PER_FUNCTION = 25


def public_functions() -> list[tuple[str, Callable]]:
    found = {}
    for info in pkgutil.walk_packages(precisionmed.__path__, prefix="precisionmed."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            qualname = f"{obj.__module__}.{name}"
            if qualname in SIDE_EFFECTS or module.__name__ in SEEDED_BUILDERS:
                continue
            if name == "main" or name.startswith("build") and "simulate" in qualname:
                continue
            found[qualname] = obj
    return sorted(found.items())


FUNCTIONS = public_functions()

garbage = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 1000), st.floats(allow_nan=True),
    st.text(max_size=12), st.binary(max_size=4),
    st.lists(st.one_of(st.integers(-3, 3), st.text(max_size=3)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(-3, 3), max_size=2),
    st.just(pd.DataFrame()), st.just(pd.DataFrame({"x": [1, 2], "gene": ["A", None]})),
    st.just(np.array([np.nan, 1.0])), st.just(...),
)

TRIED: dict[str, int] = {}


def _required(func: Callable) -> list[inspect.Parameter]:
    params = inspect.signature(func).parameters.values()
    return [p for p in params
            if p.default is inspect.Parameter.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def test_there_are_many_public_functions() -> None:
    assert len(FUNCTIONS) >= 20


@pytest.mark.parametrize("qualname,func", FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_garbage_in_gives_a_clear_error(qualname: str, func: Callable) -> None:
    required = _required(func)
    count = {"n": 0}

    @settings(max_examples=EXAMPLES_PER_FUNCTION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(garbage, min_size=len(required), max_size=len(required)))
    def check(values: list) -> None:
        count["n"] += 1
        kwargs = {p.name: v for p, v in zip(required, values, strict=True)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                func(**kwargs)
            except (ValueError, TypeError) as err:
                assert str(err).strip(), f"{qualname} raised {type(err).__name__} with no message"

    if not required:
        count["n"] += 1
        try:
            func()
        except (ValueError, TypeError) as err:
            assert str(err).strip()
    else:
        check()
    TRIED[qualname] = count["n"]


def test_report_inputs_tried(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        total = sum(TRIED.values())
        print(f"\n[fuzz] {len(TRIED)} public functions, {total} garbage inputs tried "
              f"(up to {EXAMPLES_PER_FUNCTION} each)")
