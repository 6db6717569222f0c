"""The privacy contract: export everything, erase everything.

Every plugin that declares member-data categories implements the
``export_personal_data`` and ``erase_personal_data`` hooks (a contract test
enforces it). Core adds its own data under the ``core`` key. Erasure lives
in :mod:`core.erasure` (re-exported here).
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from core.erasure import erase_member
from core.redact import redact_tokens
from core.tables import ConsentEvent, Member, OutboxEmail, SessionRow

if TYPE_CHECKING:
    from core.runtime import Runtime

__all__ = [
    "FORMULA_START",
    "ExportFile",
    "encode_json",
    "erase_member",
    "export_member",
    "export_zip",
    "json_default",
    "safe_cell",
]

_ARCHIVE_NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}(/[A-Za-z0-9][A-Za-z0-9._-]{0,100})+$")


class ExportFile:
    """A file a plugin puts in the member's export (a photo, an attachment).

    In ``data.json`` and the CSV files it appears as its place in the zip
    (``"files/wall/photos/3f2a.webp"``); ``/me/export.zip`` holds the file
    itself there. A file deleted in between is left out of the zip.

    Attributes:
        name: Place in the zip under ``files/``, starting with the plugin's
            slug, e.g. ``"wall/photos/3f2a.webp"`` (letters, digits, ``._-``).
        path: Where the file is on disk (e.g. from ``core.api.media_path``).
    """

    __slots__ = ("name", "path")

    def __init__(self, name: str, path: Path) -> None:
        # A plain class, not a dataclass: JSON encoders would serialise a dataclass field by field.
        if not _ARCHIVE_NAME.match(name) or ".." in name:
            raise ValueError(f"invalid export file name {name!r}")
        self.name = name
        self.path = path

    def __repr__(self) -> str:
        return f"ExportFile({self.name!r}, {self.path!r})"

    @property
    def archive_name(self) -> str:
        return f"files/{self.name}"


def json_default(value: Any) -> Any:
    if isinstance(value, ExportFile):
        return value.archive_name
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if isinstance(value, Decimal):  # json.dumps (CSV cells); data.json writes Decimals itself, digit for digit
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


#: Decimals (weights, scores) are JSON numbers with their own digits (``72.5``, not ``"72.5"``).
_ENCODER = msgspec.json.Encoder(enc_hook=json_default, decimal_format="number")


def encode_json(document: dict[str, Any]) -> bytes:
    """Fast JSON encoding; plugins may embed pre-encoded JSON as ``msgspec.Raw``."""
    return _ENCODER.encode(document)


async def _core_export(member_id: int, avatar_dir: Path) -> dict[str, Any]:
    member = (
        await Member.select(*Member.all_columns(exclude=[Member.password_hash])).where(Member.id == member_id).first()
    )
    consents = (
        await ConsentEvent.select(
            ConsentEvent.purpose,
            ConsentEvent.action,
            ConsentEvent.text_version,
            ConsentEvent.site,
            ConsentEvent.language,
            ConsentEvent.channel,
            ConsentEvent.created_at,
            ConsentEvent.prev_hash,
            ConsentEvent.entry_hash,
        )
        .where(ConsentEvent.member == member_id)
        .order_by(ConsentEvent.id)
    )
    sessions = await SessionRow.select(SessionRow.created_at, SessionRow.last_seen_at, SessionRow.user_agent).where(
        SessionRow.member == member_id
    )
    emails = []
    if member:
        emails = [
            {**row, "body": redact_tokens(row["body"])}  # links already used or expiring: no live token in a file
            for row in await OutboxEmail.select(OutboxEmail.created_at, OutboxEmail.subject, OutboxEmail.body)
            .where(OutboxEmail.to_email == member["email"])
            .order_by(OutboxEmail.id)
        ]
    document: dict[str, Any] = {"account": member, "consent_ledger": consents, "sessions": sessions}
    document["emails_sent"] = emails
    if member and member.get("avatar_file"):
        document["avatar"] = ExportFile(
            f"core/avatar{Path(member['avatar_file']).suffix}", avatar_dir / member["avatar_file"]
        )
    return document


async def export_member(rt: Runtime, member_id: int) -> dict[str, Any]:
    """Everything held about a member: core, then one key per plugin slug."""
    document: dict[str, Any] = {
        "format": "entraide-personal-data/1",
        "generated_at": datetime.now(UTC).isoformat(),
        "core": await _core_export(member_id, rt.settings.data_path / "avatars"),
    }
    for impl in rt.registry.pm.hook.export_personal_data.get_hookimpls():
        result = impl.function(member_id=member_id)
        if inspect.isawaitable(result):
            result = await result
        if result is not None:
            document[impl.plugin_name] = result
    return document


def _csv_tables(prefix: str, data: Any) -> dict[str, str]:
    """Lists of flat dicts become CSV files (one per dataset)."""
    files: dict[str, str] = {}
    if not isinstance(data, dict):
        return files
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            fields: list[str] = []
            for row in value:
                fields.extend(k for k in row if k not in fields)
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
            writer.writerow({f: safe_cell(f) for f in fields})  # header: keys are plugin-chosen text too
            for row in value:
                writer.writerow({k: _cell(v) for k, v in row.items()})
            files[f"{prefix}/{key}.csv"] = buf.getvalue()
    return files


#: A spreadsheet runs a cell starting with these as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell: text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, ExportFile):
        return value.archive_name
    if isinstance(value, dict | list):
        return safe_cell(json.dumps(value, default=json_default, ensure_ascii=False))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return safe_cell(value)


def _files(value: Any) -> Iterator[ExportFile]:
    """Every :class:`ExportFile` anywhere in an export document."""
    if isinstance(value, ExportFile):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _files(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _files(item)


def export_zip(document: dict[str, Any]) -> bytes:
    """A zip with ``data.json``, one CSV per table-like dataset, the members' files, and a README."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", encode_json(document))
        for key, value in document.items():
            for name, content in _csv_tables(key, value).items():
                zf.writestr(name, content)
        written: set[str] = set()
        for file in _files(document):
            if file.archive_name not in written and file.path.is_file():
                zf.write(file.path, file.archive_name, compress_type=zipfile.ZIP_STORED)
                written.add(file.archive_name)
        zf.writestr(
            "README.txt",
            "Your Entraide data. data.json holds everything (format entraide-personal-data/1);\n"
            "each folder holds one CSV per dataset of the feature named by the folder;\n"
            "files/ holds your photos and other files, one folder per feature.\n",
        )
    return buf.getvalue()
