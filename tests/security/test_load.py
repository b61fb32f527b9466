"""Comments under load against gunicorn, a worker killed: nothing lost or doubled.

Runs bench/load.py at a small size (the full 2,000-comment runs and their
figures are in bench/README.md) on the database the suite runs on.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("kill", [False, True], ids=["steady", "worker-killed"])
def test_every_acknowledged_comment_is_stored_exactly_once(kill):
    database = (
        "postgres"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite"
    )
    command = [
        sys.executable,
        "bench/load.py",
        "--database",
        database,
        "--comments",
        "300",
        "--clients",
        "10",
        "--twins",
        "10",
        "--port",
        str(free_port()),
    ]
    if kill:
        command.append("--kill-worker")
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "OK: no 5xx; every acknowledged post stored once" in output
