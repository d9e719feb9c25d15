"""Benchmark 3: re-extraction from the parse cache against a fresh parse.

``$QUOTES_BENCH_CACHE_ARTICLES`` articles (default 20; 2 with
--benchmark-disable). Fresh: ``extract_many`` without a cache (parse +
rules). Cached: ``extract_many`` with a warm parse cache in a temporary
directory (read + rules), best of 3. The parsed documents of the fresh run
fill the cache untimed, so both sides see the same trees. Target: ≥ 50×.
"""

from __future__ import annotations

import time

from benchutil import report, size

from quotes.cache import ParseCache
from quotes.extractor import Extractor
from quotes.inputs import InputDoc


class _Recording:
    """The shared parser, keeping what it parsed (to fill the cache untimed)."""

    def __init__(self, parser) -> None:
        self.parser = parser
        self.parsed = []
        for attr in ("name", "model_dir", "stanza_version", "fingerprint", "identity", "batch_size"):
            setattr(self, attr, getattr(parser, attr))

    def parse_many(self, texts):
        docs = self.parser.parse_many(texts)
        self.parsed.extend(docs)
        return docs


def test_cache_against_fresh_parse(benchmark, parser, articles, tmp_path):
    n = size(benchmark, "QUOTES_BENCH_CACHE_ARTICLES", 20, 2)
    docs = [InputDoc(i, t) for i, t in articles[:n]]
    recording = _Recording(parser)
    fresh_ex = Extractor(parser=recording)
    list(Extractor(parser=parser).extract_many(docs[:1]))  # warm up

    start = time.perf_counter()
    fresh = [r.model_dump() for r in fresh_ex.extract_many(docs)]
    fresh_s = time.perf_counter() - start

    cache = ParseCache(tmp_path)
    for d in recording.parsed:
        cache.put(d, parser.identity)
    cached_ex = Extractor(parser=parser, cache_dir=tmp_path)
    times = []

    def cached_run():
        start = time.perf_counter()
        out = [r.model_dump() for r in cached_ex.extract_many(docs)]
        times.append(time.perf_counter() - start)
        return out

    cached = benchmark.pedantic(cached_run, rounds=1 if benchmark.disabled else 3, iterations=1)
    cached_s = min(times)
    words = sum(d.n_words for d in recording.parsed)
    speedup = fresh_s / cached_s
    report(benchmark, f"{n} articles, {words:,} words: fresh {fresh_s:.2f} s, cached {cached_s:.3f} s "
                      f"= {speedup:,.0f}x faster (target >= 50x)",
           articles=n, words=words, fresh_s=fresh_s, cached_s=cached_s, speedup=speedup,
           cache_hits=cached_ex.cache.hits)
    assert cached == fresh
    assert cached_ex.cache.misses == 0
