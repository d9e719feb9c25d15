"""Print the gold speaker mentions of news-quotes-de articles with their context, to read while labelling.

An aid for making ``tests/data/speaker_gender_dev40.json`` by hand (see ``tests/data/README.md``): for
each of the first N articles of a split (sorted by file name) it prints the article text with
numbered sentences, then every annotation's speaker mention with its character offsets and sentence. It
reads only the gold files; it never runs the extractor.

Usage::

    python tools/dump_gold_speakers.py ../shared/news-quotes-de/dev --first 40 > /tmp/dev40.txt
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def dump(path: Path) -> str:
    """The article at ``path`` and its gold speaker mentions, as text to read."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = data["originalText"]
    sentences = [(int(s["charBegin"]), int(s["charEnd"])) for s in data.get("sentences") or ()]
    out = [f"=== {path.stem}  {data.get('documentName', '')}"]
    for n, (b, e) in enumerate(sentences):
        out.append(f"[{n}] {text[b:e]}")
    out.append("--- speakers")
    for k, ann in enumerate(data.get("annotations") or ()):
        spans = [(int(s["charBegin"]), int(s["charEnd"])) for s in (ann.get("speaker") or {}).get("spans") or ()]
        if not spans:
            continue
        sent = next((n for n, (b, e) in enumerate(sentences) if b <= spans[0][0] < e), -1)
        pieces = " … ".join(f"{text[s:e]!r}@{s}-{e}" for s, e in spans)
        out.append(f"  a{k} {ann['type']:<20} s{sent:<3} {pieces}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a folder of news-quotes-de gold files")
    parser.add_argument("--first", type=int, default=40, help="how many articles, sorted by file name (default 40)")
    args = parser.parse_args()
    for path in sorted(args.split.glob("*.json"))[: args.first]:
        print(dump(path) + "\n")


if __name__ == "__main__":
    main()
