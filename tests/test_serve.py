"""What `make run` does: migrate, build the demo once, serve the sign-in page, print the logins."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from homeward.demo import DEMO_LOGINS, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def homeward(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "homeward", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def processes_with(marker: str) -> list[int]:
    """Live processes whose environment contains ``marker`` (Linux /proc)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker.encode() in (proc / "environ").read_bytes():
                state = (proc / "stat").read_text().split(") ")[1][0]
                if state != "Z":
                    found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="covered by the SQLite run")
def test_make_run_steps_serve_the_sign_in_page_and_print_the_demo_logins(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HOMEWARD_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(HOMEWARD_DEBUG="true", HOMEWARD_DATA_DIR=str(tmp_path / "data"))
    assert homeward(env, "migrate", "--verbosity", "0").returncode == 0
    first = homeward(env, "demo", "--if-empty", "--people", "30")
    assert first.returncode == 0, first.stderr
    assert "30 people" in first.stdout
    again = homeward(env, "demo", "--if-empty")
    assert again.returncode == 0 and "demo not rebuilt" in again.stdout

    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "homeward", "serve", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        page = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as r:
                    page = r.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert "Sign in to Homeward" in page
        printed = log.read_text()
        assert f"password for all: {DEMO_PASSWORD}" in printed
        assert all(login.email in printed for login in DEMO_LOGINS)
        assert len(processes_with(str(tmp_path))) == 2  # the web server and the worker
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    # Stopping the server stops its worker too.
    for _ in range(40):
        if not processes_with(str(tmp_path)):
            break
        time.sleep(0.25)
    left = processes_with(str(tmp_path))
    for pid in left:  # started by this test (its data folder is in their environment)
        os.kill(pid, signal.SIGTERM)
    assert left == []
