"""Files that exist whole or not at all: write to a temporary name in the same folder, then rename.

Used by the parse cache (one entry per document) and by the Dask engine (one output part per
partition), where concurrent workers and killed runs must never leave a half-written file.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def write_atomically(path: str | os.PathLike, data: bytes, sync: bool = False) -> None:
    """Put ``data`` at ``path``: a temporary file beside it (``.NAME.<random>.tmp``), optionally flushed to
    disk, then :func:`os.replace`. A failure removes the temporary file and re-raises."""
    path = Path(path)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
