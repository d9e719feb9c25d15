"""Benchmark 1: the rule engine alone on pre-parsed documents (tokens/s, one core).

Documents: the news-quotes-de articles from the parse cache (``$QUOTES_BENCH_CACHE``,
default ``../cache``, made with the compact model), else the gold UD German
trees. Timed: :func:`quotes.engine.extract_from_parsed` (rules, speakers and
the validated records), best of ``$QUOTES_BENCH_ROUNDS`` rounds (default 3),
in wall time and in CPU time (``time.process_time``: what one core does,
whatever else runs on the machine). Target: at least 100,000 tokens/s.
"""

from __future__ import annotations

import os
import time

import pytest
from benchutil import CACHE, UD, bench_model_dir, load_articles, model_identity, report, size

from quotes.doc import from_conllu
from quotes.engine import extract_from_parsed


def cached_docs(texts):
    from quotes.cache import ParseCache

    if not CACHE.exists():
        return None
    ident = model_identity(bench_model_dir())
    cache = ParseCache(CACHE)
    docs = [cache.get(t, ident) for t in texts]
    return docs if all(d is not None for d in docs) else None


def gold_docs(limit):
    docs = []
    for path in sorted(UD.glob("de_*.conllu")):
        blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
        for i in range(0, len(blocks), 20):  # documents of 20 sentences
            docs.append(from_conllu("\n\n".join(blocks[i:i + 20])))
    return docs[:limit]


def test_engine_tokens_per_second(benchmark):
    n = size(benchmark, "QUOTES_BENCH_ENGINE_DOCS", 850, 20)
    docs, source = None, ""
    try:
        docs = cached_docs([t for _, t in load_articles()[:n]])
        source = "news-quotes-de, parse cache"
    except (OSError, ValueError, ImportError):
        docs = None
    if not docs:
        if not UD.exists():
            pytest.skip("neither the parse cache of the corpus nor the UD treebanks are available")
        docs, source = gold_docs(n), "UD German gold trees"
    words = sum(d.n_words for d in docs)
    rounds = int(os.environ.get("QUOTES_BENCH_ROUNDS", "3"))
    times, cpu_times = [], []

    def engine():
        start, cpu = time.perf_counter(), time.process_time()
        quotes = sum(len(extract_from_parsed(d, str(i)).quotes) for i, d in enumerate(docs))
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
        return quotes

    for i, d in enumerate(docs[:5]):  # warm up: word lists, compiled patterns
        extract_from_parsed(d, str(i))
    quotes = benchmark.pedantic(engine, rounds=1 if benchmark.disabled else rounds, iterations=1)
    best, best_cpu = min(times), min(cpu_times)
    rate, rate_cpu = words / best, words / best_cpu
    report(benchmark, f"{len(docs)} docs ({source}), {words:,} tokens, {quotes} quotes: best {best:.2f} s wall "
                      f"= {rate:,.0f} tokens/s; {best_cpu:.2f} s CPU = {rate_cpu:,.0f} tokens/s (target >= 100,000)",
           docs=len(docs), tokens=words, quotes=quotes, seconds=best, tokens_per_s=rate, cpu_seconds=best_cpu,
           tokens_per_cpu_s=rate_cpu, source=source)
    assert quotes >= 0
