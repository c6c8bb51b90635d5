"""Shared checks for the topic panels' tests (imported by tests/<topic>/test_<topic>_panels.py)."""

from __future__ import annotations

from collections.abc import Iterator


def walk(widget: object) -> Iterator[object]:
    """``widget`` and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


def assert_each_value_redraws(case: tuple, distinct: bool = False) -> object:
    """Set each value a ``BENCHMARK_CASES`` row lists; the figure's PNG must change each time.

    With ``distinct``, every state must also have a picture of its own. Returns the panel.
    """
    _, builder, key, values = case
    box = builder()
    pictures = {box.controls[key].value: box.view.png}
    for value in values:
        if value == box.controls[key].value:
            continue
        before = box.view.png
        box.controls[key].value = value
        assert box.view.png != before, f"{key}={value!r} did not change the figure"
        pictures[value] = box.view.png
    if distinct:
        assert len(set(pictures.values())) == len(pictures), "two states share a picture"
    return box


def assert_controls_redraw(box: object, choices: dict[str, object]) -> None:
    """Set each control ``key`` of ``box`` to each value in ``choices[key]`` in turn (skipping
    the value it holds); the figure's PNG must change every time."""
    for key, values in choices.items():
        for value in values:  # type: ignore[attr-defined]
            if value == box.controls[key].value:  # type: ignore[attr-defined]
                continue
            before = box.view.png  # type: ignore[attr-defined]
            box.controls[key].value = value  # type: ignore[attr-defined]
            assert box.view.png != before, (key, value)  # type: ignore[attr-defined]
