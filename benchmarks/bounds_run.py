"""Time and peak memory of pathological inputs, in a fresh process (benchmark 6).

Used by ``test_bench_bounds.py``::

    python benchmarks/bounds_run.py MODEL_DIR THREADS nested:1000 closed:3000 ...

Loads the parser once, then for each input ``KIND:MARKS`` builds the text,
resets the process's peak-memory mark (``/proc/self/clear_refs``), runs
:meth:`quotes.extractor.Extractor.process_batch` on it (what ``quotes
extract`` does per chunk: checks, parse, rules, records) and prints one JSON
line: seconds, CPU seconds, words parsed, resident memory before and its
peak during the run (``VmRSS``/``VmHWM``), and the record (error class or
number of quotes; offsets checked).

Kinds: ``nested`` is the input of issue 12, ``Er sagte: `` + MARKS opening
marks + `` Ende. Müller sagte, er komme morgen.``; ``closed`` has as many
marks, closed in pairs (``„a“ „a“ …``), so that it passes the checks before
parsing and is one sentence of 1.5 × MARKS words, split by the parser.
"""

from __future__ import annotations

import gc
import json
import sys
import time


def make(kind: str, marks: int) -> str:
    if kind == "nested":
        return "Er sagte: " + "„" * marks + " Ende. Müller sagte, er komme morgen."
    if kind == "closed":
        return "Er sagte: " + "„a“ " * (marks // 2) + "Ende. Müller sagte, er komme morgen."
    raise ValueError(kind)


def memory_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def main(argv: list[str]) -> None:
    import torch

    from quotes.extractor import Extractor
    from quotes.inputs import InputDoc
    from quotes.models import DocumentError

    model_dir, threads, inputs = argv[0], int(argv[1]), argv[2:]
    torch.set_num_threads(threads)
    extractor = Extractor(model_dir=model_dir, offline=True, use_gpu=False)
    extractor.process_batch([InputDoc("warm-up", "„Wir kommen“, sagte Müller.")])
    for item in inputs:
        kind, marks = item.split(":")
        text = make(kind, int(marks))
        gc.collect()
        reset = reset_peak()
        before = memory_kb("VmRSS")
        words = extractor.n_words
        wall, cpu = time.perf_counter(), time.process_time()
        record = extractor.process_batch([InputDoc(item, text)])[0]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = memory_kb("VmHWM")
        if isinstance(record, DocumentError):
            outcome, offsets_ok = record.error, True
        else:
            outcome = f"{len(record.quotes)} quotes"
            offsets_ok = all(text[s.start:s.end] == s.text for q in record.quotes for s in [*q.content, *q.cue])
        print(json.dumps({"kind": kind, "marks": int(marks), "chars": len(text), "words": extractor.n_words - words,
                          "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), "rss_before_mib": before >> 10,
                          "peak_mib": peak >> 10, "peak_above_mib": (peak - before) >> 10 if reset else None,
                          "outcome": outcome, "offsets_ok": offsets_ok}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
