"""An on-disk parse cache: re-running the rules skips the Stanza parse.

Entries are keyed by the model's identity and the exact text (SHA-256), and
stored as gzip-compressed JSON (:meth:`ParsedDoc.to_dict`), one file per
document, written atomically (temporary file + rename) so that concurrent
workers and interrupted runs never leave a half-written entry.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Optional

from .atomic import write_atomically
from .doc import ParsedDoc

FORMAT_VERSION = "1"


class ParseCache:
    """Parsed documents on disk.

    Args:
        directory: where entries live; created on first write.
    """

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = Path(directory)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str, model_identity: str) -> str:
        h = hashlib.sha256()
        h.update(f"{FORMAT_VERSION}\0{model_identity}\0".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json.gz"

    def get(self, text: str, model_identity: str) -> Optional[ParsedDoc]:
        path = self._path(self.key(text, model_identity))
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                doc = ParsedDoc.from_dict(json.load(fh))
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            self.misses += 1
            return None
        if doc.text != text:  # hash collision or tampering: never trust it
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def put(self, doc: ParsedDoc, model_identity: str) -> None:
        path = self._path(self.key(doc.text, model_identity))
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomically(path, gzip.compress(payload, compresslevel=3))
