"""Speakers across documents: who is quoted how often, where, and as what.

Speaker resolution (:mod:`quotes.speakers`) works inside one document; here
the speakers of many documents are merged by their canonical name
(``DocumentResult.speakers[].name`` and ``quotes[].speaker.name``), compared
with case and spacing ignored.

>>> from quotes.aggregate import aggregate_speakers        # doctest: +SKIP
>>> table = aggregate_speakers(records)                    # doctest: +SKIP
>>> table.speakers[0].name, table.speakers[0].total        # doctest: +SKIP
('Mike Pompeo', 12)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

from .models import DocumentError, DocumentResult, QuoteType

Record = Union[DocumentResult, DocumentError]

TYPES: tuple[str, ...] = tuple(t.value for t in QuoteType)
"""Quote types in their canonical order (columns of the tables)."""


def name_key(name: str) -> str:
    """The merge key of a speaker name: spacing collapsed, lower case (ß stays ß: Weiß is not Weiss)."""
    return " ".join(name.split()).lower()


@dataclass
class SpeakerSummary:
    """One speaker over all documents.

    Attributes:
        name: the most frequent spelling of the canonical name.
        descriptors: role words, most frequent first.
        documents: ids of the documents the speaker appears in, in input order.
        counts: quotes per type (values of :class:`~quotes.models.QuoteType`).
    """

    name: str
    descriptors: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """All quotes of the speaker."""
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        """A JSON-ready dict: name, descriptors, documents, quotes by type, total."""
        return {
            "name": self.name,
            "descriptors": list(self.descriptors),
            "documents": list(self.documents),
            "quotes": {t: self.counts.get(t, 0) for t in TYPES},
            "total": self.total,
        }


@dataclass
class SpeakerTable:
    """The result of :func:`aggregate_speakers`.

    Attributes:
        speakers: most quoted first, then by name.
        unattributed: quotes per type without a resolved speaker name.
        documents: result records read.
        errors: error records read (they hold no speakers).
    """

    speakers: list[SpeakerSummary] = field(default_factory=list)
    unattributed: Counter = field(default_factory=Counter)
    documents: int = 0
    errors: int = 0

    def as_dict(self) -> dict:
        """A JSON-ready dict of the whole table."""
        return {
            "speakers": [s.as_dict() for s in self.speakers],
            "unattributed": {t: self.unattributed.get(t, 0) for t in TYPES},
            "documents": self.documents,
            "errors": self.errors,
        }


class _Acc:
    """Collects one speaker while records stream by."""

    def __init__(self) -> None:
        self.spellings: Counter = Counter()
        self.descriptors: Counter = Counter()
        self.documents: dict[str, None] = {}
        self.counts: Counter = Counter()
        self.first = 0

    def summary(self) -> SpeakerSummary:
        name = max(self.spellings.items(), key=lambda kv: (kv[1], -len(kv[0])))[0] if self.spellings else ""
        descriptors = [d for d, _ in sorted(self.descriptors.items(), key=lambda kv: -kv[1])]
        return SpeakerSummary(name, descriptors, list(self.documents), Counter(self.counts))


def aggregate_speakers(records: Iterable[Record]) -> SpeakerTable:
    """Merge the speakers of many documents by canonical name.

    Args:
        records: result and error records, e.g. from :func:`quotes.records_io.read_records`.

    Returns:
        The speakers with their descriptors, documents and quote counts by
        type, most quoted first; quotes without a speaker name are counted in
        ``unattributed``.
    """
    accs: dict[str, _Acc] = {}
    table = SpeakerTable()

    def acc_for(name: str) -> _Acc:
        key = name_key(name)
        if key not in accs:
            accs[key] = _Acc()
            accs[key].first = len(accs)
        acc = accs[key]
        acc.spellings[" ".join(name.split())] += 1
        return acc

    for record in records:
        if isinstance(record, DocumentError):
            table.errors += 1
            continue
        table.documents += 1
        entities = {e.id: e for e in record.speakers}
        for entity in record.speakers:
            if not entity.name.strip():
                continue
            acc = acc_for(entity.name)
            acc.documents.setdefault(record.id)
            for d in entity.descriptors:
                if d.strip():
                    acc.descriptors[d.strip()] += 1
        for quote in record.quotes:
            name = _quote_speaker(quote.speaker, entities)
            if name is None:
                table.unattributed[quote.type.value] += 1
                continue
            acc = acc_for(name)
            acc.documents.setdefault(record.id)
            acc.counts[quote.type.value] += 1
            descriptor = quote.speaker.descriptor if quote.speaker else None
            if descriptor and descriptor.strip() and descriptor.strip() not in acc.descriptors:
                acc.descriptors[descriptor.strip()] += 1
    summaries = [(acc.first, acc.summary()) for acc in accs.values()]
    summaries.sort(key=lambda fs: (-fs[1].total, fs[1].name.lower(), fs[0]))
    table.speakers = [s for _, s in summaries]
    return table


def _quote_speaker(speaker, entities: dict) -> Optional[str]:
    if speaker is None:
        return None
    if speaker.name and speaker.name.strip():
        return speaker.name
    entity = entities.get(speaker.entity) if speaker.entity else None
    if entity is not None and entity.name.strip():
        return entity.name
    return None
