"""Count the instructions the engine spends per token (a script, not a benchmark; needs valgrind).

Benchmark 1 measures time, and on a shared machine its figures swing by a quarter between identical
runs: too much to see a change of ten per cent. Instruction counts under valgrind's callgrind do not
swing. This script runs :func:`quotes.engine.extract_from_parsed` under callgrind over the first
``--docs`` articles of the parse cache (``$QUOTES_BENCH_CACHE``, as benchmark 1) and prints the
instructions of one pass per token, two ways:

* **fresh**: each document is loaded from its serialised form and extracted once (what ``quotes
  extract`` does; the loading, measured on its own, is taken off);
* **repeated**: the same loaded documents again (what benchmark 1's "repeated" figure measures).

Each figure is the difference between a run with two passes and a run with one, so the start of
Python, the imports and the first pass's filling of the word-list caches drop out::

    python benchmarks/engine_instructions.py --docs 150

Compare two checkouts by running it in each. The child processes run with ``PYTHONHASHSEED=0``: with
random string hashes, set orders and cache slots differ from run to run and the counts move by one or two
per cent. Six callgrind runs of about a minute and a half each, two at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODES = ("load", "fresh", "repeated")


def child(mode: str, passes: int, data_file: str) -> None:
    """What runs under callgrind: ``passes`` passes of ``mode`` over the documents in ``data_file``."""
    from quotes.doc import ParsedDoc
    from quotes.engine import extract_from_parsed

    serialised = [json.dumps(d) for d in json.loads(Path(data_file).read_text(encoding="utf-8"))]
    for i, data in enumerate(serialised[:10]):  # word lists, compiled patterns, packaged models
        extract_from_parsed(ParsedDoc.from_dict(json.loads(data)), str(i))
    docs = [ParsedDoc.from_dict(json.loads(s)) for s in serialised] if mode == "repeated" else []
    for _ in range(passes):
        if mode == "repeated":
            for i, doc in enumerate(docs):
                extract_from_parsed(doc, str(i))
            continue
        for i, data in enumerate(serialised):
            doc = ParsedDoc.from_dict(json.loads(data))
            if mode == "fresh":
                extract_from_parsed(doc, str(i))


def instructions(mode: str, passes: int, data_file: str) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
           "--child", mode, str(passes), data_file]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent), os.environ.get("PYTHONPATH", "")]),
               PYTHONHASHSEED="0")  # string hashes (so set orders and cache slots) the same in every run
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if out.returncode != 0 or not found:
        raise SystemExit(f"callgrind run failed ({mode}, {passes} passes): {out.stderr.strip()[-500:]}")
    return int(found.group(1))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=150, help="articles to run over (default 150)")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "PASSES", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return 0
    if shutil.which("valgrind") is None:
        print("engine_instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    from benchutil import load_articles  # noqa: E402
    from test_bench_engine import cached_docs  # noqa: E402

    docs = cached_docs([t for _, t in load_articles()[: args.docs]])
    if not docs:
        print("engine_instructions: the parse cache ($QUOTES_BENCH_CACHE) lacks these articles", file=sys.stderr)
        return 2
    tokens = sum(d.n_words for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        data_file = str(Path(tmp) / "docs.json")
        Path(data_file).write_text(json.dumps([d.to_dict() for d in docs]), encoding="utf-8")
        runs = [(mode, passes) for mode in MODES for passes in (1, 2)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            counts = dict(zip(runs, pool.map(lambda r: instructions(r[0], r[1], data_file), runs)))
    per_pass = {mode: counts[(mode, 2)] - counts[(mode, 1)] for mode in MODES}
    fresh = per_pass["fresh"] - per_pass["load"]
    print(f"{len(docs)} documents, {tokens:,} tokens; instructions of one pass (callgrind):")
    print(f"  fresh documents:    {fresh:>15,} = {fresh / tokens:>8,.0f} per token (loading taken off: "
          f"{per_pass['load']:,})")
    print(f"  repeated documents: {per_pass['repeated']:>15,} = {per_pass['repeated'] / tokens:>8,.0f} per token")
    return 0


if __name__ == "__main__":
    sys.exit(main())
