"""Sentence boundaries the tokenizer got wrong, joined again before tagging and parsing.

Stanza's tokenizer sometimes ends a sentence where none ends: before a name in capitals ("Laut Informationen
von SPIEGEL | ONLINE soll …"), before a capitalised article of a title ("Wie das Nachrichtenmagazin | Der
Spiegel … berichtet"), after a title's abbreviation ("ein Vortrag von Prof. | Jiahua Pan"). Each half is then
tagged and parsed as a sentence of its own, and the rules see neither the frame nor the source whole. The
compact model of this project does it often (about 40 times in the 850 articles of news-quotes-de); the
official model less, but it has the same tokenizer design.

:func:`join_broken_sentences` joins two neighbouring sentences of a tokenized document where German
punctuation says the first has not ended:

* the first does not end with a sentence mark (``.`` ``!`` ``?`` ``…`` ``:`` ``;``, also before closing
  quotation marks or brackets), and the second begins with a small letter or the first begins inside a line
  (a heading runs into the text on its own line: "FDP | Die FDP feierte …" stays two sentences); or
* the first ends with an abbreviation that stands before a name or a number (:data:`ABBREVIATIONS`:
  "Prof.", "Dr.", "St.", "Nr.", "Mio."), and the second begins with a capital letter or a digit.

Never across a line break. Words keep their character offsets; the second sentence's words are numbered on
after the first's. The parse cache knows the joining by :data:`SEGMENTATION`, part of the parser's identity.
"""

from __future__ import annotations

SEGMENTATION = "join1"
"""The version of the joining, part of :attr:`quotes.nlp.Parser.identity`: a change of the rules below must
change it, so that the parse cache never serves trees of the old sentence boundaries."""

SENTENCE_MARKS = frozenset(".!?…:;")
"""Characters that end a sentence (the colon and semicolon too: the tokenizer's splits after them are kept)."""

CLOSERS = frozenset("“”\"«»‘’'‹›)]")
"""Closing quotation marks and brackets, looked behind for the mark that ends a sentence ("… gut.“")."""

ABBREVIATIONS = frozenset({"prof.", "dr.", "st.", "nr.", "mio.", "mrd."})
"""Abbreviations that stand before a name or a number and do not end a sentence in news text: titles
("Prof. Dr. Matthias W. Beckmann"), "St." of place names ("St. Andrews"), "Nr." and "Mio."/"Mrd." before
what they count ("80,9 Mio. Euro"). Small on purpose: "usw.", "Jh." or "Abs." may end a sentence."""


def join_broken_sentences(doc):
    """``doc`` (a tokenized ``stanza.Document``) with wrongly split sentences joined (see the module's
    docstring); ``doc`` itself where there is nothing to join."""
    sentences = doc.to_dict()
    if len(sentences) < 2:
        return doc
    text = doc.text
    joined: list[list[dict]] = [sentences[0]]
    last_id = _last_word_id(sentences[0])
    changed = False
    for sent in sentences[1:]:
        if sent and joined[-1] and _continues(text, joined[-1], sent):
            joined[-1].extend(_shifted(sent, last_id))  # (in place, numbering on: linear in the words)
            last_id += _last_word_id(sent)
            changed = True
        else:
            joined.append(sent)
            last_id = _last_word_id(sent) if sent else 0
    if not changed:
        return doc
    import stanza

    return stanza.Document(joined, text=text)


def _continues(text: str, first: list[dict], second: list[dict]) -> bool:
    """Whether ``second`` continues ``first`` (token entries of two neighbouring sentences). Reads only the
    ends of ``first`` (a sentence joined from many stays cheap to test)."""
    tail = _last_tokens(first)
    head = next((e for e in first if e.get("start_char") is not None), None)
    nxt = next((e for e in second if e.get("start_char") is not None), None)
    if not tail or head is None or nxt is None:
        return False
    end, start = tail[-1]["end_char"], nxt["start_char"]
    if "\n" in text[end:start] or "\r" in text[end:start]:
        return False
    initial = next((c for c in nxt["text"] if c.isalnum()), "")
    if not initial:
        return False
    last = _last_text(tail)
    if last.lower() in ABBREVIATIONS:
        return initial.isupper() or initial.isdigit()
    if last[-1:] in SENTENCE_MARKS:
        return False
    return initial.islower() or not _starts_line(text, head["start_char"])


def _last_tokens(sentence: list[dict]) -> list[dict]:
    """The sentence's last tokens with offsets, in text order: the closing marks at its end and the two tokens
    before them."""
    out: list[dict] = []
    for e in reversed(sentence):
        if e.get("start_char") is None:
            continue  # a word of a multi-word token
        out.append(e)
        if len(out) >= 2 and out[-2]["text"] not in CLOSERS:
            break
    return out[::-1]


def _last_text(tokens: list[dict]) -> str:
    """The text of the sentence's end before closing marks, an abbreviation's dot included where the tokenizer
    made it a token of its own ("Prof" "." -> "Prof.")."""
    k = len(tokens) - 1
    while k > 0 and tokens[k]["text"] in CLOSERS:
        k -= 1
    last = tokens[k]["text"]
    if last == "." and k > 0 and tokens[k - 1]["end_char"] == tokens[k]["start_char"]:
        return tokens[k - 1]["text"] + "."
    return last


def _starts_line(text: str, offset: int) -> bool:
    """Whether only white space stands between the start of the text or of a line and ``offset``."""
    k = offset - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "\n\r"


def _last_word_id(sentence: list[dict]) -> int:
    """The number of the sentence's last word (its count of words)."""
    ids = [e["id"] for e in sentence]
    return max((i[-1] if isinstance(i, tuple) else i for i in ids), default=0)


def _shifted(sentence: list[dict], shift: int) -> list[dict]:
    out = []
    for entry in sentence:
        entry = dict(entry)
        ident = entry["id"]
        entry["id"] = tuple(x + shift for x in ident) if isinstance(ident, tuple) else ident + shift
        out.append(entry)
    return out
