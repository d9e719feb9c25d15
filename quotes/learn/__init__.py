"""The learned layer: small logistic-regression models trained on the news-quotes-de gold.

* :mod:`quotes.learn.gate` — the quote gate: keep or drop the rule families' tentative candidates;
* :mod:`quotes.learn.speaker_features` — speaker candidates of a quotation and their features;
* :mod:`quotes.learn.confidence` — features of a finished record;
* :mod:`quotes.learn.calibrate` — what the engine calls: every record's calibrated ``confidence``;
* :mod:`quotes.learn.model` — the JSON model format (weights, checksum, provenance), read without
  scikit-learn;
* :mod:`quotes.learn.dataset` and :mod:`quotes.learn.train` — training examples and ``quotes train``
  (scikit-learn, fixed seed).

The packaged models live in ``quotes/data/models/`` with a README on their data and licence. The rules
import nothing from here; the engine imports :mod:`quotes.learn.calibrate` and :mod:`quotes.learn.gate` only.
"""
