"""``quotes schema``: print the JSON Schema of the records."""

from __future__ import annotations

import json

from ..models import DocumentError, DocumentResult


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the output records",
                       description="Print the JSON Schema of the records quotes extract writes "
                                   "with -f json or -f jsonl: one result record per document, or with --error the "
                                   "record of a document that could not be processed. The fields are explained in "
                                   "docs/data-format.md.")
    p.add_argument("--error", action="store_true", help="the schema of error records instead")
    p.set_defaults(func=run)


def run(args) -> int:
    model = DocumentError if args.error else DocumentResult
    print(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))
    return 0
