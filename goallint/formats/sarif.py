"""SARIF 2.1.0, as GitHub code scanning reads it: every rule with its docs, every finding."""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from .. import __homepage__, __version__
from ..catalog import Catalog, builtin_catalog, letter_label
from ..diagnostics import CheckResult, Diagnostic, Severity
from ..ruledocs import doc_sections, documentation
from . import RenderOptions, exact, fingerprints

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules(catalog: Catalog) -> list[dict[str, Any]]:
    out = []
    for code, rule in catalog.items():
        sections = doc_sections(rule)
        text = documentation(rule, catalog.source(code))
        out.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": sections["summary"]},
            "fullDescription": {"text": sections.get("What it checks", sections["summary"])},
            "help": {"text": text, "markdown": text},
            **({"helpUri": url} if (url := catalog.documentation_url(code)) is not None else {}),
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"tags": ["smart", letter_label(rule).lower()],
                           "smartLetter": rule.letter or code[0], "source": catalog.source(code)},
        })
    return out


def uri_of(path: str) -> str:
    """A relative URI reference (RFC 3986): the path's bytes, percent-encoded but for '/' and the unreserved.

    The bytes are the file name's own, so a name that is not valid UTF-8 keeps them.
    """
    return quote(os.fsencode(path.replace(os.sep, "/")), safe="/")


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def fixes(d: Diagnostic, uri: str) -> list[dict[str, Any]]:
    """The finding's fix as a SARIF ``fix``: its edits as replacements in the finding's file.

    An insertion is a replacement whose deleted region is empty (its start is its end).
    """
    if d.fix is None or not d.fix.edits:
        return []
    replacements = [{"deletedRegion": _region(*edit.span), "insertedContent": {"text": edit.text}}
                    for edit in d.fix.edits]
    return [{"description": {"text": d.fix.title},
             "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}]}]


def _extras(d: Diagnostic, uri: str) -> dict[str, Any]:
    """A result's fixes and help, for the findings that have them."""
    out: dict[str, Any] = {}
    found = fixes(d, uri)
    if found:
        out["fixes"] = found
    if d.help:
        out["properties"] = {"help": d.help}
    return out


def render(result: CheckResult, _options: RenderOptions) -> str:
    rules = _rules(result.catalog or builtin_catalog())
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for d, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics), strict=True):
        uri = uri_of(d.path)
        d = exact(d)
        message = d.message if d.goal is None else f"{d.message} (goal {d.goal})"
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": _region(d.line, d.column, d.end_line, d.end_column),
                },
            }],
            "partialFingerprints": {"goallint/v1": fingerprint},
            **_extras(d, uri),
        })
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "goallint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": __homepage__, "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
