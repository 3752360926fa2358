"""Archives of documents, for the command line and the Ray job: reading them, one output line per
document, and the ids an earlier run has already written (so that a re-run skips them).

An output line is what /extract answers for the document, without meta.timings_ms (the same bytes), or
the document's problem: its `id` and the problem details /extract would give (`status`, `title`, `detail`,
`errors`).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Optional, Union

from pydantic import ValidationError

from schemas.api import ExtractRequest, ExtractResponse, Problem
from service.errors import ApiError, invalid_fields
from service.extraction import check_length, respond

FIELDS = ("id", "text", "reference_date")  # what a JSON line may say of its document; the rest is ignored


@dataclass
class Doc:
    """One document of the input: its id, the fields to validate, or why it could not be read."""

    id: str
    fields: Optional[dict] = None
    problem: Optional[ApiError] = None


def default_id(text: str) -> str:
    """The id of a document that has none: a digest of its text, the same from one run to the next (and
    in the Ray job, which reads the lines in no set order)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def from_line(line: str, reference_date: Optional[str] = None) -> Doc:
    """One line of JSON Lines: an object with `text`, and `id` and `reference_date` when it has them."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as e:
        return Doc(default_id(line), problem=ApiError(400, f"The line is not valid JSON: {e}"))
    if not isinstance(obj, dict):
        return Doc(default_id(line), problem=ApiError(422, "The line must be a JSON object with a 'text' field."))
    fields = {k: obj[k] for k in FIELDS if k in obj}
    if reference_date and "reference_date" not in fields:
        fields["reference_date"] = reference_date
    doc_id = fields.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        text = fields.get("text")
        doc_id = default_id(text if isinstance(text, str) else line)
        fields.setdefault("id", doc_id)
    return Doc(doc_id, fields)


def from_text(doc_id: str, text: str, reference_date: Optional[str] = None) -> Doc:
    fields = {"id": doc_id, "text": text}
    if reference_date:
        fields["reference_date"] = reference_date
    return Doc(doc_id, fields)


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".txt", ".jsonl"))
    return [path]


def read_inputs(inputs: Iterable[str], reference_date: Optional[str] = None) -> Iterator[Doc]:
    """The documents of every input, in order: `.txt` files (one document each, its path as its id),
    `.jsonl` files (one a line), folders of both (sorted), `-` for standard input (JSON Lines when it
    starts with '{', else one text with the id 'stdin')."""
    for name in inputs:
        if name == "-":
            data = sys.stdin.read()
            if data.lstrip().startswith("{"):
                for line in data.splitlines():
                    if line.strip():
                        yield from_line(line, reference_date)
            elif data.strip():
                yield from_text("stdin", data, reference_date)
            continue
        for path in _files(Path(name)):
            if path.suffix == ".jsonl":
                with open(path, encoding="utf-8", errors="surrogateescape") as f:
                    for line in f:
                        if line.strip():
                            yield from_line(line.rstrip("\r\n"), reference_date)  # as Ray's read_text
            else:
                try:
                    yield from_text(str(path), path.read_text(encoding="utf-8"), reference_date)
                except (OSError, UnicodeDecodeError) as e:
                    yield Doc(str(path), problem=ApiError(400, f"The file cannot be read as UTF-8 text: {e}"))


def count_inputs(inputs: Iterable[str]) -> Optional[int]:
    """How many documents read_inputs will give (for the progress bar), or None for standard input."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        for path in _files(Path(name)):
            if path.suffix == ".jsonl":
                with open(path, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            else:
                total += 1
    return total


def problem_line(doc: Doc, error: ApiError) -> str:
    problem = Problem(
        title=HTTPStatus(error.status).phrase, status=error.status, detail=error.detail, errors=error.errors
    ).model_dump(exclude_none=True)
    return json.dumps({"id": doc.id, **problem}, ensure_ascii=False, separators=(",", ":"))


def line_status(line: str) -> int:
    """200 for a response line, the problem's status for a problem line (a response has no `status`)."""
    return json.loads(line).get("status", 200)


def response_line(resp: Union[ExtractResponse, dict]) -> str:
    """The /extract response without its timings: the same bytes as the service's body otherwise."""
    if isinstance(resp, ExtractResponse):
        return resp.model_dump_json(exclude={"meta": {"timings_ms"}})
    resp = dict(resp, meta={k: v for k, v in resp["meta"].items() if k != "timings_ms"})
    return json.dumps(resp, ensure_ascii=False, separators=(",", ":"))


def process(analyzer, docs: list[Doc], max_chars: int) -> list[str]:
    """The output line of each document, in order. The valid ones are parsed in one library call; if
    that call fails, each is tried alone, so that one bad document cannot take the others with it."""
    lines: list[str] = [""] * len(docs)
    good: list[tuple[int, ExtractRequest]] = []
    for i, doc in enumerate(docs):
        try:
            if doc.problem is not None:
                raise doc.problem
            req = ExtractRequest.model_validate(doc.fields)
            check_length(req.text, max_chars)
            good.append((i, req))
        except ValidationError as e:
            lines[i] = problem_line(doc, invalid_fields(e))
        except ApiError as e:
            lines[i] = problem_line(doc, e)
    reqs = [req for _, req in good]
    try:
        results: list = respond(analyzer, reqs, time.perf_counter()) if reqs else []
    except Exception:  # noqa: BLE001 - one of them breaks the library's call: each alone
        results = [_alone(analyzer, req) for req in reqs]
    for (i, _), result in zip(good, results):
        lines[i] = response_line(result) if isinstance(result, ExtractResponse) else problem_line(docs[i], result)
    return lines


def _alone(analyzer, req: ExtractRequest) -> Union[ExtractResponse, ApiError]:
    try:
        return respond(analyzer, [req], time.perf_counter())[0]
    except Exception as e:  # noqa: BLE001 - recorded for this document; the run goes on
        return ApiError(500, f"The analysis failed: {type(e).__name__}: {e}")


def done_ids(path: Path) -> set[str]:
    """The ids already in an output file. A last line cut short (a killed run) is dropped from the file:
    its document is done again."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with open(path, "r+b") as f:
            f.truncate(end)
    return ids_in(data)


def ids_in(data: bytes) -> set[str]:
    """The ids of the whole lines of JSON Lines output (a last line without its end is no line yet)."""
    ids = set()
    for line in data[: data.rfind(b"\n") + 1].splitlines():
        try:
            doc_id = json.loads(line).get("id")
        except (ValueError, AttributeError):
            continue
        if isinstance(doc_id, str):
            ids.add(doc_id)
    return ids
