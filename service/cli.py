"""Command line: fetch the official Stanza French models; write openapi.yaml.

    python -m service.cli download-models --dir models/stanza
    python -m service.cli openapi --output openapi.yaml
"""
from __future__ import annotations

import argparse
import sys

import yaml

from service.analyzers.stanza_analyzer import PROCESSORS


def download_models(model_dir: str) -> None:
    """Stanford's official French models (default package), into `model_dir`. Needs the internet;
    the service itself never downloads anything."""
    import stanza

    stanza.download("fr", model_dir=model_dir, processors=PROCESSORS, package="default")


def openapi_document() -> str:
    from service import create_app

    # the document depends on the routes and models only: no analyzer is loaded for it
    app = create_app({"ANALYZER_INSTANCE": _NoAnalyzer()})
    return yaml.safe_dump(app.api_doc, allow_unicode=True, sort_keys=True)


class _NoAnalyzer:
    name = models = version = "none"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m service.cli")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("download-models", help="fetch the official Stanza French models")
    d.add_argument("--dir", required=True)
    o = sub.add_parser("openapi", help="write the OpenAPI document generated from the code")
    o.add_argument("--output", default="-")
    a = ap.parse_args(argv)
    if a.cmd == "download-models":
        download_models(a.dir)
    else:
        doc = openapi_document()
        if a.output == "-":
            sys.stdout.write(doc)
        else:
            with open(a.output, "w", encoding="utf-8") as f:
                f.write(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
