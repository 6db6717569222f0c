"""The data folder is private: folders 0700, files 0600; `entraide check` notices drift."""

from __future__ import annotations

import io
import stat

from PIL import Image

from core.checks import deploy_checks
from core.testing import PG_URL, csrf_token, make_member, post_form


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_written_under_the_data_folder_is_private(data_app, client_for, tmp_path):
    client = client_for("fr", data_app)
    image = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 120, 200)).save(image, "PNG")
    form = {
        "_csrf_token": csrf_token(client),
        "pseudonym": "Maelle",
        "email": "maelle@example.org",
        "password": "correct horse battery staple",
        "birth_year": "1990",
        "consent_core.terms": "yes",
    }
    files = {"avatar_upload": ("me.png", image.getvalue(), "image/png")}
    assert client.post("/signup", data=form, files=files, follow_redirects=False).status_code in (200, 303)
    make_member(data_app, email="bob@example.org", pseudonym="Bob")
    assert post_form(client_for("fr", data_app), "/password/reset", {"email": "bob@example.org"}).status_code == 200
    data = tmp_path / "data"
    written = [p for p in data.rglob("*")]
    assert data / "outbox.log" in written and any(p.parent.name == "avatars" for p in written)
    if not PG_URL:
        assert data / "entraide.sqlite3" in written
    assert _mode(data) == 0o700
    loose = {str(p): oct(_mode(p)) for p in written if _mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert not loose
    assert not [m for level, m in deploy_checks(data_app.state.entraide.settings) if "accessible" in m]


def test_check_reports_loose_permissions(data_app, tmp_path):
    data = tmp_path / "data"
    leaked = data / "avatars" / "leak.webp"
    leaked.parent.mkdir(mode=0o700, exist_ok=True)
    leaked.write_bytes(b"x")
    leaked.chmod(0o644)
    (data / "avatars").chmod(0o755)
    problems = [m for level, m in deploy_checks(data_app.state.entraide.settings) if level == "ERROR"]
    assert f"{leaked} is accessible to other users (chmod 600)" in problems
    assert f"{data / 'avatars'} is accessible to other users (chmod 700)" in problems
