"""The Stanza layer: find or fetch the German models, build the pipeline, parse.

Model directory, in order: the ``model_dir`` argument (``--model-dir``), the
``QUOTES_STANZA_DIR`` environment variable, Stanza's default resources
directory. Where no German model is there, the official one is downloaded
once, unless downloading is forbidden (``offline=True`` or
``QUOTES_OFFLINE=1``); then :class:`ModelNotFoundError` says how to get one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .doc import ParsedDoc, from_stanza

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
LANG = "de"


class ModelNotFoundError(RuntimeError):
    """No German Stanza model could be found or downloaded."""


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
    """

    def __init__(
        self,
        model_dir: Optional[str | os.PathLike] = None,
        use_gpu: Optional[bool] = None,
        offline: Optional[bool] = None,
        batch_size: int = 16,
        depparse_batch_size: int = 5000,
    ) -> None:
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
            )
        except Exception as exc:
            raise ModelNotFoundError(
                f"Could not load the German Stanza models from {self.model_dir} ({exc.__class__.__name__}: {exc})."
            ) from None
        self.fingerprint = fingerprint(self.model_dir)
        self.name = ",".join(f"{p}={n}" for p, n in self.packages.items())

    @property
    def identity(self) -> str:
        """Cache key component naming the model (stanza version + files)."""
        return f"stanza-{self.stanza_version}-{self.fingerprint}"

    def parse(self, text: str) -> ParsedDoc:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[ParsedDoc]:
        """Parse texts with Stanza's bulk processing, in batches."""
        import stanza

        out: list[ParsedDoc] = []
        for i in range(0, len(texts), self.batch_size):
            chunk = list(texts[i : i + self.batch_size])
            docs = self.pipeline.bulk_process([stanza.Document([], text=t) for t in chunk])
            out.extend(from_stanza(d, t, self.identity) for d, t in zip(docs, chunk))
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
