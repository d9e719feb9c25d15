"""Shared fixtures for the benchmarks (see README.md here).

Sizes come from environment variables; with ``--benchmark-disable`` (CI)
every benchmark runs once on a tiny input, as a smoke test, unless the
variable is set. Benchmarks never fail on a target: they report figures
(``extra_info`` in ``--benchmark-json``, and a table at the end of the run).
Those that need the Stanza model skip without one; those that need the
news corpus or the parse cache skip without them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchutil import CORPUS, REPORT, bench_model_dir, load_articles, torch_threads


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("benchmark figures")
        for line in REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def model_dir() -> Path:
    from quotes.nlp import model_available

    path = bench_model_dir()
    if not model_available(path):
        pytest.skip(f"no German Stanza model in {path} (set QUOTES_STANZA_DIR)")
    return path


@pytest.fixture(scope="session")
def parser(model_dir):
    import torch

    from quotes.nlp import Parser

    torch.set_num_threads(torch_threads())
    device = os.environ.get("QUOTES_BENCH_DEVICE", "cpu")
    return Parser(model_dir, offline=True, use_gpu=device == "gpu",
                  batch_size=int(os.environ.get("QUOTES_BENCH_BATCH", "16")))


@pytest.fixture(scope="session")
def articles() -> list[tuple[str, str]]:
    if not CORPUS.exists():
        pytest.skip(f"news-quotes-de corpus not found at {CORPUS}")
    return load_articles()
