"""Shared test set-up.

matplotlib is switched to Agg *inside this process only* (``matplotlib.use``), never through
the ``MPLBACKEND`` environment variable: nbval's kernels inherit the environment, and a kernel
with ``MPLBACKEND=Agg`` draws no inline figures, so stored outputs would stop matching.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")
os.environ.pop("MPLBACKEND", None)

# In CI, property-based tests draw the same examples on every run, so a result can be
# reproduced; locally they explore new random inputs each time.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

#: ``tests/``: the shared helpers (browserlab, kernelrun, panelcheck, servers, buildcheck) live
#: here, and the test files one folder down (``tests/<topic>/``, ``tests/core/``,
#: ``tests/course/``) import them by name, whatever pytest's import mode.
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

#: Tests that execute whole lessons, rebuild every dataset, drive a browser or walk a
#: panel's whole grid of states: marked ``slow`` here, in one place, so the fast lane
#: (``python3 run.py test --quick``: ``-m "not slow and not browser and not classload"``)
#: leaves them out. Keys are test files under ``tests/`` (``course/test_launch.py``), or
#: ``file::function``.
SLOW_TESTS = (
    "core/test_datasets_build.py",
    "core/test_fuzz_public_api.py",
    "course/test_launch.py",
    # Browser or whole-grid checks measured at ≥ 10 s each (pytest --durations):
    "course/test_glossary_links.py::test_clicking_a_glossary_link_in_jupyterlab_scrolls_to_the_term",
    "course/test_glossary_links.py::test_links_land_on_zero_to_jupyterhub",
    "course/test_course.py::test_benchmark_runs_and_writes_json",
    "course/test_content.py::test_every_widget_control_has_a_readable_label",
    "course/test_course_new.py::test_course_new_makes_a_discovered_lesson_in_a_copy",
    "raredisease/test_raredisease_panels.py::test_phenotype_panel_over_every_combination",
    "raredisease/test_raredisease_panels.py::test_points_panel_over_every_combination",
    "raredisease/test_raredisease_panels.py::test_funnel_every_state_is_told_truly",
    "privacy/test_privacy_data.py::test_toy_genealogy_recovers_most_surnames",
    "privacy/test_privacy_data.py::test_build_is_byte_reproducible",
    "risk/test_risk_data.py::test_build_is_byte_reproducible",
    "diversity/test_diversity_data.py::test_build_is_byte_for_byte_reproducible",
    "diversity/test_diversity_panels.py::test_kidney_sentences_are_true_in_every_state",
    "pgx/test_pgx_widgets.py::test_dropdowns_show_each_patients_called_alleles",
    "pgx/test_pgx_widgets.py::test_exposure_sentence_matches_the_curve_in_every_state",
    "pgx/test_pgx_widgets.py::test_benchmark_cases_drive_real_controls",
    "trials/test_trials_widgets.py::test_benchmark_cases_name_real_controls",
    "trials/test_trials_resistance.py::test_every_sentence_matches_the_plotted_course_over_a_grid_of_states",
    "subtyping/test_subtyping_widgets.py::test_benchmark_cases_drive_real_controls",
    "immunotherapy/test_immunotherapy_panels.py::test_noise_sentences_are_true_over_the_grid",
    "immunotherapy/test_immunotherapy_panels.py::test_peptide_summary_is_true_for_every_state",
    "immunotherapy/test_immunotherapy_panels.py::test_every_control_has_a_readable_label",
    "start/test_benefit.py::test_verdict_is_true_in_every_state_of_the_sliders",
    # Measured at about 1 s or more each on a quiet 2-core machine (pytest --durations), kept
    # out of the fast lane so that it stays near a minute:
    "course/test_quick_lane.py::test_run_py_passes_pytest_options_on_and_refuses_them_elsewhere",
    "trials/test_trials.py::test_big_trial_recovers_the_input_hazard_ratio_and_median",
    "trials/test_trials.py::test_expected_hr_matches_a_big_simulated_all_comers_trial",
    "course/test_reliability_sandbox.py::test_the_sandboxed_kernel_really_blocks",
    "course/test_reliability_sandbox.py::test_a_plain_kernel_is_not_sandboxed",
    "raredisease/test_raredisease_panels.py::test_benchmark_cases_name_real_controls",
    "core/test_plots.py::test_import_changes_no_matplotlib_settings",
    "subtyping/test_subtyping_widgets.py::test_every_explorer_control_changes_the_picture_and_the_sentence",
    "subtyping/test_subtyping_widgets.py::test_explorer_follows_its_controls",
    "course/test_fixed_layouts.py",  # rebuilds every static figure of lessons 00-05 (~5 s)
    # The course website: one Sphinx build of every lesson (25-40 s), shared by these.
    "course/test_site.py::test_site_builds_warning_free_with_a_page_per_lesson",
    "course/test_site.py::test_site_publishes_no_answers",
    "course/test_site.py::test_every_internal_link_and_glossary_anchor_resolves",
    "course/test_site.py::test_site_pages_are_accessible",
    "course/test_site.py::test_site_in_a_browser",
)


def pytest_configure(config: pytest.Config) -> None:
    """nbval runs every lesson in the sandboxed kernel (``kernelrun.SANDBOX_KERNEL``).

    Its startup file blocks the network and makes datasets/ read-only before the first cell,
    so nbval's one run of each lesson is also its offline run: no separate execution needed.
    A kernel chosen on the command line (``--nbval-kernel-name``, ``--nbval-current-env``)
    is respected.
    """
    import shutil
    import tempfile

    if not getattr(config.option, "nbval", False) or getattr(config.option, "nbval_kernel_name",
                                                              None) \
            or getattr(config.option, "nbval_current_env", False):
        return
    from kernelrun import SANDBOX_KERNEL, install_sandbox_kernel

    folder = Path(tempfile.mkdtemp(prefix="workbook-sandbox-kernel-"))
    os.environ["JUPYTER_PATH"] = install_sandbox_kernel(folder)
    config.option.nbval_kernel_name = SANDBOX_KERNEL
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests named in :data:`SLOW_TESTS` as ``slow``."""
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if not path.is_relative_to(TESTS):
            continue  # the lessons under nbval
        file = path.relative_to(TESTS).as_posix()
        function = getattr(item, "originalname", item.name)
        if file in SLOW_TESTS or f"{file}::{function}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


def _repo_state() -> str | None:
    import subprocess

    if not (ROOT / ".git").exists():
        return None
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--",
                              "datasets", "notebooks", "helpers", "docs"],
                             cwd=ROOT, capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout


def pytest_sessionstart(session: pytest.Session) -> None:
    """Remember the repository's state before the lessons run."""
    import time

    if not hasattr(session.config, "workerinput"):
        session.config._repo_state_before = _repo_state()  # type: ignore[attr-defined]
        session.config._started_at = time.time()  # type: ignore[attr-defined]


def _print_reports(session: pytest.Session) -> None:
    """Show the reports that tests wrote during this run (xdist hides their own prints)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    started = getattr(session.config, "_started_at", None)
    results = ROOT / "benchmarks" / "results"
    if reporter is None or started is None or not results.is_dir():
        return
    for report in sorted(results.glob("classload-*.txt")):
        if report.stat().st_mtime >= started:
            reporter.write_line("")
            reporter.write_line(f"--- {report.relative_to(ROOT)} ---")
            for line in report.read_text(encoding="utf-8").splitlines():
                reporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After everything (lessons included) ran: datasets/ still matches its manifest, and
    nothing in the repository was written or changed by the run."""
    if hasattr(session.config, "workerinput"):
        return
    _print_reports(session)
    from precisionmed.datasets import verify

    problems = [f"datasets/ changed during the tests: {p}" for p in verify()]
    before = getattr(session.config, "_repo_state_before", None)
    after = _repo_state()
    if before is not None and after is not None and after != before:
        new = sorted(set(after.splitlines()) - set(before.splitlines()))
        problems += [f"the test run wrote into the repository: {line}" for line in new]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if problems:
        for problem in problems:
            if reporter:
                reporter.write_line(f"FAILED (repository check): {problem}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter:
        reporter.write_line("repository check: datasets/ matches MANIFEST.sha256 and the run "
                            "wrote nothing into the repository")
