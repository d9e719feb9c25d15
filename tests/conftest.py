"""Shared fixtures: one loaded Stanza pipeline for the whole session.

Tests that need a parser model use the ``parser`` or ``extractor`` fixture.
Without a model they skip with the reason, unless QUOTES_REQUIRE_MODEL=1
(set by .ci/run), where a missing model is an error: CI never passes by
skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "news-quotes-de"
UD = SHARED / "ud-german"
COMPACT = SHARED / "stanza-de-compact"


def _model_dir() -> Path:
    from quotes.nlp import resolve_model_dir

    return resolve_model_dir(None, fallback=COMPACT)


def _require() -> bool:
    return os.environ.get("QUOTES_REQUIRE_MODEL", "") not in ("", "0")


@pytest.fixture(scope="session")
def model_dir() -> Path:
    from quotes.nlp import model_available

    path = _model_dir()
    if not model_available(path):
        msg = (f"no German Stanza model in {path}: run `quotes download-model` "
               "or set QUOTES_STANZA_DIR")
        if _require():
            pytest.fail(msg + " (QUOTES_REQUIRE_MODEL=1)")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def parser(model_dir):
    import torch

    from quotes.nlp import Parser

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    return Parser(model_dir, offline=True)


@pytest.fixture(scope="session")
def extractor(parser):
    from quotes.extractor import Extractor

    return Extractor(parser=parser)


def _shared_or_skip(path: Path, what: str) -> Path:
    if not path.exists():
        if os.environ.get("CI") and _require():
            pytest.fail(f"{what} missing at {path}")
        pytest.skip(f"{what} not found at {path} (it lives in ../shared beside the checkout)")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _shared_or_skip(CORPUS, "news-quotes-de corpus")


@pytest.fixture(scope="session")
def ud_dir() -> Path:
    return _shared_or_skip(UD, "UD German treebanks")
