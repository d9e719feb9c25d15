"""Sentence and document sizes of the news-quotes-de articles: the measurement behind
the bounds in :mod:`quotes.nlp`.

Runs only Stanza's tokenizer and multi-word-token expander of the compact
model (no tagging, no parse) over the ``originalText`` of every train and
dev article and prints, one line each, the largest values of what the
bounds limit: words and characters of one sentence (``MAX_SENTENCE_WORDS``,
``MAX_SENTENCE_CHARS``), words of an article (``MAX_DOCUMENT_WORDS``, with
the model-free estimate used for the check), quotation marks of an article
(``MAX_QUOTE_MARKS``) and the most of them open at once (``MAX_OPEN_MARKS``)::

    python benchmarks/sentence_sizes.py            # about 2 minutes on one core
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchutil import bench_model_dir, load_articles  # noqa: E402

MARKS = "„“”»«‚‘’›‹\""


def main() -> None:
    import stanza
    import torch

    from quotes import nlp

    torch.set_num_threads(1)
    parser = nlp.Parser(bench_model_dir(), offline=True, use_gpu=False)
    sents = []  # (words, chars, article, sentence start)
    docs = []   # (words, estimated words, characters, marks, open marks, article)
    articles = load_articles()
    for i in range(0, len(articles), 16):
        batch = articles[i:i + 16]
        parsed = parser.pipeline.process([stanza.Document([], text=t) for _, t in batch], processors="tokenize")
        for (name, text), doc in zip(batch, parsed):
            for sent in doc.sentences:
                start, end = sent.tokens[0].start_char, sent.tokens[-1].end_char
                sents.append((len(sent.words), end - start, name, start))
            docs.append((sum(len(s.words) for s in doc.sentences), nlp.estimate_words(text), len(text),
                         sum(text.count(ch) for ch in MARKS), nlp.open_marks(text), name))

    def top(rows, key, n=3):
        return "; ".join(str(r) for r in sorted(rows, key=key, reverse=True)[:n])

    print(f"{len(articles)} articles, {len(sents)} sentences (train and dev)")
    print("longest sentences in words (words, chars, article, start):", top(sents, lambda r: r[0]))
    print("longest sentences in characters:", top(sents, lambda r: r[1]))
    print("longest articles in words (words, estimate, chars, marks, open marks, article):", top(docs, lambda r: r[0]))
    print("largest word estimate / words:", max(r[1] / r[0] for r in docs), "smallest:", min(r[1] / r[0] for r in docs))
    print("characters per word, all articles:", sum(r[2] for r in docs) / sum(r[0] for r in docs))
    print("most quotation marks in an article:", top(docs, lambda r: r[3]))
    print("most quotation marks open at once:", top(docs, lambda r: r[4]))


if __name__ == "__main__":
    main()
