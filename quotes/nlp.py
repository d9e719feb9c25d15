"""The Stanza layer: find or fetch the German models, build the pipeline, parse.

Model directory, in order: the ``model_dir`` argument (``--model-dir``), the
``QUOTES_STANZA_DIR`` environment variable, Stanza's default resources
directory. Where no German model is there, the official one is downloaded
once, unless downloading is forbidden (``offline=True`` or
``QUOTES_OFFLINE=1``); then :class:`ModelNotFoundError` says how to get one.

**Bounded work per sentence.** The tagger's and the dependency parser's
cost grows faster than linearly with a sentence's length (a "sentence" of
3,000 quotation marks took 173 s and 18 GB). :meth:`Parser.parse_many`
therefore tokenizes first and splits every sentence longer than
:data:`~quotes.limits.MAX_SENTENCE_WORDS` words or
:data:`~quotes.limits.MAX_SENTENCE_CHARS` characters
into pieces at token boundaries (preferring a boundary after ``;`` ``:``
``,`` or a dash, or before a quotation mark) before tagging and parsing, so
a document's parse costs time and memory linear in its length. Tokens keep
their character offsets, so offsets stay exact. The bounds lie well above
every sentence of the news-quotes-de corpus (longest: 138 words, 719
characters; ``benchmarks/sentence_sizes.py``), which is parsed exactly as
before.

**Selective parsing.** With ``parse="selective"`` every sentence is tokenized, but only those that
can take part in a quotation (:func:`quotes.selective.choose`) are tagged and parsed; the others
keep their tokens, offsets and sentence numbers, without tags or heads. The mode is part of
:attr:`Parser.identity`, so the parse cache never serves a selective parse for a full one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .doc import ParsedDoc, from_stanza, from_stanza_sentences
from .limits import sentence_too_long
from .segmentation import SEGMENTATION, join_broken_sentences
from .selective import PARSE_MODES, choose

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
TAGGERS = ["pos", "lemma", "depparse"]
"""The processors that run after tokenization (and the splitting of over-long sentences)."""
LANG = "de"

class ModelNotFoundError(RuntimeError):
    """No German Stanza model could be found or downloaded."""


class DeviceNotFoundError(ModelNotFoundError):
    """The models were asked onto a GPU that torch cannot see (``--device gpu`` on a machine without
    one). A :class:`ModelNotFoundError`: the model cannot be loaded where it was asked to be."""


def check_gpu(device: Optional[str] = None) -> int:
    """The number of GPUs torch sees; raises :class:`DeviceNotFoundError` when there is none, or when
    ``device`` (``"cuda:N"``) names one that is not there."""
    import torch

    count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if count == 0:
        raise DeviceNotFoundError(
            "--device gpu: torch sees no GPU here (torch.cuda.is_available() is false: no GPU, no driver, or a "
            f"CPU-only torch build, torch {torch.__version__}); use --device cpu or --device auto.")
    if device and device.startswith("cuda:") and int(device.split(":", 1)[1]) >= count:
        raise DeviceNotFoundError(f"--device gpu: there is no {device} here ({count} GPU(s) seen by torch).")
    return count


def default_model_dir() -> str:
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return DEFAULT_MODEL_DIR


def resolve_model_dir(model_dir: Optional[str | os.PathLike] = None,
                      fallback: Optional[str | os.PathLike] = None) -> Path:
    """The directory to load models from: the argument, else ``QUOTES_STANZA_DIR``,
    else ``fallback`` where it exists (tests prefer the compact model), else Stanza's default."""
    chosen = model_dir or os.environ.get("QUOTES_STANZA_DIR")
    if not chosen and fallback is not None and Path(fallback).exists():
        chosen = fallback
    return Path(chosen or default_model_dir()).expanduser()


def offline_requested(offline: Optional[bool] = None) -> bool:
    if offline is not None:
        return offline
    return os.environ.get("QUOTES_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _resources(model_dir: Path) -> Optional[dict]:
    try:
        with open(model_dir / "resources.json", encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def model_packages(model_dir: Path) -> Optional[dict[str, str]]:
    """Processor -> package name of the installed German models, or None when incomplete."""
    res = _resources(model_dir)
    if not res or LANG not in res:
        return None
    lang = res[LANG]
    if "alias" in lang:
        lang = res.get(lang["alias"], {})
    defaults = lang.get("default_processors", {})
    packages = {}
    for proc in PROCESSORS:
        pkg = defaults.get(proc)
        if isinstance(pkg, dict):  # newer resources: {"package": ...}
            pkg = pkg.get("package")
        if not pkg:
            return None
        if not (model_dir / LANG / proc / f"{pkg}.pt").exists():
            return None
        packages[proc] = pkg
    return packages


def model_available(model_dir: Optional[str | os.PathLike] = None) -> bool:
    return model_packages(resolve_model_dir(model_dir)) is not None


def fingerprint(model_dir: Path) -> str:
    """A short hash of the model files' names and sizes plus resources.json."""
    h = hashlib.sha256()
    packages = model_packages(model_dir) or {}
    for proc, pkg in sorted(packages.items()):
        path = model_dir / LANG / proc / f"{pkg}.pt"
        h.update(f"{proc}={pkg}:{path.stat().st_size}".encode())
    return h.hexdigest()[:16]


def download_model(model_dir: Optional[str | os.PathLike] = None) -> Path:
    """Download Stanza's official German models into ``model_dir``."""
    target = resolve_model_dir(model_dir)
    print(f"Downloading Stanza's German models into {target} (once) ...", file=sys.stderr)
    try:
        import stanza

        stanza.download(LANG, model_dir=str(target), processors=",".join(PROCESSORS), logging_level="INFO")
    except Exception as exc:  # network errors come in many types
        reason = str(exc).split("(Caused by")[0].strip()[:160]
        raise ModelNotFoundError(
            f"Could not download Stanza's German models into {target} ({exc.__class__.__name__}: {reason}); "
            "check the network, or point --model-dir / QUOTES_STANZA_DIR to an existing Stanza resources directory."
        ) from None
    if model_packages(target) is None:
        raise ModelNotFoundError(f"The download into {target} did not produce a complete German model set.")
    return target


def ensure_model(model_dir: Optional[str | os.PathLike] = None, offline: Optional[bool] = None) -> Path:
    """Return a directory with a complete German model set, downloading it if allowed."""
    target = resolve_model_dir(model_dir)
    if model_packages(target) is not None:
        return target
    if offline_requested(offline):
        raise ModelNotFoundError(
            f"No German Stanza model in {target}; run `quotes download-model` while online, "
            "or point --model-dir / QUOTES_STANZA_DIR to a Stanza resources directory with German models."
        )
    return download_model(target)


class Parser:
    """A loaded German Stanza pipeline that turns texts into :class:`ParsedDoc`.

    Args:
        model_dir: Stanza resources directory (see :func:`resolve_model_dir`).
        use_gpu: None chooses automatically.
        offline: forbid downloading a missing model.
        batch_size: documents handed to Stanza's bulk processing at once.
        depparse_batch_size: passed to Stanza (memory on long documents).
        parse: ``full`` tags and parses every sentence; ``selective`` only the sentences that can
            take part in a quotation (see :mod:`quotes.selective`).
        device: a ``torch`` device name for the models (``"cuda:1"``); None: Stanza's choice
            (the first GPU where ``use_gpu``).

    Raises:
        ModelNotFoundError: no German model there, and none may or can be downloaded.
        DeviceNotFoundError: ``use_gpu`` or a ``cuda`` device where torch sees no such GPU.
        ValueError: an unknown ``parse`` mode.
    """

    def __init__(
        self,
        model_dir: Optional[str | os.PathLike] = None,
        use_gpu: Optional[bool] = None,
        offline: Optional[bool] = None,
        batch_size: int = 16,
        depparse_batch_size: int = 5000,
        parse: str = "full",
        device: Optional[str] = None,
    ) -> None:
        if parse not in PARSE_MODES:
            raise ValueError(f"unknown parse mode {parse!r}; choose one of {', '.join(PARSE_MODES)}")
        self.parse_mode = parse
        if use_gpu or (device or "").startswith("cuda"):
            check_gpu(device)
        self.model_dir = ensure_model(model_dir, offline)
        self.packages = model_packages(self.model_dir) or {}
        self.batch_size = max(1, batch_size)
        import stanza

        self.stanza_version = stanza.__version__
        try:
            self.pipeline = stanza.Pipeline(
                LANG,
                dir=str(self.model_dir),
                processors=",".join(PROCESSORS),
                download_method=None,
                use_gpu=use_gpu,
                logging_level="WARN",
                depparse_batch_size=depparse_batch_size,
                tokenize_no_ssplit=False,
                **({"device": device} if device else {}),
            )
        except Exception as exc:
            raise ModelNotFoundError(
                f"Could not load the German Stanza models from {self.model_dir} ({exc.__class__.__name__}: {exc})."
            ) from None
        self.fingerprint = fingerprint(self.model_dir)
        self.name = ",".join(f"{p}={n}" for p, n in self.packages.items())

    @property
    def identity(self) -> str:
        """Cache key component naming the model (stanza version + files), the joining of wrongly split
        sentences (:data:`quotes.segmentation.SEGMENTATION`) and, for a selective parse, the mode."""
        base = f"stanza-{self.stanza_version}-{self.fingerprint}-{SEGMENTATION}"
        return base if self.parse_mode == "full" else f"{base}-{self.parse_mode}"

    def parse(self, text: str) -> ParsedDoc:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[ParsedDoc]:
        """Parse texts with Stanza's bulk processing, in batches.

        Tokenization (with multi-word tokens) runs first; sentences the tokenizer
        split wrongly are joined again (:mod:`quotes.segmentation`), over-long sentences
        are then split (see the module docstring) and tagging, lemmas and the
        dependency parse run on the result: the same processors in the same
        order as one ``bulk_process`` call. With ``parse="selective"`` the last three run only on
        the chosen sentences (:meth:`_parse_selected`).
        """
        import stanza

        out: list[ParsedDoc] = []
        for i in range(0, len(texts), self.batch_size):
            chunk = list(texts[i : i + self.batch_size])
            docs = self.pipeline.process([stanza.Document([], text=t) for t in chunk], processors="tokenize")
            docs = [bound_sentences(join_broken_sentences(d)) for d in docs]
            if self.parse_mode == "selective":
                out.extend(self._parse_selected(docs, chunk))
                continue
            docs = self.pipeline.process(docs, processors=TAGGERS)
            out.extend(from_stanza(d, t, self.identity) for d, t in zip(docs, chunk))
        return out

    def _parse_selected(self, docs: list, texts: list[str]) -> list[ParsedDoc]:
        """Tag and parse only the chosen sentences of tokenized ``docs``; the others stay untagged."""
        import stanza

        chosen = [choose(t, [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in d.sentences],
                         [[tok.text for tok in s.tokens] for s in d.sentences])
                  for d, t in zip(docs, texts)]
        subs = [stanza.Document([s.to_dict() for s, keep in zip(d.sentences, flags) if keep], text=t)
                for d, t, flags in zip(docs, texts, chosen)]
        todo = [k for k, sub in enumerate(subs) if sub.sentences]
        if todo:
            for k, done in zip(todo, self.pipeline.process([subs[k] for k in todo], processors=TAGGERS)):
                subs[k] = done
        out = []
        for d, sub, t, flags in zip(docs, subs, texts, chosen):
            parsed = iter(sub.sentences)
            sentences = [next(parsed) if keep else s for s, keep in zip(d.sentences, flags)]
            out.append(from_stanza_sentences(sentences, t, self.identity))
        return out


def iter_batches(items: Iterable, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- bounded sentences -------------------------------------------------------

_BREAK_AFTER = {";": 3, ":": 3, "–": 3, "—": 3, "-": 2, ",": 2, ")": 1, "]": 1}
_BREAK_BEFORE = {"„": 2, "»": 2, "«": 2, "‚": 1, "›": 1, "\"": 1, "(": 1, "[": 1}


def bound_sentences(doc):
    """``doc`` (a tokenized ``stanza.Document``) with every sentence over the bounds split;
    ``doc`` itself where no sentence is over them."""
    if not any(sentence_too_long(len(s.words), s.tokens[-1].end_char - s.tokens[0].start_char)
               for s in doc.sentences if s.tokens):
        return doc
    import stanza

    sentences = []
    for sent in doc.to_dict():
        sentences.extend(split_sentence(sent))
    return stanza.Document(sentences, text=doc.text)


def _tokens(sentence: list[dict]) -> list[list[dict]]:
    """Group a sentence's CoNLL-U entries by surface token (a multi-word token with its words)."""
    groups: list[list[dict]] = []
    pending = 0
    for entry in sentence:
        if pending:
            groups[-1].append(entry)
            pending -= 1
        else:
            groups.append([entry])
            if isinstance(entry["id"], tuple):
                pending = entry["id"][-1] - entry["id"][0] + 1
    return groups


def _n_words(group: list[dict]) -> int:
    return len(group) - 1 if isinstance(group[0]["id"], tuple) else 1


def split_sentence(sentence: list[dict]) -> list[list[dict]]:
    """Split one tokenized sentence (``stanza.Document.to_dict`` entries) into pieces within
    the bounds of :func:`quotes.limits.sentence_too_long`, at token boundaries.

    A piece ends at the best boundary in the second half of what fits: after
    ``;`` ``:`` or a dash, then after a comma, before an opening quotation
    mark, ...; else where the bound is reached. Words are renumbered from 1
    in each piece; character offsets are kept. A single token over the
    character bound stays whole.
    """
    groups = _tokens(sentence)
    pieces: list[list[dict]] = []
    i = 0
    while i < len(groups):
        words, start, j = 0, groups[i][0].get("start_char", 0), i
        while j < len(groups):
            n = _n_words(groups[j])
            chars = groups[j][0].get("end_char", start) - start
            if j > i and sentence_too_long(words + n, chars):
                break
            words += n
            j += 1
        if j < len(groups):  # a cut is needed: the best boundary in the second half, the latest of equals
            j = max(range(max(i + 1, (i + j + 1) // 2), j + 1), key=lambda k: (_break_score(groups, k), k))
        pieces.append(_renumber(groups[i:j]))
        i = j
    return pieces


def _break_score(groups: list[list[dict]], k: int) -> int:
    """How good a place to cut is the boundary before token ``k``."""
    return max(_BREAK_AFTER.get(groups[k - 1][0]["text"], 0),
               _BREAK_BEFORE.get(groups[k][0]["text"], 0) if k < len(groups) else 0)


def _renumber(groups: list[list[dict]]) -> list[dict]:
    first = groups[0][0]["id"]
    shift = (first[0] if isinstance(first, tuple) else first) - 1
    out = []
    for group in groups:
        for entry in group:
            entry = dict(entry)
            ident = entry["id"]
            entry["id"] = tuple(x - shift for x in ident) if isinstance(ident, tuple) else ident - shift
            out.append(entry)
    return out

