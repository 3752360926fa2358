"""Shared fixtures, the path to ../shared, and the two tiers of the suite.

`make test` runs every test, with the real analyzers (Stanza's models and spaCy's fr_core_news_md), each
loaded once per session on first use. `make test-fast` (`pytest --fast`) runs what needs no real model,
in seconds: the tests marked `models` or `slow` are deselected, and the others get tests/fake_analyzer.py
wherever they ask for an analyzer (`analyzers`, `app`, `client`).

The `models` marker is set here, from what a test uses, so that test files need not carry it (they may):
- it asks for `analyzer`, which runs it on each real analyzer;
- it asks for `analyzers` (or `app`, `client`) in a module not listed in FAKE_READY, where asking for an
  analyzer means wanting real parses;
- it is named in NEEDS_MODELS: it reads facts that only a real parse gives, or starts processes that
  load the models themselves.
The `slow` marker goes on the modules of SLOW: generated inputs by the thousand, for the full suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service import create_app

ROOT = Path(__file__).resolve().parents[1]
# The development set, the UD treebanks, the news excerpts and the mini Stanza models: beside the project,
# read at run time and never copied into it. Everything under tests/ reaches it through `shared()`.
SHARED = Path(os.environ.get("FAITS_SHARED_DIR") or ROOT.parent / "shared")
STANZA_DIR = os.environ.get("FAITS_STANZA_DIR") or str(SHARED / "models" / "stanza-fr-mini")
ANALYZERS = ("stanza", "spacy")

# Modules whose tests ask for an app or an analyzer only to have something to talk to: in test-fast their
# tests run on the fake analyzer, except those in NEEDS_MODELS.
FAKE_READY = {
    "test_api",
    "test_batch",
    "test_security",
    "test_hostile_api",
    "test_timeout",
    "test_metrics",
    "test_cli",
    "test_tools",
    "test_fuzz",
    "test_k8s",
}
SLOW = {"test_fuzz"}
NEEDS_MODELS = {
    "test_api": {"test_extract_json", "test_extract_plain_text", "test_no_reference_date_gives_partial_dates"},
    "test_batch": {"test_results_in_order_and_equal_to_single_calls", "test_bad_documents_fail_alone"},
    "test_hostile_api": {
        "test_lone_surrogates_are_422_in_every_field",
        "test_visible_text_with_invisible_characters_is_read",
        "test_escaped_astral_text_at_the_limit_is_accepted",
        "test_chunked_body_at_the_limit_is_read_whole",
    },
    "test_timeout": {"test_slow_analysis_is_503_then_the_next_request_succeeds"},
    "test_metrics": {"test_counts_requests_stages_documents_and_facts", "test_gunicorn_workers_are_summed"},
    "test_cli": {
        "test_lines_are_the_bytes_of_extract_without_timings",
        "test_bad_documents_are_recorded_and_the_run_goes_on",
        "test_worker_processes_give_the_same_lines_in_order",
        "test_text_files_folders_and_stdin_without_a_bar_when_piped",
    },
    "test_gunicorn": {"test_sigterm_lets_the_request_in_flight_finish", "test_a_killed_worker_is_replaced"},
    "test_demo_browser": {"test_demo_page_highlights_the_facts_of_the_response", "test_problem_details_are_readable"},
    "test_fuzz": {"test_facts_survive_noise_with_exact_offsets", "test_one_50000_character_token"},
    "test_analyzers": {
        "test_sentence_ends_before_the_parser",
        "test_no_sentence_starts_on_a_comma_or_a_lowercase_word_within_a_line",
        "test_no_sentence_starts_on_a_capital_within_a_line_without_an_end_mark",
        "test_the_parser_decides_after_marks_that_may_end_a_sentence",
    },  # spaCy's French language: seconds to load
    "test_tools": {"test_leftovers_lists_unused_counts_of_people_only", "test_evaluate_union_adds_up"},
}


def shared(*parts: str) -> Path:
    """SHARED/parts, which must exist: a test that needs it and runs without it fails saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(
            f"{path} is missing. The tests read ../shared beside the project (development set, UD "
            f"treebanks, mini Stanza models): set FAITS_SHARED_DIR to where it is.",
            pytrace=False,
        )
    return path


def pytest_addoption(parser):
    parser.addoption(
        "--fast",
        action="store_true",
        help="faits: only the tests that need no real model, on the fake analyzer (make test-fast)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "models: needs a real analyzer's models (left out by --fast)")
    config.addinivalue_line("markers", "slow: fuzzing, thousands of generated requests (left out by --fast)")
    if config.getoption("fast"):
        expr = config.option.markexpr
        fast = "not models and not slow"
        config.option.markexpr = f"({expr}) and {fast}" if expr else fast
        # a test-fast test that still loads a model (in process or in a child) fails at once, saying so
        os.environ["FAITS_STANZA_DIR"] = str(ROOT / "no-models-in-test-fast")
        os.environ["FAITS_SPACY_MODEL"] = "no-models-in-test-fast"


def pytest_ignore_collect(collection_path, config):
    # under --fast the SLOW modules are not even imported (schemathesis, hypothesis: seconds)
    return True if config.getoption("fast") and collection_path.stem in SLOW else None


def needs_models(module: str, name: str, fixtures: set[str]) -> bool:
    """Whether a test (its module, its name without parameters, the fixtures it uses) is marked `models`."""
    return (
        "analyzer" in fixtures
        or ("analyzers" in fixtures and module not in FAKE_READY)
        or name in NEEDS_MODELS.get(module, ())
    )


@pytest.hookimpl(tryfirst=True)  # before the -m selection reads the markers
def pytest_collection_modifyitems(config, items):
    seen = set()
    for item in items:
        module, name = item.module.__name__.rpartition(".")[2], item.originalname
        seen.add((module, name))
        if needs_models(module, name, set(getattr(item, "fixturenames", ()))):
            item.add_marker(pytest.mark.models)
        if module in SLOW:
            item.add_marker(pytest.mark.slow)
    # under --fast, over the whole suite: a name that matches no test was renamed, and the test runs on the fake
    if config.getoption("fast") and config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        modules = {m for m, _ in seen}
        stale = sorted(
            f"{m}::{n}" for m, names in NEEDS_MODELS.items() if m in modules for n in names if (m, n) not in seen
        )
        if stale:
            raise pytest.UsageError(f"tests/conftest.py NEEDS_MODELS names tests that do not exist: {stale}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and item.config.getoption("fast") and {"analyzers", "app", "client"} & set(item.fixturenames):
        report.sections.append(
            (
                "test-fast",
                "This test ran on tests/fake_analyzer.py, which finds no fact. If it "
                "needs a real parse, name it in NEEDS_MODELS (tests/conftest.py) or mark it "
                "@pytest.mark.models.",
            )
        )
    return report


def _load(name: str):
    from service.analyzers import load_analyzer

    if name == "stanza" and not Path(STANZA_DIR, "resources.json").exists():
        pytest.fail(
            f"no Stanza models in {STANZA_DIR} (resources.json is missing): set FAITS_STANZA_DIR, or "
            f"FAITS_SHARED_DIR to a folder holding models/stanza-fr-mini",
            pytrace=False,
        )
    return load_analyzer(name, stanza_dir=STANZA_DIR, spacy_model="fr_core_news_md", torch_threads=1)


@pytest.fixture(scope="session")
def analyzers(request):
    """name -> analyzer, each loaded on first use; the fake analyzer for every name under --fast."""
    if request.config.getoption("fast"):
        from tests.fake_analyzer import FakeAnalyzer

        fakes: dict = {}
        return lambda name: fakes.setdefault(name, FakeAnalyzer(name))
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = _load(name)
        return cache[name]

    return get


@pytest.fixture(scope="session", params=ANALYZERS)
def analyzer(request, analyzers):
    return analyzers(request.param)


@pytest.fixture
def app(analyzers):
    return create_app({"ANALYZER_INSTANCE": analyzers("spacy"), "MAX_CHARS": 5000, "LOG_LEVEL": "WARNING"})


@pytest.fixture
def client(app):
    return app.test_client()
