"""The parse alone, full against selective, on the dev articles (the speed figure of benchmark 7
without the rules, in one thread): ``python benchmarks/selective_speed.py [N]``.

One torch thread, the same loaded pipeline in both modes, alternating every 8 articles, so that
other jobs on a shared machine slow both alike. Prints words per CPU-second and per second of
each mode and the speed-ups. N: the first N dev articles (default all 150).
"""

from __future__ import annotations

import copy
import json
import sys
import time

from benchutil import CORPUS, bench_model_dir


def main(limit: int | None = None) -> None:
    import torch

    from quotes.nlp import Parser

    torch.set_num_threads(1)
    paths = sorted((CORPUS / "dev").glob("*.json"))[:limit]
    texts = [json.loads(p.read_text(encoding="utf-8"))["originalText"] for p in paths]
    full = Parser(bench_model_dir(), offline=True)
    selective = copy.copy(full)  # the same loaded pipeline, the other mode
    selective.parse_mode = "selective"
    full.parse_many(texts[:1])  # warm up
    cpu = {"full": 0.0, "selective": 0.0}
    wall = dict(cpu)
    words = dict(cpu)
    for k in range(0, len(texts), 8):
        modes = [("full", full), ("selective", selective)]
        for name, parser in modes if (k // 8) % 2 == 0 else modes[::-1]:
            start, cpu_start = time.perf_counter(), time.process_time()
            docs = parser.parse_many(texts[k:k + 8])
            wall[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - cpu_start
            words[name] += sum(d.n_words for d in docs)
    for name in cpu:
        print(f"{name}: {words[name]:,.0f} words, {cpu[name]:.1f} CPU-s = {words[name] / cpu[name]:,.0f} words "
              f"per CPU-second; wall {wall[name]:.1f} s = {words[name] / wall[name]:,.0f} words/s")
    print(f"selective: {cpu['full'] / cpu['selective']:.2f}x in CPU time, {wall['full'] / wall['selective']:.2f}x "
          f"in wall time ({len(texts)} articles)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
