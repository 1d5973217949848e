"""The published JSON Schemas: of the JSON outputs, generated from the result models, and of a
treaty definition file, generated from the treaty model."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

from checker.models import Treaty
from checker.results import (
    AuditReport, CheckReport, CoverageReport, Report, StateExplanation, StatusReport, TimelineReport, TreatiesReport,
)

OUTPUTS: dict[str, type[Report]] = {
    "status": StatusReport,
    "check": CheckReport,
    "audit": AuditReport,
    "explain": StateExplanation,
    "timeline": TimelineReport,
    "treaties": TreatiesReport,
    "coverage": CoverageReport,
}




class TreatyFile(BaseModel):
    """A treaty definition file (facts/treaties/*.yaml): a list of treaties."""

    model_config = ConfigDict(extra="forbid")
    treaties: list[Treaty]


INPUTS: dict[str, type[BaseModel]] = {"treaty": TreatyFile}
KINDS: tuple[str, ...] = (*OUTPUTS, *INPUTS)


def schema_json(kind: str) -> str:
    if kind in INPUTS:
        # dates are written as YAML dates; in JSON they are ISO strings, which the schema says
        schema = INPUTS[kind].model_json_schema(mode="validation")
    else:
        schema = OUTPUTS[kind].model_json_schema(mode="serialization")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"treaty-check/{kind}.schema.json", **schema}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
