"""Stream a JSON Lines file through the batch runner and report peak memory.

Used by benchmark 4 (test_bench_memory.py), in a fresh process per run::

    python benchmarks/memory_stream.py IN.jsonl OUT.jsonl cache IDENTITY [CHUNK]
    python benchmarks/memory_stream.py IN.jsonl OUT.jsonl stub - [CHUNK]

``cache``: every text must be in the parse cache (``$QUOTES_BENCH_CACHE``)
under the model IDENTITY; nothing is parsed, Stanza and torch are never
imported. ``stub``: a regex tokeniser with flat trees stands in for the
parser. Either way the run is the real one otherwise: reading the input,
the chunks, the parse cache (cache mode), the rules, the records and the
JSON Lines writer. Prints one JSON object: documents, quotes, errors,
rss_before_kb (peak resident memory after start-up), peak_rss_kb, seconds
(peaks from ``VmHWM``, see :func:`peak_rss_kb`).
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchutil import CACHE  # noqa: E402

from quotes.doc import ParsedDoc, Sentence, Word  # noqa: E402
from quotes.extractor import Extractor  # noqa: E402
from quotes.runner import DEFAULT_CHUNK_SIZE, read_inputs, run  # noqa: E402


class _NoParser:
    name = "none"
    model_dir = "none"
    stanza_version = None
    fingerprint = None
    batch_size = 16

    def __init__(self, identity: str) -> None:
        self.identity = identity


class CacheOnlyParser(_NoParser):
    """Every text must come from the parse cache."""

    def parse_many(self, texts):
        raise RuntimeError(f"{len(texts)} texts are not in the parse cache")


class RegexParser(_NoParser):
    """Regex tokens, sentences at . ! ?, flat trees."""

    def parse_many(self, texts):
        return [self._parse(t) for t in texts]

    @staticmethod
    def _parse(text: str) -> ParsedDoc:
        sentences, words = [], []
        for m in re.finditer(r"\w+|[^\w\s]", text):
            tok = m.group()
            words.append(Word(len(words) + 1, tok, tok.lower(), "PUNCT" if not tok[0].isalnum() else "NOUN", "_",
                              "_", 0 if not words else 1, "root" if not words else "dep", m.start(), m.end(),
                              len(words)))
            if tok in ".!?":
                sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, words))
                words = []
        if words:
            sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, words))
        return ParsedDoc(text, sentences, "regex")


def main(argv: list[str]) -> None:
    source, output, mode, identity = argv[:4]
    chunk = int(argv[4]) if len(argv) > 4 else DEFAULT_CHUNK_SIZE
    if mode == "cache":
        extractor = Extractor(parser=CacheOnlyParser(identity), cache_dir=CACHE)
    else:
        extractor = Extractor(parser=RegexParser("regex"))
    before = peak_rss_kb()
    start = time.perf_counter()
    summary = run(read_inputs([source]), extractor, fmt="jsonl", output=output, chunk_size=chunk, quiet=True)
    print(json.dumps({
        "documents": summary.documents, "quotes": summary.quotes, "errors": summary.errors,
        "rss_before_kb": before, "peak_rss_kb": peak_rss_kb(), "seconds": time.perf_counter() - start,
    }))


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB.

    Linux keeps ``getrusage().ru_maxrss`` across fork and exec: a child of a
    big process (pytest with torch loaded) reports its parent's peak. The
    high-water mark of the process's own memory map (``VmHWM``) does not.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main(sys.argv[1:])
