"""Reading news-quotes-de gold files: the text, its token grid and the annotations.

Every scored span, gold or predicted, is mapped onto the gold tokens: a
character span covers every gold token it overlaps
(:meth:`GoldDocument.tokens_of`).
"""

from __future__ import annotations

import json
import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

from .roles import QuoteRoles, token_runs

GOLD_TYPES = ("Direct", "Indirect", "IndirectFreeIndirect", "FreeIndirect", "Reported")
"""The annotation types of the corpus, in reporting order."""

_GOLD_KEYS = {"message": "quote", "speaker": "speaker", "cue": "cue"}
"""Our role names -> the keys of a gold annotation."""


class GoldFormatError(ValueError):
    """A file is not a readable news-quotes-de gold document."""


@dataclass
class GoldDocument:
    """A gold document: its text, token grid, sentences and quotes.

    Attributes:
        id: the file stem (WikiNews id).
        name: ``documentName``.
        text: ``originalText``.
        token_begins, token_ends: character offsets of the gold tokens, by token id.
        sentences: ``(charBegin, charEnd)`` of each gold sentence.
        quotes: the gold annotations (``rule`` is empty).
    """

    id: str
    name: str
    text: str
    token_begins: list[int]
    token_ends: list[int]
    sentences: list[tuple[int, int]]
    quotes: list[QuoteRoles]

    def tokens_of(self, start: int, end: int) -> range:
        """Ids of the gold tokens that overlap ``text[start:end]``.

        A token overlaps when ``charBegin < end and start < charEnd``; an
        empty span overlaps nothing.
        """
        if end <= start:
            return range(0)
        first = bisect_right(self.token_ends, start)
        last = bisect_left(self.token_begins, end)
        return range(first, max(first, last))

    def tokens_of_spans(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Union of :meth:`tokens_of` over several spans."""
        out: set[int] = set()
        for start, end in spans:
            out.update(self.tokens_of(start, end))
        return frozenset(out)

    def text_of_tokens(self, ids: Iterable[int]) -> str:
        """The text of some tokens: each contiguous run as one piece, pieces joined by `` … ``."""
        return " … ".join(self.text[self.token_begins[a]:self.token_ends[b]] for a, b in token_runs(ids))

    def sentence_spans(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """The gold sentences that the character spans touch, in order."""
        if not spans:
            return []
        lo = min(s for s, _ in spans)
        hi = max(e for _, e in spans)
        hit = [(b, e) for b, e in self.sentences if b < hi and lo < e]
        if not hit:  # an empty span between sentences: take the one after
            hit = [(b, e) for b, e in self.sentences if b >= lo][:1]
        return hit

    def sentence_text(self, spans: Sequence[tuple[int, int]]) -> str:
        """The text of the sentences that the spans touch."""
        return " ".join(self.text[b:e] for b, e in self.sentence_spans(spans))


def _role_spans(role: Any, where: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Character spans and token ids of one gold role (empty for ``[]``/missing)."""
    if not role:
        return [], []
    if not isinstance(role, dict):
        raise GoldFormatError(f"{where}: role is neither an object nor empty")
    spans = []
    for sp in role.get("spans") or ():
        try:
            spans.append((int(sp["charBegin"]), int(sp["charEnd"])))
        except (KeyError, TypeError, ValueError):
            raise GoldFormatError(f"{where}: a span lacks charBegin/charEnd") from None
    ids = role.get("tokenIds") or []
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise GoldFormatError(f"{where}: tokenIds is not a list of integers")
    return spans, ids


def _gold_quote(index: int, ann: Any, n_tokens: int) -> QuoteRoles:
    """One annotation as a :class:`QuoteRoles` (its roles' token ids checked against the grid)."""
    where = f"annotation {index}"
    if not isinstance(ann, dict) or not isinstance(ann.get("type"), str):
        raise GoldFormatError(f"{where}: not an object with a string 'type'")
    sets: dict[str, frozenset[int]] = {}
    texts: dict[str, str] = {}
    msg_spans: list[tuple[int, int]] = []
    for role, key in _GOLD_KEYS.items():
        spans, ids = _role_spans(ann.get(key), f"{where}.{key}")
        if any(i < 0 or i >= n_tokens for i in ids):
            raise GoldFormatError(f"{where}.{key}: token id out of range")
        sets[role] = frozenset(ids)
        value = ann.get(key)
        texts[role] = str(value.get("text", "")) if isinstance(value, dict) else ""
        if role == "message":
            msg_spans = spans
    return QuoteRoles(index=index, type=ann["type"], message=sets["message"], speaker=sets["speaker"],
                      cue=sets["cue"], texts=texts, spans=msg_spans)


def parse_gold(data: Any, doc_id: str) -> GoldDocument:
    """Build a :class:`GoldDocument` from a decoded gold JSON object.

    Args:
        data: the decoded file.
        doc_id: the document id (file stem).

    Raises:
        GoldFormatError: when a required field is missing or malformed.
    """
    if not isinstance(data, dict):
        raise GoldFormatError("the file is not a JSON object")
    text, tokens = data.get("originalText"), data.get("tokens")
    if not isinstance(text, str) or not isinstance(tokens, list):
        raise GoldFormatError("missing 'originalText' or 'tokens'")
    try:
        ordered = sorted(tokens, key=lambda t: int(t["id"]))
        begins = [int(t["charBegin"]) for t in ordered]
        ends = [int(t["charEnd"]) for t in ordered]
        ids_ok = all(int(t["id"]) == i for i, t in enumerate(ordered))
        sentences = [(int(s["charBegin"]), int(s["charEnd"])) for s in data.get("sentences") or ()]
    except (KeyError, TypeError, ValueError):
        raise GoldFormatError("a token or sentence lacks id/charBegin/charEnd") from None
    if not ids_ok:
        raise GoldFormatError("token ids are not 0..n-1")
    if any(begins[i] < ends[i - 1] for i in range(1, len(begins))):
        raise GoldFormatError("tokens overlap or are out of order")
    anns = data.get("annotations") or []
    if not isinstance(anns, list):
        raise GoldFormatError("'annotations' is not a list")
    quotes = [_gold_quote(i, a, len(ordered)) for i, a in enumerate(anns)]
    return GoldDocument(doc_id, str(data.get("documentName", doc_id)), text, begins, ends, sentences, quotes)


def load_gold(path: Union[str, os.PathLike]) -> GoldDocument:
    """Read one gold file; the id is the file stem.

    Raises:
        GoldFormatError: when the file cannot be read or is not gold.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read the file ({exc.__class__.__name__}: {exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"not valid JSON ({exc})") from None
    return parse_gold(data, path.stem)


def load_gold_dir(
    directory: Union[str, os.PathLike], limit: Optional[int] = None
) -> tuple[list[GoldDocument], list[tuple[str, str]]]:
    """Read every ``*.json`` of a folder, sorted by name.

    Args:
        directory: the gold folder.
        limit: read at most this many files (after sorting).

    Returns:
        The gold documents and ``(file name, problem)`` for each file skipped.

    Raises:
        GoldFormatError: when the folder does not exist or holds no ``*.json``.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldFormatError(f"{directory} is not a folder")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise GoldFormatError(f"{directory} holds no *.json gold files")
    if limit is not None:
        paths = paths[: max(0, limit)]
    golds, problems = [], []
    for path in paths:
        try:
            golds.append(load_gold(path))
        except GoldFormatError as exc:
            problems.append((path.name, str(exc)))
    return golds, problems
