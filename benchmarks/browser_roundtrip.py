#!/usr/bin/env python3
"""Browser round trip of every panel: a control moved → new pixels on screen, in JupyterLab.

    python benchmarks/browser_roundtrip.py                 # every lesson, 10 moves per panel
    python benchmarks/browser_roundtrip.py --lessons 00 02 --moves 20 --width 800

What a learner waits for after moving a control: the key press (or choice) in headless
Chromium, the kernel's redraw, the new PNG travelling back over the widget comm, and the
browser decoding it. For each panel with a figure, its first control is moved ``--moves``
times, back and forth, and the time until the figure's pixels change is recorded; the
report gives the median and the worst. Quizzes (no figure) are left out.

Needs Debian's ``chromium`` and Python ``playwright`` (the test extra). Prints a table and
writes JSON (default ``benchmarks/results/browser_roundtrip.json``, git-ignored).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import browserlab as bl  # noqa: E402

from precisionmed.course import lesson_paths  # noqa: E402


def panel_name(page, panel: int) -> str:
    """A short name for a panel: the label of its first control."""
    controls = bl.controls(page, panel)
    return controls[0].label if controls else f"panel {panel}"


def bench_lesson(context, lab: dict[str, str], lesson: Path, moves: int) -> list[dict]:
    """Round-trip times for every figure panel of ``lesson``."""
    page = context.new_page()
    rows = []
    try:
        bl.open_and_run_all(page, lab, f"notebooks/{lesson.name}", f"bench{lesson.stem[:2]}")
        for panel in range(bl.mark_panels(page)):
            if not bl.figures(page, panel):
                continue
            controls = [c for c in bl.controls(page, panel) if not c.disabled]
            if not controls:
                continue
            control = controls[0]
            times, unchanged = [], 0
            for n in range(moves):
                before = (bl.figures(page, panel), bl.panel_text(page, panel))
                bl.move(page, panel, control, step=1 if n % 2 == 0 else -1)
                figs, _, seconds = bl.wait_for_change(page, panel, before, settle_s=0.05,
                                                      want_figure=True)
                if [f["hash"] for f in figs] == [f["hash"] for f in before[0]]:
                    unchanged += 1
                    continue
                times.append(seconds * 1000)
            rows.append({"lesson": lesson.stem, "panel": panel,
                         "control": panel_name(page, panel), "moves": moves,
                         "median_ms": statistics.median(times) if times else None,
                         "worst_ms": max(times) if times else None,
                         "no_pixel_change": unchanged})
    finally:
        page.close()
        bl.shut_down_sessions(lab)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the round-trip benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", nargs="*", help="lesson numbers, e.g. 00 03 (default: all)")
    parser.add_argument("--moves", type=int, default=10, help="moves per panel (default 10)")
    parser.add_argument("--width", type=int, default=1280, help="window width in px")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "browser_roundtrip.json")
    args = parser.parse_args(argv)
    if args.moves < 2:
        parser.error("--moves must be at least 2")
    if bl.chromium() is None:
        print("no Chromium here: install Debian's 'chromium' first", file=sys.stderr)
        return 2
    lessons = [p for p in lesson_paths()
               if not args.lessons or p.name[:2] in set(args.lessons)]
    rows: list[dict] = []
    with bl.jupyterlab({"notebooks": ROOT / "notebooks", "docs": ROOT / "docs"}) as lab, \
            bl.browser(width=args.width) as context:
        for lesson in lessons:
            print(f"{lesson.name} ...", flush=True)
            rows += bench_lesson(context, lab, lesson, args.moves)
    print(f"\nBrowser round trip at {args.width} px, {args.moves} moves per panel "
          "(control moved → new pixels on screen):")
    print(f"{'lesson':40} {'panel (first control)':34} {'median ms':>10} {'worst ms':>9}")
    for row in rows:
        median = "–" if row["median_ms"] is None else f"{row['median_ms']:.0f}"
        worst = "–" if row["worst_ms"] is None else f"{row['worst_ms']:.0f}"
        flag = f"  ({row['no_pixel_change']} moves changed no pixel)" \
            if row["no_pixel_change"] else ""
        print(f"{row['lesson'][:40]:40} {row['control'][:34]:34} {median:>10} {worst:>9}{flag}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"width": args.width, "moves": args.moves, "rows": rows},
                                   indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
