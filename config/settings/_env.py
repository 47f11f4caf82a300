"""What every settings module reads: the repository's paths and the environment (see
`.env.example`); the embedded defaults let `make run` work with nothing configured."""

from pathlib import Path
from typing import overload

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable; unset or empty means the default."""
    return [value for value in env.list(name, default=[]) if value] or default


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None) -> str | None: ...


def env_str(name: str, default: str | None) -> str | None:
    """A string variable; unset or empty means the default (`.env` files keep empty keys)."""
    return env(name, default="") or default
