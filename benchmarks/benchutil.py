"""Helpers shared by the benchmarks: paths, sizes, the figures report.

(Not named ``conftest``: ``from conftest import`` would be ambiguous beside
``tests/conftest.py``.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "news-quotes-de"
UD = SHARED / "ud-german"
COMPACT = SHARED / "stanza-de-compact"
CACHE = Path(os.environ.get("QUOTES_BENCH_CACHE", ROOT.parent / "cache"))
"""A parse cache of the corpus made with the model below (``quotes eval --cache``)."""

REPORT: list[str] = []
"""Lines printed in the terminal summary: one per measurement."""


def report(benchmark, line: str, **figures) -> None:
    """Record figures in the benchmark's extra_info and a line for the summary."""
    benchmark.extra_info.update(figures)
    REPORT.append(f"{benchmark.name}: {line}")


def size(benchmark, env: str, full: int, smoke: int) -> int:
    """``$env`` if set; else ``full`` when benchmarking, ``smoke`` with --benchmark-disable."""
    if os.environ.get(env):
        return int(os.environ[env])
    return smoke if benchmark.disabled else full


def bench_model_dir() -> Path:
    from quotes.nlp import resolve_model_dir

    return resolve_model_dir(None, fallback=COMPACT)


def model_identity(model_dir: Path) -> str:
    """The parse-cache identity of the model in ``model_dir``, without loading it
    (the formula of :attr:`quotes.nlp.Parser.identity`)."""
    import stanza

    from quotes.nlp import fingerprint
    from quotes.segmentation import SEGMENTATION

    return f"stanza-{stanza.__version__}-{fingerprint(model_dir)}-{SEGMENTATION}"


def torch_threads() -> int:
    return int(os.environ.get("QUOTES_BENCH_THREADS") or max(1, min(2, os.cpu_count() or 1)))


def load_articles() -> list[tuple[str, str]]:
    """(id, text) of the news-quotes-de articles, dev then train, each sorted by id."""
    out = []
    for split in ("dev", "train"):
        for path in sorted((CORPUS / split).glob("*.json")):
            out.append((path.stem, json.loads(path.read_text(encoding="utf-8"))["originalText"]))
    return out
