"""The rule families, one module each: direct, indirect, source, anaphoric, reported, free_indirect
(each a :class:`~quotes.rules.base.RuleFamily`: a ``name`` and ``find(ctx, found)``); the shared types
in ``base``; the shared grammar by concern in ``morph`` (single words), ``clauses``, ``phrases``,
``subjects`` and ``vocab`` (closed-class word lists); the quotation-mark scanner and tables in
``quotemarks``; speaker-phrase completion in ``mention``. Rules depend only on :mod:`quotes.doc`,
:mod:`quotes.models` and :mod:`quotes.lexicon`, never on the CLI or exporters. ``docs/extending-rules.md``
explains how to add a family."""
