"""Benchmark 7: ``--parse selective`` against full parsing, speed and quality (issue 13).

The first ``$QUOTES_BENCH_SELECTIVE_ARTICLES`` dev articles of news-quotes-de (default 150, the whole
dev split; 3 with --benchmark-disable), parsed afresh (no cache) by the same loaded pipeline in both
modes, batch by batch (``$QUOTES_BENCH_BATCH`` documents, default 16) and interleaved, the order
alternating from batch to batch, so that a busy neighbour slows both alike; ``$QUOTES_BENCH_THREADS``
torch threads (default 2). Each contestant is :meth:`quotes.extractor.Extractor.process_batch` (checks,
parse, rules, records).

Reported: words/s of each (the same words: a selective parse tokenizes every sentence), the speed-up
in wall time and in CPU time of this process, the share of words tagged and parsed, and the joint
(and message, speaker) F1 of both on those articles, scored as ``quotes eval`` does. Targets of issue 13:
≥ 1.5× words/s and joint F1 at most 0.5 below full parsing; reported, not asserted. The benchmark
fails only if the selective records are not valid or the modes' documents disagree in number.
"""

from __future__ import annotations

import copy
import time

import pytest
from benchutil import CORPUS, report, size, torch_threads

from quotes import evaluate as ev
from quotes.extractor import Extractor
from quotes.inputs import InputDoc
from quotes.models import DocumentResult


def test_selective_against_full_parsing(benchmark, parser):
    if not (CORPUS / "dev").exists():
        pytest.skip(f"news-quotes-de dev split not found in {CORPUS}")
    n = size(benchmark, "QUOTES_BENCH_SELECTIVE_ARTICLES", 150, 3)
    golds, _ = ev.load_gold_dir(CORPUS / "dev", n)
    selective_parser = copy.copy(parser)  # the same loaded pipeline, another mode
    selective_parser.parse_mode = "selective"
    extractors = {"full": Extractor(parser=parser), "selective": Extractor(parser=selective_parser)}
    docs = [InputDoc(g.id, g.text) for g in golds]
    bs = parser.batch_size
    batches = [docs[i:i + bs] for i in range(0, len(docs), bs)]
    seconds = {"full": 0.0, "selective": 0.0}
    cpu = dict(seconds)
    records: dict[str, dict] = {"full": {}, "selective": {}}
    counted = {"full": 0, "selective": 0}
    list(extractors["full"].extract_many(docs[:1]))  # warm up

    def measure():
        for k, batch in enumerate(batches):
            for mode in ("full", "selective") if k % 2 == 0 else ("selective", "full"):
                before = extractors[mode].n_words
                start, cpu_start = time.perf_counter(), time.process_time()
                out = extractors[mode].process_batch(batch)
                seconds[mode] += time.perf_counter() - start
                cpu[mode] += time.process_time() - cpu_start
                counted[mode] += extractors[mode].n_words - before
                records[mode].update((r.id, r) for r in out)

    benchmark.pedantic(measure, rounds=1, iterations=1)
    words = counted["full"]
    scores = {mode: ev.score_documents(golds, records[mode])[0] for mode in records}
    tagged = _tagged_share(selective_parser, [d.text for d in docs[: min(len(docs), 20)]])
    full_w = words / seconds["full"]
    sel_w = words / seconds["selective"]
    joint = {m: scores[m].joint.f1 for m in scores}  # percent
    message = {m: scores[m].roles["message"].f1 for m in scores}
    speaker = {m: scores[m].roles["speaker"].f1 for m in scores}
    report(benchmark,
           f"{n} dev articles, {words:,} words, {torch_threads()} torch threads: full {seconds['full']:.1f} s "
           f"({full_w:,.0f} words/s), selective {seconds['selective']:.1f} s ({sel_w:,.0f} words/s): "
           f"{seconds['full'] / seconds['selective']:.2f}x (CPU time {cpu['full'] / cpu['selective']:.2f}x; "
           f"target >= 1.5x); words tagged and parsed {tagged:.0%} (first 20 articles); joint F1 full "
           f"{joint['full']:.1f}, selective {joint['selective']:.1f} ({joint['selective'] - joint['full']:+.1f}; "
           f"target >= -0.5); message {message['full']:.1f} / {message['selective']:.1f}, speaker "
           f"{speaker['full']:.1f} / {speaker['selective']:.1f}",
           articles=n, words=words, seconds=seconds, cpu_s=cpu, speedup=seconds["full"] / seconds["selective"],
           speedup_cpu=cpu["full"] / cpu["selective"], tagged_share=tagged, joint_f1=joint, message_f1=message,
           speaker_f1=speaker)
    assert records["full"].keys() == records["selective"].keys()
    assert counted["full"] == counted["selective"]  # every word is tokenized in both modes
    assert all(isinstance(r, DocumentResult) for r in records["selective"].values())


def _tagged_share(parser, texts: list[str]) -> float:
    """The share of words that a selective parse tags (the rest is only tokenized)."""
    docs = parser.parse_many(texts)
    total = sum(d.n_words for d in docs)
    tagged = sum(len(s.words) for d in docs for s in d.sentences if any(w.upos != "X" for w in s.words))
    return tagged / max(1, total)
