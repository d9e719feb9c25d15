"""The public entry point: text in, :class:`DocumentResult` out.

>>> from quotes import Extractor
>>> ex = Extractor()                          # doctest: +SKIP
>>> result = ex.extract("„Wir kommen“, sagte Müller.")   # doctest: +SKIP
>>> result.quotes[0].speaker.name            # doctest: +SKIP
'Müller'
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional, Union

from .cache import ParseCache
from .doc import ParsedDoc
from .engine import extract_from_parsed
from .inputs import InputDoc, check_text
from .models import DocumentError, DocumentResult, ModelInfo
from .nlp import Parser

Item = Union[str, tuple[str, str], dict, InputDoc]


def _as_input(item: Item, n: int) -> InputDoc:
    if isinstance(item, InputDoc):
        return item
    if isinstance(item, str):
        return InputDoc(str(n), item)
    if isinstance(item, tuple) and len(item) == 2:
        return InputDoc(str(item[0]), item[1] if isinstance(item[1], str) else None,
                        None if isinstance(item[1], str) else "bad_input",
                        None if isinstance(item[1], str) else "The text is not a string.")
    if isinstance(item, dict):
        text = item.get("text")
        doc_id = str(item.get("id", n))
        if isinstance(text, str):
            return InputDoc(doc_id, text)
        return InputDoc(doc_id, None, "bad_input", 'The document has no string field "text".')
    return InputDoc(str(n), None, "bad_input", f"Cannot read a document from a {type(item).__name__}.")


class Extractor:
    """Finds quotations in German text.

    Args:
        model_dir: Stanza resources directory; default ``QUOTES_STANZA_DIR`` or Stanza's own.
        offline: forbid downloading a missing model (default: ``QUOTES_OFFLINE``).
        use_gpu: None picks automatically.
        cache_dir: a parse cache directory (see :class:`quotes.cache.ParseCache`); None disables it.
        batch_size: documents per Stanza bulk call.
        parser: an already loaded :class:`quotes.nlp.Parser` to share.
    """

    def __init__(
        self,
        model_dir: Optional[str | os.PathLike] = None,
        offline: Optional[bool] = None,
        use_gpu: Optional[bool] = None,
        cache_dir: Optional[str | os.PathLike] = None,
        batch_size: int = 16,
        parser: Optional[Parser] = None,
    ) -> None:
        self.parser = parser or Parser(model_dir, use_gpu=use_gpu, offline=offline, batch_size=batch_size)
        self.cache = ParseCache(cache_dir) if cache_dir else None
        self.model_info = ModelInfo(
            name=self.parser.name,
            directory=str(self.parser.model_dir),
            stanza_version=self.parser.stanza_version,
            fingerprint=self.parser.fingerprint,
        )

    def extract(self, text: str, id: str = "0") -> DocumentResult:
        """Extract from one text; raises ``ValueError`` for unusable input."""
        result = next(iter(self.extract_many([(id, text)])))
        if isinstance(result, DocumentError):
            raise ValueError(result.message)
        return result

    def parse_many(self, texts: list[str]) -> list[ParsedDoc]:
        """Parse with the cache in front of Stanza."""
        if self.cache is None:
            return self.parser.parse_many(texts)
        ident = self.parser.identity
        found = [self.cache.get(t, ident) for t in texts]
        missing = [t for t, d in zip(texts, found) if d is None]
        parsed = iter(self.parser.parse_many(missing)) if missing else iter(())
        out = []
        for d in found:
            if d is None:
                d = next(parsed)
                self.cache.put(d, ident)
            out.append(d)
        return out

    def extract_many(
        self, items: Iterable[Item], chunk_size: Optional[int] = None
    ) -> Iterator[Union[DocumentResult, DocumentError]]:
        """Extract from many documents, in input order, in bounded chunks.

        ``items`` are texts, ``(id, text)`` pairs, ``{"id", "text"}`` dicts or
        :class:`~quotes.inputs.InputDoc`. A document that cannot be processed
        yields a :class:`DocumentError` and the others go on.
        """
        size = chunk_size or max(1, self.parser.batch_size)
        chunk: list[InputDoc] = []
        for n, item in enumerate(items):
            chunk.append(_as_input(item, n))
            if len(chunk) >= size:
                yield from self._process(chunk)
                chunk = []
        if chunk:
            yield from self._process(chunk)

    def _process(self, chunk: list[InputDoc]) -> Iterator[Union[DocumentResult, DocumentError]]:
        results: list[Union[DocumentResult, DocumentError, None]] = [None] * len(chunk)
        todo: list[int] = []
        for i, doc in enumerate(chunk):
            if doc.error or doc.text is None:
                results[i] = DocumentError(id=doc.id, error=doc.error or "bad_input", message=doc.message or "No text.")
                continue
            problem = check_text(doc.text)
            if problem:
                results[i] = DocumentError(id=doc.id, error=problem[0], message=problem[1])
            else:
                todo.append(i)
        parsed: dict[int, ParsedDoc] = {}
        if todo:
            try:
                for i, p in zip(todo, self.parse_many([chunk[i].text for i in todo])):
                    parsed[i] = p
            except Exception:
                # One document broke the batch: parse one by one to keep the others.
                for i in todo:
                    try:
                        parsed[i] = self.parse_many([chunk[i].text])[0]
                    except Exception as exc:
                        results[i] = DocumentError(
                            id=chunk[i].id, error="parser",
                            message=f"The parser failed on this document ({exc.__class__.__name__}: {exc}).",
                        )
        for i, p in parsed.items():
            try:
                results[i] = extract_from_parsed(p, chunk[i].id, self.model_info)
            except Exception as exc:  # a rule bug must not lose the batch
                results[i] = DocumentError(
                    id=chunk[i].id, error="internal",
                    message=f"Extraction failed on this document ({exc.__class__.__name__}: {exc}); please report it.",
                )
        yield from results  # type: ignore[misc]
