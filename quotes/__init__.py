"""quotes: find who said what in German news.

The public API::

    from quotes import Extractor
    result = Extractor().extract(text)
    for q in result.quotes:
        print(q.type.value, q.speaker.name if q.speaker else None, q.content[0].text)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .models import (  # noqa: E402
    ArticleMeta,
    DocumentError,
    DocumentResult,
    Gender,
    ModelInfo,
    Quote,
    QuoteType,
    Span,
    Speaker,
    SpeakerEntity,
)

__all__ = [
    "ArticleMeta",
    "Extractor",
    "DocumentRejected",
    "DocumentError",
    "DocumentResult",
    "Gender",
    "ModelInfo",
    "Quote",
    "QuoteType",
    "Span",
    "Speaker",
    "SpeakerEntity",
    "__version__",
]


def __getattr__(name: str):
    # Import the extractor lazily: it pulls in Stanza and torch.
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    if name == "DocumentRejected":  # raised by Extractor.extract for a text it cannot process
        from .inputs import DocumentRejected

        return DocumentRejected
    raise AttributeError(name)
