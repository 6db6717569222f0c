"""Settings from the environment, an optional ``.env`` and a TOML file.

Precedence (highest first): environment variables (``ENTRAIDE_<NAME>`` and
``DATABASE_URL`` / ``REDIS_URL``), ``.env`` in the working directory, the TOML
file named by ``ENTRAIDE_CONFIG`` (default ``entraide.toml`` if present),
then defaults. Invalid values raise :class:`SettingsError` naming the setting.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import msgspec
from dotenv import dotenv_values

__all__ = ["Settings", "SettingsError", "load_settings", "redact_url"]

DEV_SECRET = "dev-insecure-secret-change-me-dev-insecure-secret-change-me"  # noqa: S105 - refused by `entraide check`


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it."""


class Settings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Validated settings of one installation.

    Attributes:
        env: "dev" (default) or "prod"; ``serve`` refuses insecure settings in
            prod (:func:`core.checks.prod_refusals`).
        debug: Show tracebacks in error pages (never in prod).
        secret_key: Signs CSRF tokens; ≥ 50 characters in prod.
        database_url: ``sqlite:///path`` or ``postgresql://…``; by default
            ``<data_dir>/entraide.sqlite3``, so ``ENTRAIDE_DATA_DIR`` moves it too.
        redis_url: Optional, for multi-host deployments.
        db_pool_size: PostgreSQL connections per worker (0: no pool).
        data_dir: Where the SQLite file, uploads and the email outbox live.
        default_site: Edition answering the extra ``allowed_hosts``.
        allowed_hosts: Host names served besides the editions' own hosts
            (answered as the default edition); any other ``Host`` gets 400.
        trusted_proxies: Addresses or networks of reverse proxies whose
            ``Forwarded`` / ``X-Forwarded-For`` headers are believed (empty:
            none, so a client cannot pick its own address).
        port: Port in the links of editions that configure no ``base_url``
            (development; ``serve --port`` and ``demo --port`` set it).
        sites_file: TOML file describing the editions (bundled default).
        https: Behind HTTPS: Secure cookies with the ``__Host-`` prefix, HSTS.
        email_backend: "console", "file" or "smtp".
        smtp_host, smtp_port, smtp_user, smtp_password, smtp_from: SMTP.
        demo: Demo mode (shows ``/dev/outbox``).
        plugins: Restrict loaded plugins to these slugs (None = all installed).
        pg_schemas: PostgreSQL only: keep each plugin's tables in a schema
            named after the plugin (docs/plugins.md, "Tables and migrations").
        plugin_paths: Plugin project folders loaded without installing them
            (``ENTRAIDE_PLUGIN_PATHS``, local development; see docs/plugins.md).
        licensed_instruments: Questionnaires off by default for licence reasons
            that this operator is licensed to use (e.g. ``pss10,pss4``).
        session_idle_minutes, session_absolute_hours: Session lifetimes.
        login_free_failures: Failures from one address before its attempts
            are delayed (1 s, 2 s, 4 s … up to ``login_max_delay_minutes``).
        login_max_failures: Failures on one account (any address) before
            attempts on it from addresses its owner never used are delayed.
        login_window_minutes: How far back failures count.
    """

    env: Literal["dev", "prod"] = "dev"
    debug: bool = False
    secret_key: str = DEV_SECRET
    database_url: str = ""
    redis_url: str | None = None
    db_pool_size: int = 10
    data_dir: str = "var"
    default_site: str = "fr"
    allowed_hosts: list[str] = msgspec.field(default_factory=list)
    trusted_proxies: list[str] = msgspec.field(default_factory=list)
    port: int = 8000
    sites_file: str | None = None
    https: bool = False
    email_backend: Literal["console", "file", "smtp"] = "file"
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "Entraide <no-reply@entraide.localhost>"
    demo: bool = False
    plugins: list[str] | None = None
    plugin_paths: list[str] = msgspec.field(default_factory=list)
    pg_schemas: bool = False
    licensed_instruments: list[str] = msgspec.field(default_factory=list)
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    login_free_failures: int = 5
    login_max_failures: int = 10
    login_window_minutes: int = 60
    login_max_delay_minutes: int = 15

    def __post_init__(self) -> None:
        if not self.database_url:
            self.database_url = f"sqlite:///{Path(self.data_dir) / 'entraide.sqlite3'}"
        if self.pg_schemas and not self.database_url.startswith("postgres"):
            raise SettingsError("ENTRAIDE_PG_SCHEMAS: per-plugin schemas need PostgreSQL (DATABASE_URL=postgresql://…)")
        if not (self.database_url.startswith("sqlite:///") or self.database_url.startswith("postgres")):
            raise SettingsError(
                f"DATABASE_URL: unsupported database {redact_url(self.database_url).split(':')[0]!r}; "
                "use sqlite:///path or postgresql://user:pass@host/db"
            )
        for proxy in self.trusted_proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise SettingsError(f"ENTRAIDE_TRUSTED_PROXIES: {proxy!r} is not an address or network") from None
        if self.session_idle_minutes <= 0 or self.session_absolute_hours <= 0:
            raise SettingsError("ENTRAIDE_SESSION_IDLE_MINUTES / _ABSOLUTE_HOURS must be positive")

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:///")

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite database file, or None on PostgreSQL."""
        return Path(self.database_url.removeprefix("sqlite:///")) if self.is_sqlite else None

    @property
    def database_display(self) -> str:
        """The database URL safe to print or log (password masked)."""
        return redact_url(self.database_url)


_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (banners, logs, errors).

    Works on anything shaped like ``scheme://user:password@host…``; the
    password may contain ``@`` or ``:``, so the last ``@`` ends it.
    """
    url = _QUERY_PASSWORD.sub(r"\1***", url)  # libpq also takes ?password=…
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{host}"


_FIELDS = set(Settings.__struct_fields__)
#: ENTRAIDE_* variables read elsewhere (config path, CLI input, test switches).
NOT_SETTINGS = frozenset(
    {"ENTRAIDE_CONFIG", "ENTRAIDE_OPERATOR_PASSWORD", "ENTRAIDE_REQUIRE_BROWSER", "ENTRAIDE_REQUIRE_REDIS"}
)
_LIST_FIELDS = {"plugins", "plugin_paths", "licensed_instruments", "allowed_hosts", "trusted_proxies"}


def _from_env(environ: dict[str, str | None]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, raw in environ.items():
        if raw is None:
            continue
        if key in ("DATABASE_URL", "REDIS_URL"):
            values[key.lower()] = raw
        elif key.startswith("ENTRAIDE_") and key not in NOT_SETTINGS:
            name = key.removeprefix("ENTRAIDE_").lower()
            if name not in _FIELDS:
                raise SettingsError(f"{key}: unknown setting (known: {', '.join(sorted(_FIELDS))})")
            values[name] = [p.strip() for p in raw.split(",") if p.strip()] if name in _LIST_FIELDS else raw
    return values


def load_settings(environ: dict[str, str] | None = None, *, cwd: Path | None = None, **overrides: Any) -> Settings:
    """Build validated settings.

    Args:
        environ: Environment to read (default ``os.environ``).
        cwd: Directory holding ``.env`` and ``entraide.toml``.
        **overrides: Values that win over everything (tests, CLI flags).

    Raises:
        SettingsError: A value is invalid; the message names the setting.
    """
    environ = dict(os.environ if environ is None else environ)
    cwd = cwd or Path.cwd()
    values: dict[str, Any] = {}
    config_file = Path(environ.get("ENTRAIDE_CONFIG") or cwd / "entraide.toml")
    if config_file.is_file():
        try:
            values.update(tomllib.loads(config_file.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{config_file}: invalid TOML: {exc}") from None
    elif environ.get("ENTRAIDE_CONFIG"):
        raise SettingsError(f"ENTRAIDE_CONFIG: file not found: {config_file}")
    dotenv = cwd / ".env"
    if dotenv.is_file():
        values.update(_from_env(dict(dotenv_values(dotenv))))
    values.update(_from_env(dict(environ)))
    values.update(overrides)
    unknown = set(values) - _FIELDS
    if unknown:
        raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    try:
        return msgspec.convert(values, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(_explain(exc)) from None


def _explain(exc: msgspec.ValidationError) -> str:
    message = str(exc)
    if "$." in message:
        detail, _, where = message.rpartition(" - at `$.")
        name = where.rstrip("`").split("[")[0]
        return f"ENTRAIDE_{name.upper()}: {detail}"
    return message
