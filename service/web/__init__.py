"""The demo page at GET /: paste a text, see what the service finds in it, highlighted.

Plain files (HTML, CSS, one script), no build step and nothing fetched from elsewhere, so the page
works with no internet. The page itself is public; the script calls /extract with the key the user
types, when the service has one (service.security leaves "/" and /demo/* open).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, request, send_from_directory

STATIC = Path(__file__).resolve().parent / "static"
web = Blueprint("web", __name__, static_folder=str(STATIC), static_url_path="/demo")


@web.get("/")
def index():
    return send_from_directory(STATIC, "index.html", max_age=0)


@web.after_app_request
def _page_headers(resp):
    # the page runs only its own script and talks only to this service
    if request.path == "/" or request.path.startswith("/demo/"):
        resp.headers.setdefault("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp
