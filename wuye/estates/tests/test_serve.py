"""What `make run` does, end to end: migrate, seed, serve web + worker, answer, stop cleanly on SIGTERM."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process=None, timeout: float = 180) -> urllib.request.Request:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the launcher exited ({process.returncode}) before {url} answered")
        try:
            return urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own server on loopback
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


@pytest.fixture
def embedded_env(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        WUYE_ENV="development",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        PORT=str(port),
        HOST="127.0.0.1",
    )
    return env, port


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, **kwargs)  # noqa: S603


def test_serve_answers_with_the_chinese_login_and_stops_both_processes(embedded_env):
    env, port = embedded_env
    assert manage(env, "migrate", "--noinput", "-v", "0", check=True).returncode == 0
    seeded = manage(env, "seed_demo", "--if-empty", capture_output=True, text=True, check=True)
    assert "demo-regulator" in seeded.stdout
    again = manage(env, "seed_demo", "--if-empty", capture_output=True, text=True, check=True)
    assert "跳过" in again.stdout
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "serve", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/accounts/login/", server)
        html = page.read().decode()
        assert page.status == 200 and 'name="username"' in html and "登录" in html
        health = wait_for(f"http://127.0.0.1:{port}/healthz", server).read().decode()
        assert '"queue": "ok"' in health
        # Both children stay up: the huey consumer and gunicorn (a bad option once killed the worker).
        time.sleep(3)
        assert server.poll() is None, "the launcher stopped on its own"
        alive = subprocess.run(
            ["pgrep", "-s", str(server.pid), "-f", "run_huey"], capture_output=True, check=False
        )
        assert alive.stdout.strip(), "no huey consumer is running"
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "demo-owner" in output and "wuye-demo" in output
    # Neither gunicorn nor the huey consumer outlives the launcher.
    leftovers = subprocess.run(["pgrep", "-s", str(server.pid)], capture_output=True, text=True, check=False)
    assert leftovers.stdout.strip() == ""
