"""Derive ``quotes/data/first_names.txt`` (first name -> female/male) from Jörg Michael's name dictionary.

Source: ``nam_dict.txt`` of the program "gender" by Jörg Michael (c't magazine, 2007-2008), as shipped
inside the PyPI package gender-guesser 0.4.0 (``gender_guesser/data/nam_dict.txt``, converted to UTF-8
there). Licence of the dictionary: GNU Free Documentation License 1.2 or later, no invariant sections;
the derived list is released under the same licence (its header says so).

What is kept: a name whose gender is (nearly) the same wherever it is used. Each line of the dictionary
gives a name, its sex (M, 1M "male as first part of a name", ?M "mostly male", F, 1F, ?F, ? "unisex")
and its frequency in 55 countries (hex digits 1 to D, a logarithmic scale). A name's weight for a sex is
the sum of 2**frequency over the countries of its lines of that sex (M and 1M male, F and 1F female;
?M, ?F and ? count as unisex). A name is listed as male or female when that sex holds at least
``DOMINANCE`` of its total weight and it is used with at least frequency ``MIN_FREQUENCY`` somewhere:
"Jan" (male in Germany, the Netherlands, Scandinavia; female in Britain) is male; "Kim", "Andrea"
(female in Germany, male in Italy) and "Toni" are left out, so they decide nothing.

Rerun (needs ``pip install gender-guesser==0.4.0`` for the source file only; quotes does not import it)::

    python tools/derive_first_names.py > quotes/data/first_names.txt
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

DOMINANCE = 0.95
"""Share of a name's weight its sex needs."""
MIN_FREQUENCY = 3
"""The name is used at least this often (hex digit) in at least one country: leaves out very rare names."""
SEXES = {"M": "male", "1M": "male", "F": "female", "1F": "female", "?M": "unisex", "?F": "unisex", "?": "unisex"}

HEADER = """\
# First names with the gender they (nearly) always have: "anna" female, "jan" male. Evidence for a
# speaker's gender (quotes/gender.py); a name used for both ("kim", "andrea") is not listed.
# Source: nam_dict.txt of the program "gender" by Jörg Michael (2007-2008), as shipped in the PyPI
# package gender-guesser 0.4.0; derived by tools/derive_first_names.py (a name's sex must hold {dom:.0%} of
# its frequency weight over 55 countries; names rarer than frequency {minf} everywhere left out).
# Licence: GNU Free Documentation License 1.2 or later, no invariant sections (as the source; the
# licence text is in quotes/data/licences/GFDL-1.2.txt).
# Copyright of the source: Jörg Michael. This derived list is released under the same licence.
"""


def source_lines(path: Optional[Path]) -> Iterable[str]:
    """The lines of nam_dict.txt: from ``path``, else from the installed gender-guesser package."""
    if path is None:
        path = Path(str(resources.files("gender_guesser").joinpath("data/nam_dict.txt")))
    with open(path, encoding="utf-8") as fh:
        yield from fh


def derive(lines: Iterable[str]) -> dict[str, str]:
    """name (lower case) -> "female" / "male" for every name that passes the rules of the module."""
    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    top: dict[str, int] = defaultdict(int)
    for line in lines:
        if not line.strip() or line[0] in "#=":
            continue
        if len(line) > 29 and line[29] == "+":
            continue  # the same name again, sorted with expanded umlauts
        code, name = line[:2].strip(), line[3:29].strip()
        sex = SEXES.get(code)
        if sex is None or not name:
            continue
        freqs = [int(c, 16) for c in line[30:85] if c.strip() and c in "0123456789ABCDEFabcdef"]
        for variant in {name.replace("+", r) for r in ("", " ", "-")} if "+" in name else {name}:
            if " " in variant or not all(ch.isalpha() or ch in "-'" for ch in variant):
                continue
            key = variant.lower()
            weights[key][sex] += sum(2.0 ** f for f in freqs)
            top[key] = max([top[key], *freqs])
    out = {}
    for key, w in weights.items():
        total = sum(w.values())
        if total <= 0 or top[key] < MIN_FREQUENCY:
            continue
        for sex in ("female", "male"):
            if w.get(sex, 0.0) >= DOMINANCE * total:
                out[key] = sex
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="nam_dict.txt (default: the installed gender-guesser's)")
    args = parser.parse_args()
    names = derive(source_lines(args.source))
    sys.stdout.write(HEADER.format(dom=DOMINANCE, minf=MIN_FREQUENCY))
    for key in sorted(names):
        sys.stdout.write(f"{key}\t{names[key]}\n")


if __name__ == "__main__":
    main()
