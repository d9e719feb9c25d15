"""Scoring speaker gender against a hand-labelled gold file (``quotes eval-gender``).

The gold file (``tests/data/speaker_gender_dev40.json``; its README section says how it was made) lists,
per article of a news-quotes-de split, the gold speakers as a reader groups them (a person, an
organisation, a group), each with its mentions' character offsets and a label: female, male, group or
unknown. Each gold speaker is matched to the predicted :class:`~quotes.models.SpeakerEntity` whose
mentions overlap its mentions by the most characters (none where nothing overlaps). Then:

* **accuracy** — of the matched gold speakers that got a label (not unknown), the share labelled right;
* **coverage** — of the gold person speakers (female or male), the share matched and labelled (not
  unknown);

and a confusion table of gold label against predicted label ("no match" where no entity overlaps).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

from ..models import DocumentResult, Gender, SpeakerEntity

LABELS = tuple(g.value for g in Gender)
"""The labels a gold speaker may carry: female, male, group, unknown."""
PERSON = (Gender.FEMALE.value, Gender.MALE.value)
NO_MATCH = "no match"


class GenderGoldError(ValueError):
    """The gender gold file cannot be read or does not fit its corpus; the message is one line."""


@dataclass(frozen=True)
class GoldSpeaker:
    """A speaker of the gold file: its article, label and mentions (character offsets)."""

    article: str
    label: str
    mentions: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]
    note: str = ""


@dataclass
class GenderGold:
    """The gold file: article ids in file order, and every gold speaker."""

    articles: list[str]
    speakers: list[GoldSpeaker]


def load_gender_gold(path: Union[str, os.PathLike]) -> GenderGold:
    """Read a gender gold file.

    Raises:
        GenderGoldError: when the file cannot be read or lacks a required field.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GenderGoldError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GenderGoldError(f"{path} is not a JSON file ({exc})") from None
    return parse_gender_gold(data)


def parse_gender_gold(data: object) -> GenderGold:
    """Build a :class:`GenderGold` from the decoded file (see :func:`load_gender_gold`)."""
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise GenderGoldError("the gender gold file needs an 'articles' list")
    articles, speakers = [], []
    for n, art in enumerate(data["articles"]):
        if not isinstance(art, dict) or not isinstance(art.get("id"), str) or not isinstance(art.get("speakers"), list):
            raise GenderGoldError(f"article {n}: needs a string 'id' and a 'speakers' list")
        articles.append(art["id"])
        for k, spk in enumerate(art["speakers"]):
            where = f"article {art['id']}, speaker {k}"
            if not isinstance(spk, dict) or spk.get("label") not in LABELS:
                raise GenderGoldError(f"{where}: 'label' must be one of {', '.join(LABELS)}")
            try:
                mentions = tuple((int(m["start"]), int(m["end"])) for m in spk["mentions"])
                texts = tuple(str(m["text"]) for m in spk["mentions"])
            except (KeyError, TypeError, ValueError):
                raise GenderGoldError(f"{where}: every mention needs start, end and text") from None
            if not mentions or any(e <= s for s, e in mentions):
                raise GenderGoldError(f"{where}: needs mentions with start < end")
            speakers.append(GoldSpeaker(art["id"], spk["label"], mentions, texts, str(spk.get("note", ""))))
    return GenderGold(articles, speakers)


def check_texts(gold: GenderGold, texts: Mapping[str, str]) -> None:
    """Every gold mention is the text at its offsets in its article.

    Raises:
        GenderGoldError: for an article missing from ``texts`` or a mention that does not match.
    """
    for spk in gold.speakers:
        text = texts.get(spk.article)
        if text is None:
            raise GenderGoldError(f"article {spk.article} of the gold file is not in the corpus folder")
        for (s, e), expected in zip(spk.mentions, spk.texts):
            if text[s:e] != expected:
                raise GenderGoldError(f"article {spk.article}: gold mention {expected!r} at {s}-{e} is not in the "
                                      "article text (another corpus folder or version?)")


def overlap(gold: Iterable[tuple[int, int]], entity: SpeakerEntity) -> int:
    """Characters shared by the gold mentions and the entity's mentions."""
    return sum(max(0, min(e, m.end) - max(s, m.start)) for s, e in gold for m in entity.mentions)


def match(speaker: GoldSpeaker, entities: list[SpeakerEntity]) -> Optional[SpeakerEntity]:
    """The entity whose mentions overlap the gold speaker's most (the first of equals); None for no overlap."""
    best, best_overlap = None, 0
    for ent in entities:
        n = overlap(speaker.mentions, ent)
        if n > best_overlap:
            best, best_overlap = ent, n
    return best


@dataclass
class SpeakerRow:
    """One gold speaker and what the extractor made of it."""

    speaker: GoldSpeaker
    entity: Optional[SpeakerEntity]

    @property
    def predicted(self) -> str:
        return self.entity.gender.value if self.entity is not None else NO_MATCH

    def to_dict(self) -> dict:
        return {"article": self.speaker.article, "gold": self.speaker.label, "mentions": list(self.speaker.texts),
                "predicted": self.predicted, "entity": self.entity.name if self.entity else None,
                "evidence": list(self.entity.gender_evidence) if self.entity else []}


@dataclass
class GenderScores:
    """Accuracy, coverage and the confusion table over all gold speakers."""

    rows: list[SpeakerRow] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    """(article id, message) for articles the extractor failed on; their speakers count as unmatched."""

    @property
    def confusion(self) -> Counter:
        """(gold label, predicted label or "no match") -> number of gold speakers."""
        return Counter((r.speaker.label, r.predicted) for r in self.rows)

    @property
    def labelled(self) -> int:
        """Matched gold speakers the extractor gave a label other than unknown."""
        return sum(r.predicted not in (NO_MATCH, Gender.UNKNOWN.value) for r in self.rows)

    @property
    def correct(self) -> int:
        """Labelled gold speakers whose label is the gold one."""
        return sum(r.predicted == r.speaker.label and r.predicted != Gender.UNKNOWN.value for r in self.rows)

    @property
    def persons(self) -> int:
        """Gold speakers labelled female or male."""
        return sum(r.speaker.label in PERSON for r in self.rows)

    @property
    def covered(self) -> int:
        """Gold person speakers matched and labelled (not unknown)."""
        return sum(r.speaker.label in PERSON and r.predicted not in (NO_MATCH, Gender.UNKNOWN.value)
                   for r in self.rows)

    @property
    def accuracy(self) -> Optional[float]:
        return self.correct / self.labelled if self.labelled else None

    @property
    def coverage(self) -> Optional[float]:
        return self.covered / self.persons if self.persons else None

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "labelled": self.labelled, "correct": self.correct,
                "coverage": self.coverage, "persons": self.persons, "covered": self.covered,
                "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(self.confusion.items())},
                "errors": [list(e) for e in self.errors], "speakers": [r.to_dict() for r in self.rows]}


def score_gender(gold: GenderGold, results: Mapping[str, object]) -> GenderScores:
    """Match every gold speaker to the entities of its article's result and count.

    Args:
        gold: the gold file.
        results: article id -> :class:`~quotes.models.DocumentResult` (anything else, such as a
            :class:`~quotes.models.DocumentError`, counts as an article without entities).
    """
    scores = GenderScores()
    for spk in gold.speakers:
        result = results.get(spk.article)
        entities = speakers_of(result) if isinstance(result, DocumentResult) else []
        scores.rows.append(SpeakerRow(spk, match(spk, entities)))
    return scores


def speakers_of(result: DocumentResult) -> list[SpeakerEntity]:
    """The result's entities, and one stand-in entity per speaker mention that belongs to no entity
    ("eine Reporterin von n24" names nobody in particular, but is a woman's voice), with that speaker's
    gender and evidence."""
    own = [SpeakerEntity(id=f"{q.id}:speaker", name=q.speaker.mention.text, mentions=[q.speaker.mention],
                         quote_ids=[q.id], gender=q.speaker.gender, gender_evidence=q.speaker.gender_evidence)
           for q in result.quotes if q.speaker and q.speaker.mention and not q.speaker.entity]
    return list(result.speakers) + own


def _pct(x: Optional[float]) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def format_gender_table(scores: GenderScores) -> str:
    """The two figures and the confusion table, as plain text."""
    cols = list(LABELS) + [NO_MATCH]
    conf = scores.confusion
    width = max(len(c) for c in cols) + 2
    lines = [
        f"accuracy (labelled speakers labelled right): {_pct(scores.accuracy)} ({scores.correct} of {scores.labelled})",
        f"coverage (person speakers labelled):         {_pct(scores.coverage)} ({scores.covered} of {scores.persons})",
        "",
        "gold \\ predicted".ljust(18) + "".join(c.rjust(width) for c in cols) + "total".rjust(width),
    ]
    for g in LABELS:
        row = [conf.get((g, p), 0) for p in cols]
        lines.append(g.ljust(18) + "".join(str(n).rjust(width) for n in row) + str(sum(row)).rjust(width))
    return "\n".join(lines) + "\n"
