"""The record types: what `quotes` finds, as validated pydantic models.

Every span carries character offsets into the ORIGINAL input text, end
exclusive, and :class:`DocumentResult` checks ``text[start:end] == span.text``
for every span it holds. The wire format is documented in
``docs/data-format.md``; ``quotes schema`` prints the JSON Schema.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterator, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"


class QuoteType(str, Enum):
    """How the words of a speaker are rendered in the text."""

    DIRECT = "direct"
    """Verbatim words in quotation marks: „Wir kommen“, sagte er."""
    INDIRECT = "indirect"
    """A reporting frame with a content clause: Er sagte, er komme."""
    MIXED = "mixed"
    """Indirect speech with embedded verbatim words in quotation marks."""
    REPORTED = "reported"
    """A speech act without a content clause: Er warnte vor Panik."""
    FREE_INDIRECT = "free_indirect"
    """A Konjunktiv continuation without its own frame."""


class Gender(str, Enum):
    """The grammatical and social gender evidence says a speaker has."""

    FEMALE = "female"
    MALE = "male"
    GROUP = "group"
    """An organisation, institution or group of people (die Polizei, Experten)."""
    UNKNOWN = "unknown"
    """No evidence, or evidence that disagrees: never a guess."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Record):
    """A stretch of the original text: ``text[start:end] == span.text``."""

    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset after the last character.")
    text: str = Field(description="The exact characters between start and end.")

    @model_validator(mode="after")
    def _check_length(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} precedes start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span text has {len(self.text)} characters but offsets cover {self.end - self.start}"
            )
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """Build the span of ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])


class Speaker(_Record):
    """Who is quoted: the words in the text and the resolved name."""

    mention: Optional[Span] = Field(
        None, description="The words that name the speaker where the quote is attributed (e.g. 'er', 'Kwon')."
    )
    name: Optional[str] = Field(None, description="Canonical resolved name, e.g. 'Kwon Jong Gun'.")
    descriptor: Optional[str] = Field(None, description="Role words, e.g. 'Kremlsprecher'.")
    entity: Optional[str] = Field(None, description="Id of the entry in DocumentResult.speakers.")
    gender: Gender = Field(
        Gender.UNKNOWN,
        description="The entity's gender; for a speaker who is no entity ('eine Reporterin'), the mention's own.",
    )
    gender_evidence: list[str] = Field(default_factory=list, description="What decided the gender (as on the entity).")


class Quote(_Record):
    """One speech, writing or thought event."""

    id: str
    type: QuoteType
    content: list[Span] = Field(description="What was said; several spans for split quotes.")
    cue: list[Span] = Field(default_factory=list, description="The reporting words; empty when there is none.")
    cue_lemma: Optional[str] = Field(None, description="Lemma of the cue, e.g. 'vorwerfen', 'laut'.")
    speaker: Optional[Speaker] = None
    addressee: Optional[Span] = None
    medium: Optional[Span] = Field(None, description="The channel relaying the words, e.g. 'staatliche Medien'.")
    sentences: list[int] = Field(default_factory=list, description="Indices of the sentences the content touches.")
    rule: str = Field(description="Name of the pattern that found the quote.")
    confidence: float = Field(ge=0.0, le=1.0, description="Calibrated probability that the record is right: quotation found and speaker right (quotes.learn); the rule's priority where no model is packaged.")
    evidence: list[str] = Field(default_factory=list, description="Grammatical evidence, e.g. 'konjunktiv1:werde'.")

    def spans(self) -> Iterator[Span]:
        """Every span of the record."""
        yield from self.content
        yield from self.cue
        for span in (self.speaker.mention if self.speaker else None, self.addressee, self.medium):
            if span is not None:
                yield span

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)


class SpeakerEntity(_Record):
    """A person or organisation quoted in a document, with all its mentions."""

    id: str
    name: str
    descriptors: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    quote_ids: list[str] = Field(default_factory=list)
    gender: Gender = Field(Gender.UNKNOWN, description="female, male, group (organisation or group) or unknown.")
    gender_evidence: list[str] = Field(
        default_factory=list,
        description="What decided the gender, e.g. 'role_noun:Ministerin', 'pronoun:sie', 'first_name:Anna'.",
    )


def speaker_gender(speaker: Optional[Speaker], entities: Mapping[str, SpeakerEntity]) -> Optional[Gender]:
    """The gender of a quote's speaker: None without a speaker; the speaker's own, else its entity's.

    ``entities`` maps entity ids to the document's :class:`SpeakerEntity` entries.
    """
    if speaker is None:
        return None
    if speaker.gender != Gender.UNKNOWN:
        return speaker.gender
    entity = entities.get(speaker.entity) if speaker.entity else None
    return entity.gender if entity is not None else Gender.UNKNOWN


class ModelInfo(_Record):
    """Which parser produced the trees."""

    name: str = Field(description="Stanza model package per processor, e.g. 'depparse=compact'.")
    directory: Optional[str] = None
    stanza_version: Optional[str] = None
    fingerprint: Optional[str] = Field(None, description="Hash identifying the model files.")


class ArticleMeta(_Record):
    """What the input said about the article (JSON Lines fields); every field optional."""

    date: Optional[str] = Field(None, description="Publication date or date-time, ISO 8601 (e.g. '2024-05-01').")
    source: Optional[str] = Field(None, description="The outlet, e.g. 'Deutsche Welle'.")
    url: Optional[str] = None
    title: Optional[str] = None


class DocumentResult(_Record):
    """Everything found in one document."""

    id: str
    text: str
    meta: Optional[ArticleMeta] = Field(None, description="Article metadata from the input, where it had any.")
    quotes: list[Quote] = Field(default_factory=list)
    speakers: list[SpeakerEntity] = Field(default_factory=list)
    model: Optional[ModelInfo] = None
    schema_version: str = SCHEMA_VERSION

    def filtered(self, min_confidence: float) -> "DocumentResult":
        """A copy with only the quotes whose ``confidence`` is at least ``min_confidence``.

        The speaker entities follow: each keeps the ids of its remaining quotes, and an entity left
        without a quote is dropped (its mentions were listed because it was quoted). The document's text,
        metadata and model stay.

        Args:
            min_confidence: a probability from 0 to 1; 0 keeps every quote.

        Raises:
            ValueError: ``min_confidence`` is not a number from 0 to 1.
        """
        check_probability(min_confidence, "min_confidence")
        quotes = [q for q in self.quotes if q.confidence >= min_confidence]
        kept = {q.id for q in quotes}
        speakers = []
        for entity in self.speakers:
            ids = [i for i in entity.quote_ids if i in kept]
            if ids:
                speakers.append(entity.model_copy(update={"quote_ids": ids}))
        return self.model_copy(update={"quotes": quotes, "speakers": speakers})

    @model_validator(mode="after")
    def _check_offsets(self) -> "DocumentResult":
        spans = [s for q in self.quotes for s in q.spans()]
        spans += [m for e in self.speakers for m in e.mentions]
        for span in spans:
            if span.end > len(self.text) or self.text[span.start : span.end] != span.text:
                raise ValueError(
                    f"span {span.start}:{span.end} {span.text!r} does not match the document text"
                )
        return self


def check_probability(value: object, name: str = "value") -> float:
    """``value`` as a float when it is a number from 0 to 1 (a confidence threshold).

    Raises:
        ValueError: anything else (a bool, NaN, a string, a number outside 0 to 1), naming ``name``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}")
    return float(value)


class DocumentError(_Record):
    """A document that could not be processed; a batch goes on without it."""

    id: str
    error: str = Field(description="Short error class, e.g. 'empty', 'binary', 'not_german', 'parser'.")
    message: str = Field(description="One sentence for a person.")
    schema_version: str = SCHEMA_VERSION
