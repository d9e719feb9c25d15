"""The public entry point: text in, :class:`DocumentResult` out.

>>> from quotes import Extractor
>>> ex = Extractor()                          # doctest: +SKIP
>>> result = ex.extract("„Wir kommen“, sagte Müller.")   # doctest: +SKIP
>>> result.quotes[0].speaker.name            # doctest: +SKIP
'Müller'

Nothing is lost: a document that cannot be processed (empty, binary, not
German, too large, invalid Unicode, a parser or rule failure) becomes a
:class:`DocumentError` in its place, and the other documents go on. For
batches over files, with worker processes and ``--resume``, see
:mod:`quotes.runner`.

Exceptions:

* ``Extractor(...)`` raises :class:`~quotes.nlp.ModelNotFoundError` when no
  German model is there and none may (``offline=True``) or can be downloaded.
* :meth:`Extractor.extract` raises :class:`~quotes.inputs.DocumentRejected`
  (a ``ValueError``) for a text it cannot process, e.g. ``extract("")``
  (``error == "empty"``), and ``TypeError`` for a non-string.
* :meth:`Extractor.extract_many` and :meth:`Extractor.process_batch` never
  raise for a bad document: they yield its :class:`DocumentError`.
"""

from __future__ import annotations

import logging
import os
from typing import Iterable, Iterator, Optional, Sequence, Union

from .cache import ParseCache
from .doc import ParsedDoc
from .engine import extract_from_parsed
from .inputs import DocumentRejected, InputDoc, check_text
from .metadata import article_meta
from .limits import RULES_BUDGET_SECONDS, BudgetExceeded, complexity_problem, time_budget
from .models import ArticleMeta, DocumentError, DocumentResult, ModelInfo, check_probability
from .nlp import Parser, iter_batches

Item = Union[str, tuple[str, str], dict, InputDoc]
Record = Union[DocumentResult, DocumentError]

log = logging.getLogger(__name__)


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
        if not isinstance(text, str):
            return InputDoc(doc_id, None, "bad_input", 'The document has no string field "text".')
        meta, problem = article_meta(item)
        if problem:
            return InputDoc(doc_id, None, "bad_meta", problem)
        return InputDoc(doc_id, text, meta=meta)
    return InputDoc(str(n), None, "bad_input", f"Cannot read a document from a {type(item).__name__}.")


def _problem(doc: InputDoc) -> Optional[DocumentError]:
    """The error record for a document that must not reach the parser, or None."""
    if doc.error or doc.text is None:
        return DocumentError(id=doc.id, error=doc.error or "bad_input", message=doc.message or "No text.")
    try:
        doc.text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates, e.g. "\ud800" escapes in JSON input
        return DocumentError(id=doc.id, error="encoding",
                             message=f"The text contains invalid Unicode (character {exc.start} is a lone "
                                     "surrogate); fix the input encoding first.")
    problem = check_text(doc.text)
    if problem:
        return DocumentError(id=doc.id, error=problem[0], message=problem[1])
    reason = complexity_problem(doc.text)  # bounds on the parser's and the rules' work (quotes.limits)
    if reason:
        return DocumentError(id=doc.id, error="too_complex", message=reason)
    return None


class Extractor:
    """Finds quotations in German text.

    Args:
        model_dir: Stanza resources directory; default ``QUOTES_STANZA_DIR`` or Stanza's own.
        offline: forbid downloading a missing model (default: ``QUOTES_OFFLINE``).
        use_gpu: None picks automatically.
        cache_dir: a parse cache directory (see :class:`quotes.cache.ParseCache`); None disables it.
        batch_size: documents per Stanza bulk call (``bulk_process``).
        parser: an already loaded :class:`quotes.nlp.Parser` to share (or any object with its
            ``parse_many``, ``identity``, ``name``, ``model_dir``, ``stanza_version``,
            ``fingerprint`` and ``batch_size``).
        depparse_batch_size: Stanza's dependency-parser batch size (memory on long documents).
        rules_budget: seconds the rules may take on one document (then it becomes a ``too_complex``
            error record); None: no limit. See :mod:`quotes.limits`.
        parse: ``full`` (default) tags and parses every sentence, ``selective`` only those that can
            take part in a quotation (:mod:`quotes.selective`); with ``parser``, None or its own mode.
        device: a ``torch`` device for the models, e.g. ``"cuda:1"`` (None: Stanza's choice).
        min_confidence: keep only the records whose ``confidence`` is at least this probability
            (:meth:`~quotes.models.DocumentResult.filtered`); None keeps every record.

    Raises:
        ModelNotFoundError: no German model (see :mod:`quotes.nlp`).
        ValueError: an unknown ``parse`` mode, or one other than the given ``parser``'s; a
            ``min_confidence`` that is not a number from 0 to 1.

    ``n_words`` counts the parsed words of every document processed so far
    (progress reports use it for tokens per second).
    """

    def __init__(
        self,
        model_dir: Optional[str | os.PathLike] = None,
        offline: Optional[bool] = None,
        use_gpu: Optional[bool] = None,
        cache_dir: Optional[str | os.PathLike] = None,
        batch_size: int = 16,
        parser: Optional[Parser] = None,
        depparse_batch_size: int = 5000,
        rules_budget: Optional[float] = RULES_BUDGET_SECONDS,
        parse: Optional[str] = None,
        device: Optional[str] = None,
        min_confidence: Optional[float] = None,
    ) -> None:
        self.min_confidence = None if min_confidence is None else check_probability(min_confidence, "min_confidence")
        own_mode = getattr(parser, "parse_mode", "full")
        if parser is not None and parse is not None and parse != own_mode:
            raise ValueError(f"parse={parse!r} differs from the given parser's mode {own_mode!r}")
        self.parser = parser or Parser(model_dir, use_gpu=use_gpu, offline=offline, batch_size=batch_size,
                                       depparse_batch_size=depparse_batch_size, parse=parse or "full",
                                       device=device)
        self.cache = ParseCache(cache_dir) if cache_dir else None
        self.model_info = ModelInfo(
            name=self.parser.name,
            directory=str(self.parser.model_dir),
            stanza_version=self.parser.stanza_version,
            fingerprint=self.parser.fingerprint,
        )
        self.n_words = 0
        self.rules_budget = rules_budget

    def extract(self, text: str, id: str = "0",
                meta: Optional[Union[ArticleMeta, dict]] = None) -> DocumentResult:
        """Extract from one text.

        Args:
            text: the article.
            id: the document id of the result.
            meta: the article's metadata (an :class:`~quotes.models.ArticleMeta`, or a
                dict of ``date``, ``source``, ``url``, ``title``), copied onto the result.

        Raises:
            DocumentRejected: a ``ValueError`` for a text that cannot be processed
                (empty or only whitespace, binary, not German, too large, invalid
                Unicode, a parser failure); its ``error`` is the error class and
                ``record`` the :class:`DocumentError` a batch would write; also for
                metadata that is not valid (``error == "bad_meta"``).
            TypeError: ``text`` is not a string, or ``meta`` neither metadata nor a dict.
        """
        if not isinstance(text, str):
            raise TypeError(f"extract() needs the text as a str, not {type(text).__name__}")
        if isinstance(meta, dict):
            doc = _as_input({**meta, "id": str(id), "text": text}, 0)
        elif meta is None or isinstance(meta, ArticleMeta):
            doc = InputDoc(str(id), text, meta=meta)
        else:
            raise TypeError(f"extract() needs meta as an ArticleMeta or a dict, not {type(meta).__name__}")
        result = self.process_batch([doc])[0]
        if isinstance(result, DocumentError):
            raise DocumentRejected(result)
        return result

    def parse_many(self, texts: Sequence[str]) -> list[ParsedDoc]:
        """Parse with the cache in front of Stanza (in Stanza bulk batches of ``batch_size``)."""
        return [doc for doc, _ in self._parse_many(texts)]

    def _parse_many(self, texts: Sequence[str]) -> list[tuple[ParsedDoc, bool]]:
        """Parsed documents, each with whether it is ours alone (read from the
        cache, or made by a :class:`~quotes.nlp.Parser`) and may be released."""
        own = isinstance(self.parser, Parser)
        if self.cache is None:
            return [(d, own) for d in self.parser.parse_many(texts)]
        ident = self.parser.identity
        found = [self.cache.get(t, ident) for t in texts]
        missing = [t for t, d in zip(texts, found) if d is None]
        parsed = iter(self.parser.parse_many(missing)) if missing else iter(())
        out = []
        for d in found:
            if d is not None:
                out.append((d, True))
                continue
            d = next(parsed)
            try:
                self.cache.put(d, ident)
            except OSError as exc:  # a full or read-only cache must not lose the document
                log.warning("could not write the parse cache entry (%s)", exc)
            out.append((d, own))
        return out

    def extract_many(
        self, items: Iterable[Item], chunk_size: Optional[int] = None
    ) -> Iterator[Record]:
        """Extract from many documents, in input order, in bounded chunks.

        ``items`` are texts, ``(id, text)`` pairs, ``{"id", "text"}`` dicts (with
        optional ``date``, ``source``, ``url``, ``title``: the result's ``meta``) or
        :class:`~quotes.inputs.InputDoc` (with its ``meta``). A document that cannot be processed
        yields a :class:`DocumentError` and the others go on. At most
        ``chunk_size`` documents (default: the parser's batch size) are held
        at a time.
        """
        size = chunk_size or max(1, self.parser.batch_size)
        inputs = (_as_input(item, n) for n, item in enumerate(items))
        for chunk in iter_batches(inputs, size):
            yield from self.process_batch(chunk)

    def process_batch(self, docs: Sequence[Item]) -> list[Record]:
        """Process one chunk of documents; one record per document, in order.

        The chunk is parsed with Stanza's bulk processing; where that fails,
        the documents are parsed one by one so that only the failing one
        becomes an error record.
        """
        chunk = [_as_input(item, n) for n, item in enumerate(docs)]
        results: list[Optional[Record]] = [_problem(doc) for doc in chunk]
        todo = [i for i, r in enumerate(results) if r is None]
        parsed: dict[int, tuple[ParsedDoc, bool]] = {}
        if todo:
            try:
                parsed = dict(zip(todo, self._parse_many([chunk[i].text for i in todo])))
            except Exception:
                # One document broke the batch: parse one by one to keep the others.
                for i in todo:
                    try:
                        parsed[i] = self._parse_many([chunk[i].text])[0]
                    except Exception as exc:
                        results[i] = DocumentError(
                            id=chunk[i].id, error="parser",
                            message=f"The parser failed on this document ({exc.__class__.__name__}: {exc}).",
                        )
        for i in list(parsed):
            p, own = parsed.pop(i)
            self.n_words += p.n_words
            try:
                with time_budget(self.rules_budget):
                    results[i] = extract_from_parsed(p, chunk[i].id, self.model_info)
                    results[i].meta = chunk[i].meta  # type: ignore[union-attr]
                    if self.min_confidence is not None:
                        results[i] = results[i].filtered(self.min_confidence)  # type: ignore[union-attr]
            except BudgetExceeded:
                results[i] = DocumentError(
                    id=chunk[i].id, error="too_complex",
                    message=f"The rules took more than {self.rules_budget:g} s on this document "
                            f"({p.n_words:,} words); it was left out.",
                )
            except Exception as exc:  # a rule bug must not lose the batch
                results[i] = DocumentError(
                    id=chunk[i].id, error="internal",
                    message=f"Extraction failed on this document ({exc.__class__.__name__}: {exc}); please report it.",
                )
            if own:
                p.release()
        return results  # type: ignore[return-value]

