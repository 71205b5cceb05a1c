#!/usr/bin/env python3
"""Validate `agenda check --reporter sarif` output with two independent readers.

usage: validate.py FILE.sarif [SCHEMA.json]

1. jsonschema (Draft 4) against the official OASIS SARIF 2.1.0 schema, when its path is given
   and the file exists (shared/schemas/sarif-schema-2.1.0.json beside the checkout).
2. sarif-pydantic's model of SARIF 2.1.0, which must load the whole log.
Then a few facts code-scanning services rely on: every result's ruleIndex points at its rule,
every location has a 1-based line and column, every rule has help text.
"""
import json
import os
import sys

import jsonschema
import sarif_pydantic


def fail(message):
    sys.exit(f"validate.py: FAIL: {message}")


def main():
    path = sys.argv[1]
    schema_path = sys.argv[2] if len(sys.argv) > 2 else None
    with open(path, encoding="utf-8") as handle:
        log = json.load(handle)

    checked = []
    if schema_path and os.path.exists(schema_path):
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
        if errors:
            fail(f"{path}: {len(errors)} schema errors, first: {errors[0].message} at {list(errors[0].path)}")
        checked.append("OASIS schema")

    try:
        model = sarif_pydantic.Sarif.model_validate(log)
    except Exception as error:  # noqa: BLE001 - any model error is a failure
        fail(f"{path}: sarif-pydantic rejects it: {error}")
    checked.append("sarif-pydantic")

    if log.get("version") != "2.1.0" or len(model.runs) != 1:
        fail("expected one run of SARIF 2.1.0")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        if not rule.get("help", {}).get("text"):
            fail(f"rule {rule['id']} has no help text")
    for result in run["results"]:
        if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
            fail(f"result {result['ruleId']} points at rule {rules[result['ruleIndex']]['id']}")
        for location in result.get("locations", []) + result.get("relatedLocations", []):
            region = location["physicalLocation"]["region"]
            if region["startLine"] < 1 or region["startColumn"] < 1:
                fail(f"result {result['ruleId']} has a region before line 1 or column 1")
    print(f"sarif: {len(run['results'])} results, {len(rules)} rules; valid by {' and '.join(checked)}")


main()
