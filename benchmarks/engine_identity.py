"""Check that an engine change leaves the output byte-identical (a script, not a benchmark).

Runs :func:`quotes.engine.extract_from_parsed` on the documents of benchmark 1 (the news-quotes-de
articles from the parse cache, ``$QUOTES_BENCH_CACHE``) and writes every record as JSON, one document
a line. Save the output before a change and compare after it::

    python benchmarks/engine_identity.py --save /tmp/before.jsonl
    python benchmarks/engine_identity.py --compare /tmp/before.jsonl

It also prints the CPU time of the run (one round, no warm-up: a rough figure; benchmark 1 is the
measurement).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchutil import load_articles  # noqa: E402
from test_bench_engine import cached_docs  # noqa: E402

from quotes.engine import extract_from_parsed  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="write the records here")
    what.add_argument("--compare", type=Path, help="compare the records with this earlier output")
    parser.add_argument("-n", type=int, default=850, help="documents (default: all 850)")
    args = parser.parse_args(argv)
    docs = cached_docs([t for _, t in load_articles()[: args.n]])
    if docs is None:
        print("the parse cache of the corpus is not available ($QUOTES_BENCH_CACHE)", file=sys.stderr)
        return 2
    words = sum(d.n_words for d in docs)
    cpu = time.process_time()
    lines = [extract_from_parsed(d, str(i)).model_dump_json() for i, d in enumerate(docs)]
    cpu = time.process_time() - cpu
    print(f"{len(docs)} docs, {words:,} tokens: {cpu:.2f} s CPU = {words / cpu:,.0f} tokens/s")
    if args.save:
        args.save.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    if len(before) != len(lines):
        print(f"different number of documents: {len(before)} before, {len(lines)} now")
        return 1
    differ = [i for i, (a, b) in enumerate(zip(before, lines)) if a != b]
    if differ:
        print(f"{len(differ)} documents differ, first: {differ[:10]}")
        return 1
    print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
