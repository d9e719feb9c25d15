"""The shared grammar of the rules, as one import (kept for code written against it).

The helpers live by concern in :mod:`.morph` (single words), :mod:`.clauses`, :mod:`.phrases`,
:mod:`.subjects` and :mod:`.vocab` (closed-class word lists); new code imports from there.
"""

from __future__ import annotations

from .base import words_span as offsets
from .clauses import (
    clause_around,
    content_words,
    cue_words,
    cut_coordinated_verb,
    is_passive,
    opens_subclause,
    passive_agent,
    segments,
    starts_new_clause,
)
from .morph import (
    adverbial_kind,
    after_zu,
    clause_has_konjunktiv,
    finite,
    has_zu_infinitive,
    is_acronym,
    is_role_noun,
    is_speaking_noun,
    is_thinking,
    konjunktiv,
    speech_lemma,
    takes_zu,
    web_address,
)
from .phrases import antecedent, bare_genitive_plural, np_extent, opens_genitive, split_medium, surface_np
from .subjects import can_speak, find_subject, place_source, subject_of, zitieren_roles
from .subjects import personal_only as personal

clause_speaker = find_subject
"""The subject finder's old name."""

__all__ = [
    "adverbial_kind", "after_zu", "antecedent", "bare_genitive_plural", "can_speak", "clause_around",
    "clause_has_konjunktiv", "clause_speaker", "find_subject", "content_words", "cue_words", "cut_coordinated_verb", "finite",
    "has_zu_infinitive", "is_acronym", "is_passive", "is_role_noun", "is_speaking_noun", "is_thinking", "konjunktiv",
    "np_extent", "offsets", "opens_genitive", "opens_subclause", "passive_agent", "personal", "place_source",
    "segments", "speech_lemma", "split_medium", "starts_new_clause", "subject_of", "surface_np", "takes_zu",
    "web_address", "zitieren_roles",
]
