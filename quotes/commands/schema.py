"""``quotes schema``: print the JSON Schema of the records."""

from __future__ import annotations

import json

from ..models import DocumentError, DocumentResult


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the output records")
    p.add_argument("--error", action="store_true", help="the schema of error records instead")
    p.set_defaults(func=run)


def run(args) -> int:
    model = DocumentError if args.error else DocumentResult
    print(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))
    return 0
