"""The published JSON Schemas of the JSON outputs, generated from the result models."""

from __future__ import annotations

import json

from checker.results import AuditReport, CheckReport, Report, StateExplanation, StatusReport, TimelineReport

OUTPUTS: dict[str, type[Report]] = {
    "status": StatusReport,
    "check": CheckReport,
    "audit": AuditReport,
    "explain": StateExplanation,
    "timeline": TimelineReport,
}


def schema_json(kind: str) -> str:
    schema = OUTPUTS[kind].model_json_schema(mode="serialization")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"treaty-check/{kind}.schema.json", **schema}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
