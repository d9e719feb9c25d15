"""The rule families, one module each: direct, indirect, source, anaphoric,
reported, free_indirect; plus the quotation-mark scanner and shared types in
``base``. Rules depend only on :mod:`quotes.doc`, :mod:`quotes.models` and
:mod:`quotes.lexicon`, never on the CLI or exporters."""
