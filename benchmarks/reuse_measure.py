"""How well ``quotes archive reuse`` (:mod:`quotes.archive.reuse`) separates statements: the
measurement behind its default threshold, on the gold quotations of news-quotes-de.

Every gold quotation of the train and dev splits with at least ``DEFAULT_MIN_WORDS`` words is one
quote of its article. The script prints

* the pairs of quotes of *different* articles that the blocking makes candidates, and how many of
  them reach the threshold (WikiNews articles rarely carry one statement twice, so a pair of
  different text that groups is most likely a false group: each is printed for a person to judge);
* recall on simulated reproductions of 600 sampled quotes: one word replaced by a word of the
  corpus, one word dropped, a clause of 3–7 words added at the end (verification alone), and the
  share of 200 reproductions (a word replaced) that the blocking makes a candidate among all the
  gold quotes;
* with ``--all-pairs``, the same count over *all* pairs of different articles, without blocking
  (about 5 minutes on one core)::

    python benchmarks/reuse_measure.py [--threshold 85] [--all-pairs]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from quotes.archive import reuse as R

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "news-quotes-de"


def load(corpus: Path) -> list[tuple[str, str, str]]:
    """``(article, quote text, normalised text)`` of every long enough gold quotation."""
    quotes = []
    for split in ("train", "dev"):
        for f in sorted((corpus / split).glob("*.json")):
            doc = json.loads(f.read_text(encoding="utf-8"))
            for a in doc["annotations"]:
                norm = R.normalise(a["quote"]["text"])
                if len(norm.split()) >= R.DEFAULT_MIN_WORDS:
                    quotes.append((f"{split}/{f.stem}", a["quote"]["text"], norm))
    return quotes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threshold", type=float, default=R.DEFAULT_THRESHOLD)
    ap.add_argument("--all-pairs", action="store_true", help="also score all pairs (slow)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    quotes = load(args.corpus)
    objs = [R._Quote(n, q[0], str(n), q[1], None, None, q[2]) for n, q in enumerate(quotes)]
    n_pairs = len(quotes) * (len(quotes) - 1) // 2
    cands = [(i, j) for i, j in R._candidates(objs) if quotes[i][0] != quotes[j][0]]
    grouped = [(i, j) for i, j in cands if R.similarity(quotes[i][2], quotes[j][2]) >= args.threshold]
    print(f"{len(quotes)} gold quotations of >= {R.DEFAULT_MIN_WORDS} words; {n_pairs:,} pairs; "
          f"{len(cands)} candidate pairs across articles; at threshold {args.threshold:g}: {len(grouped)} grouped, "
          f"{sum(1 for i, j in grouped if quotes[i][2] == quotes[j][2])} of them the same normalised text")
    for i, j in grouped:
        print(f"  {R.similarity(quotes[i][2], quotes[j][2]):5.1f} {quotes[i][1][:70]!r} | {quotes[j][1][:70]!r}")

    rng = random.Random(13)
    vocab = [w for _, _, n in quotes for w in n.split()]

    def reproduce(norm: str, kind: str) -> str:
        w = norm.split()
        i = rng.randrange(len(w))
        if kind == "word replaced":
            return " ".join(w[:i] + [rng.choice(vocab)] + w[i + 1:])
        if kind == "word dropped":
            return " ".join(w[:i] + w[i + 1:])
        return " ".join(w + rng.choice(quotes)[2].split()[:rng.randint(3, 7)])

    sample = rng.sample(quotes, 600)
    for kind in ("word replaced", "word dropped", "clause added"):
        ok = sum(1 for q in sample if R.similarity(q[2], reproduce(q[2], kind)) >= args.threshold)
        print(f"recall, {kind}: {100 * ok / len(sample):.1f} % of {len(sample)}")
    met = 0
    for q in sample[:200]:
        copy = reproduce(q[2], "word replaced")
        extra = [R._Quote(-1, "x", "a", q[1], None, None, q[2]), R._Quote(-2, "y", "b", copy, None, None, copy)]
        met += any({i, j} == {len(objs), len(objs) + 1} for i, j in R._candidates(objs + extra))
    print(f"blocking recall, word replaced, among all gold quotations: {100 * met / 200:.1f} % of 200")

    if args.all_pairs:
        from rapidfuzz import fuzz, process

        norms = [q[2] for q in quotes]
        # similarity is the mean of a character and a word score, so it reaches the threshold
        # only where the character score reaches 2 * threshold - 100
        floor = max(0.0, 2 * args.threshold - 100)
        scores = process.cdist(norms, norms, scorer=fuzz.partial_ratio, score_cutoff=floor, workers=1)
        found = []
        for i in range(len(norms)):
            for j in range(i + 1, len(norms)):
                if scores[i][j] and quotes[i][0] != quotes[j][0]:
                    s = R.similarity(norms[i], norms[j])
                    if s >= args.threshold:
                        found.append((s, i, j))
        print(f"all {n_pairs:,} pairs: {len(found)} across articles at threshold {args.threshold:g}, "
              f"{sum(1 for _, i, j in found if norms[i] == norms[j])} of them the same normalised text")
        for s, i, j in sorted(found, reverse=True):
            print(f"  {s:5.1f} {quotes[i][1][:70]!r} | {quotes[j][1][:70]!r}")


if __name__ == "__main__":
    sys.exit(main())
