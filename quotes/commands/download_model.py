"""``quotes download-model``: fetch Stanza's official German models."""

from __future__ import annotations

from ..nlp import download_model, model_available, resolve_model_dir


def register(sub) -> None:
    p = sub.add_parser("download-model", help="download Stanza's German models (once)",
                       description="Download Stanza's official German models (tokenize, mwt, pos, lemma, "
                                   "depparse, with a progress bar) into --model-dir, "
                                   "$QUOTES_STANZA_DIR or Stanza's resources directory. quotes extract does this "
                                   "by itself on first use unless --offline; nothing is downloaded when a model "
                                   "is already there (--force downloads anyway).")
    p.add_argument("--model-dir", metavar="DIR", help="target directory (default: $QUOTES_STANZA_DIR or Stanza's)")
    p.add_argument("--force", action="store_true", help="download even if a model is there")
    p.set_defaults(func=run)


def run(args) -> int:
    target = resolve_model_dir(args.model_dir)
    if model_available(target) and not args.force:
        print(f"A German model is already in {target}.")
        return 0
    download_model(target)
    print(f"German models ready in {target}.")
    return 0
