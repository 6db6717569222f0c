"""`entraide serve` as an operator runs it: production refusals, no banner, no token in logs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from core.checks import prod_refusals, weak_secret
from core.settings import DEV_SECRET, load_settings

GOOD_SECRET = "B0G1qGVATOQq93_bkXvUMQkzSQyDrkwfTincyJ3g729ZiPc0gNPw66MwFgYQ"
HARDENED = {
    "ENTRAIDE_ENV": "prod",
    "ENTRAIDE_SECRET_KEY": GOOD_SECRET,
    "ENTRAIDE_HTTPS": "true",
    "ENTRAIDE_EMAIL_BACKEND": "smtp",
}


def cli(tmp_path, database_url, *args, env=None, **kwargs):
    base = {k: v for k, v in os.environ.items() if not k.startswith("ENTRAIDE_") and k != "DATABASE_URL"}
    base.update({"DATABASE_URL": database_url, "ENTRAIDE_DATA_DIR": str(tmp_path / "var")}, **(env or {}))
    command = [sys.executable, "-m", "core.cli", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, env=base, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
    return subprocess.run(command, env=base, cwd=tmp_path, capture_output=True, text=True, timeout=120)  # noqa: S603


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"secret_key": DEV_SECRET}, "is the development key"),
        ({"secret_key": "short-but-random-Xy7"}, "shorter than 50 characters"),
        ({"secret_key": "abcdefghij" * 6}, "too little entropy"),
        ({"secret_key": "ab" * 40}, "too little entropy"),
        ({"demo": True}, "ENTRAIDE_DEMO must be off"),
        ({"debug": True}, "ENTRAIDE_DEBUG must be off"),
        ({"email_backend": "file"}, "ENTRAIDE_EMAIL_BACKEND=file"),
    ],
)
def test_each_unsafe_production_setting_is_refused(tmp_path, change, sentence):
    values = {"env": "prod", "secret_key": GOOD_SECRET, "email_backend": "smtp", **change}
    problems = prod_refusals(load_settings({}, cwd=tmp_path, **values))
    assert len(problems) == 1 and sentence in problems[0]
    assert weak_secret(GOOD_SECRET) is None


def test_serve_and_check_refuse_the_same_way(tmp_path, database_url):
    unsafe = {**HARDENED, "ENTRAIDE_SECRET_KEY": DEV_SECRET, "ENTRAIDE_EMAIL_BACKEND": "file", "ENTRAIDE_DEMO": "1"}
    served = cli(tmp_path, database_url, "serve", "--port", "8119", env=unsafe)
    assert served.returncode == 2
    (line,) = served.stderr.strip().splitlines()
    assert line.startswith("entraide: error: refusing to start with ENTRAIDE_ENV=prod")
    checked = cli(tmp_path, database_url, "check", env=unsafe)
    assert checked.returncode == 1
    for sentence in prod_refusals(load_settings({}, cwd=tmp_path, env="prod", secret_key=DEV_SECRET, demo=True)):
        assert sentence in line and f"ERROR: {sentence}" in checked.stdout
    assert cli(tmp_path, database_url, "check", env=HARDENED).returncode == 0


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _guesses_until_slowed(base):
    """Wrong passwords sent from loopback, each claiming another address, until the server answers 429.

    With ``ENTRAIDE_TRUSTED_PROXIES`` empty, uvicorn must not believe forwarded
    headers either (its own default trusts them from 127.0.0.1).
    """
    with httpx.Client(base_url=base, headers={"host": "fr.localhost"}) as browser:
        browser.get("/login")
        token = browser.cookies["csrftoken"]
        for attempt in range(1, 10):
            guess = {"email": "alice@example.org", "password": f"guess {attempt}", "_csrf_token": token}
            forwarded = {"x-forwarded-for": f"203.0.113.{attempt}", "forwarded": f"for=198.51.100.{attempt}"}
            if browser.post("/login", data=guess, headers=forwarded).status_code == 429:
                return attempt
    return None


def test_server_sends_no_banner_and_keeps_tokens_out_of_its_log(tmp_path, database_url):
    port = _free_port()
    server = cli(tmp_path, database_url, "serve", "--port", str(port), background=True)
    token = "Tk4" + "q8ZrW2xLp5Ns9Vd3Hb7" * 2
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        health = httpx.get(f"{base}/healthz")
        assert "server" not in health.headers
        assert httpx.get(f"{base}/verify/{token}").status_code == 400
        assert httpx.get(f"{base}/password/reset/{token}").status_code == 400
        assert _guesses_until_slowed(base) == 6  # a fresh X-Forwarded-For per guess changes nothing
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "GET /healthz" in output  # the access log is on
    assert token not in output and "/verify/[redacted]" in output and "/password/reset/[redacted]" in output
