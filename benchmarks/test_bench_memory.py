"""Benchmark 4: peak memory of a 5,000-article stream against a 500-article one.

Each stream runs in a fresh process (``memory_stream.py``) that reads a JSON
Lines file through :func:`quotes.runner.run` (chunks of
``$QUOTES_BENCH_MEM_CHUNK``, default 16, the CLI's default) into a JSON Lines
file and reports its peak resident memory: ``VmHWM`` where Linux has it
(``ru_maxrss`` would include the pytest parent's peak, which Linux carries
across fork and exec). The articles are the first ``small`` news-quotes-de
texts, repeated with new ids, so both streams hold the same documents and
only the length differs. They come from the parse cache
(``$QUOTES_BENCH_CACHE``): no model is loaded, and what is measured is
everything around the parser (input, chunks, cache reads, rules, records,
output). Without the cache a regex tokeniser with flat trees stands in for
the parser. Stanza's own memory per bulk batch is bounded by the batch size
and does not depend on the stream length. Target: the large stream's peak
within 10 % of the small one's. Sizes: ``$QUOTES_BENCH_MEM_SMALL`` /
``$QUOTES_BENCH_MEM_LARGE`` (500 / 5,000; 20 / 200 with --benchmark-disable).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchutil import CACHE, CORPUS, ROOT, bench_model_dir, load_articles, model_identity, report, size

HERE = Path(__file__).resolve().parent
FALLBACK = [
    "„Wir kommen morgen wieder“, sagte Müller. Die Regierung plant neue Gesetze für den Verkehr.",
    "Er sagte, er sei mit dem Ergebnis zufrieden. »Das ist nicht akzeptabel«, erklärte die Ministerin.",
]


def _mode() -> tuple[str, str, list[str]]:
    texts = [t for _, t in load_articles()] if CORPUS.exists() else FALLBACK
    if CACHE.exists() and CORPUS.exists():
        from quotes.cache import ParseCache

        try:
            identity = model_identity(bench_model_dir())
        except Exception:  # no model files to fingerprint
            identity = None
        if identity and all(ParseCache(CACHE).get(t, identity) is not None for t in texts[:5]):
            return "cache", identity, texts
    return "stub", "-", texts


def _stream(tmp: Path, n: int, mode: str, identity: str, texts: list[str]) -> dict:
    source, output = tmp / f"in-{n}.jsonl", tmp / f"out-{n}.jsonl"
    with open(source, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n")
    chunk = os.environ.get("QUOTES_BENCH_MEM_CHUNK", "16")
    proc = subprocess.run([sys.executable, str(HERE / "memory_stream.py"), str(source), str(output), mode, identity,
                           chunk],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # One corpus article (47872, a football results table) is refused as not German: an error record.
    assert result["documents"] == n and result["errors"] <= n // 100 + 1
    assert sum(1 for _ in open(output, encoding="utf-8")) == n
    output.unlink()
    return result


def test_memory_is_flat_over_the_stream(benchmark, tmp_path):
    small_n = size(benchmark, "QUOTES_BENCH_MEM_SMALL", 500, 20)
    large_n = size(benchmark, "QUOTES_BENCH_MEM_LARGE", 5000, 200)
    mode, identity, texts = _mode()
    texts = texts[:small_n]  # both streams hold the same articles; the large one repeats them
    runs = {}

    def measure():
        runs["small"] = _stream(tmp_path, small_n, mode, identity, texts)
        runs["large"] = _stream(tmp_path, large_n, mode, identity, texts)

    benchmark.pedantic(measure, rounds=1, iterations=1)
    small, large = runs["small"], runs["large"]
    ratio = large["peak_rss_kb"] / small["peak_rss_kb"]
    growth_small = small["peak_rss_kb"] - small["rss_before_kb"]
    growth_large = large["peak_rss_kb"] - large["rss_before_kb"]
    report(benchmark,
           f"{mode} mode: {small_n} docs peak {small['peak_rss_kb'] / 1024:.1f} MiB "
           f"(+{growth_small / 1024:.1f} over start-up, {small['seconds']:.1f} s), {large_n} docs peak "
           f"{large['peak_rss_kb'] / 1024:.1f} MiB (+{growth_large / 1024:.1f}, {large['seconds']:.1f} s); "
           f"ratio {ratio:.3f} (target <= 1.10)",
           mode=mode, small_docs=small_n, large_docs=large_n, small_peak_kb=small["peak_rss_kb"],
           large_peak_kb=large["peak_rss_kb"], small_start_kb=small["rss_before_kb"],
           large_start_kb=large["rss_before_kb"], ratio=ratio, small_s=small["seconds"], large_s=large["seconds"])
