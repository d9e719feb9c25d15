"""The README's Python examples run as printed.

Every ```python block of README.md is executed as it stands (nothing in it is
replaced), in a fresh namespace, from the repository root (the README's
relative paths, such as ``../shared/stanza-de-compact``, are meant from
there). Lines starting with ``# →`` in a block are what it prints; the block's
output must be exactly those lines.

To spare a second model load, :class:`quotes.nlp.Parser` hands out the
session's parser (``tests/conftest.py``) when a block asks for the very model
directory that parser was loaded from; a block asking for another directory
gets a real new parser. The block itself runs unchanged either way.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXPECTED = re.compile(r"^# → ?(.*)$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The ```python blocks of a Markdown text, with the line each starts on."""
    blocks, current, start = [], None, 0
    for n, line in enumerate(text.splitlines(), 1):
        if current is None:
            if line.strip() == "```python":
                current, start = [], n + 1
        elif line.strip() == "```":
            blocks.append((start, "\n".join(current) + "\n"))
            current = None
        else:
            current.append(line)
    assert current is None, "an unclosed ```python block"
    return blocks


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_python_examples():
    assert BLOCKS, "README.md has no ```python block"
    assert all(any(EXPECTED.match(line) for line in code.splitlines()) for _, code in BLOCKS), \
        "every README example says what it prints (# → lines)"


@pytest.fixture
def shared_parser(parser, monkeypatch):
    """``Parser(model_dir, ...)`` for the session's model directory returns the session's parser."""
    import quotes.extractor
    import quotes.nlp

    real = quotes.nlp.Parser
    loaded = Path(parser.model_dir).resolve()

    class SessionParser(real):
        def __new__(cls, model_dir=None, *args, **kwargs):
            if Path(quotes.nlp.resolve_model_dir(model_dir)).resolve() == loaded:
                return parser
            return real(model_dir, *args, **kwargs)

    monkeypatch.setattr(quotes.extractor, "Parser", SessionParser)
    return parser


@pytest.mark.model
@pytest.mark.parametrize("start,code", BLOCKS, ids=[f"README.md:{start}" for start, _ in BLOCKS])
def test_readme_python_block_runs_as_printed(start, code, shared_parser, monkeypatch):
    for path in re.findall(r'model_dir="([^"]+)"', code):
        if not (ROOT / path).is_dir():
            pytest.skip(f"the README's model directory {path} is not there (relative to {ROOT})")
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"README.md:{start}", "exec"), {"__name__": "__readme__"})
    expected = [m.group(1) for line in code.splitlines() if (m := EXPECTED.match(line))]
    assert out.getvalue().splitlines() == expected
