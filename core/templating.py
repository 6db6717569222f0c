"""One Jinja environment per site: theme chain, plugin templates, core.

Built once per site and cached. Litestar renders synchronously, so async
data (slot fragments, consent state) is gathered before rendering by
:mod:`core.render`; templates only read it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from core.formatting import jinja_filters
from core.i18n import load_translations

__all__ = ["SPONSORED_SEPARATOR", "SPONSORED_SKELETON", "THEMES_DIR", "TemplateFactory", "theme_chain"]

THEMES_DIR = Path(__file__).resolve().parent.parent / "themes"
CORE_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Separates the title from the content in a sponsored page rendered on the skeleton.
SPONSORED_SEPARATOR = "\x1e"
SPONSORED_SKELETON = "{% block title %}{% endblock %}" + SPONSORED_SEPARATOR + "{% block content %}{% endblock %}"
_SLOT_RE = re.compile(r"""slot\(\s*["']([a-z0-9_.\-]+)["']""")


def theme_chain(slug: str, themes_dir: Path = THEMES_DIR) -> list[Path]:
    """Theme directories from the child to the root (``extends`` in theme.toml)."""
    chain: list[Path] = []
    seen: set[str] = set()
    current: str | None = slug
    while current:
        if current in seen:
            raise ValueError(f"theme inheritance loop at {current!r}")
        seen.add(current)
        directory = themes_dir / current
        manifest = directory / "theme.toml"
        if not manifest.is_file():
            raise ValueError(f"theme {current!r} not found (no {manifest})")
        chain.append(directory)
        current = tomllib.loads(manifest.read_text(encoding="utf-8")).get("extends")
    return chain


def _gettext_callables(translations: Any) -> dict[str, Any]:
    """Newstyle gettext that formats only when variables are given.

    Jinja's newstyle ``_()`` always applies ``%`` formatting, so a label coming
    from data (a tracker's "100% juice excluded") would crash the page. Here
    ``_("…")`` returns the translation as is, and ``_("… %(n)s", n=x)``
    formats it with escaped variables, as in Python code.
    """

    @jinja2.pass_context
    def gettext(context: Any, message: str, **variables: Any) -> str:
        text = translations.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)  # noqa: S704 - translations are trusted catalog text
        return text % variables if variables else text

    @jinja2.pass_context
    def ngettext(context: Any, singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        text = translations.ngettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)  # noqa: S704 - translations are trusted catalog text
        return text % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


class TemplateFactory:
    """Builds and caches Jinja environments keyed by (theme, locale)."""

    def __init__(
        self,
        plugin_template_dirs: list[Path],
        locale_dirs: tuple[Path, ...],
        globals_: dict[str, Any],
        *,
        auto_reload: bool = False,
    ) -> None:
        self.auto_reload = auto_reload
        self.plugin_template_dirs = plugin_template_dirs
        self.locale_dirs = locale_dirs
        self.globals = globals_
        self._envs: dict[tuple[str, str], jinja2.Environment] = {}
        self._slots: dict[tuple[str, str, str], frozenset[str]] = {}
        self._templates: dict[tuple[int, str], jinja2.Template] = {}

    def env(self, theme: str, locale: str) -> jinja2.Environment:
        key = (theme, locale)
        env = self._envs.get(key)
        if env is None:
            env = self._envs[key] = self._build(theme, locale)
        return env

    def template(self, env: jinja2.Environment, name: str) -> jinja2.Template:
        """``env.get_template(name)``, kept per environment while templates do not reload.

        Jinja's own cache takes a lock and reorders its LRU queue on every
        look-up; a page asks for its template on every request. Environments
        live as long as this object, so their ids are stable keys.
        """
        if self.auto_reload:
            return env.get_template(name)
        key = (id(env), name)
        found = self._templates.get(key)
        if found is None:
            found = self._templates[key] = env.get_template(name)
        return found

    def sponsored_env(self, theme: str, locale: str) -> jinja2.Environment:
        """A sandboxed environment for sponsored plugins' templates (core.sponsorship.render).

        Their pages extend ``base.html`` like any page; here that name is a
        bare skeleton holding only the ``title`` and ``content`` blocks, so the
        page renders with its restricted context and core lays it out. The
        sandbox refuses underscore attributes: no climbing from a value to
        the application.
        """
        key = ("sponsored:" + theme, locale)
        env = self._envs.get(key)
        if env is None:
            env = self._envs[key] = self._build(theme, locale, sponsored=True)
        return env

    def _build(self, theme: str, locale: str, *, sponsored: bool = False) -> jinja2.Environment:
        dirs = [d / "templates" for d in theme_chain(theme)] + self.plugin_template_dirs + [CORE_TEMPLATES]
        loader: jinja2.BaseLoader = jinja2.FileSystemLoader([str(d) for d in dirs])
        if sponsored:
            loader = jinja2.ChoiceLoader([jinja2.DictLoader({"base.html": SPONSORED_SKELETON}), loader])
        env = (SandboxedEnvironment if sponsored else jinja2.Environment)(
            loader=loader,
            autoescape=True,
            auto_reload=self.auto_reload,  # stat() every template on every render: debug only
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        translations = load_translations(locale, self.locale_dirs)
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        env.globals.update(_gettext_callables(translations))
        env.globals.update(self.globals)
        env.filters.update(jinja_filters())
        env.globals["theme"] = theme
        return env

    def slots_of(self, env: jinja2.Environment, theme: str, locale: str, name: str) -> frozenset[str]:
        """Slot names a template and everything it extends/includes may render."""
        key = (theme, locale, name)
        found = self._slots.get(key)
        if found is None:
            found = self._slots[key] = frozenset(self._scan(env, name, set()))
        return found

    def _scan(self, env: jinja2.Environment, name: str, seen: set[str]) -> set[str]:
        if name in seen:
            return set()
        seen.add(name)
        assert env.loader is not None
        source, _, _ = env.loader.get_source(env, name)
        slots = set(_SLOT_RE.findall(source))
        for ref in jinja_meta.find_referenced_templates(env.parse(source)):
            if ref:
                slots |= self._scan(env, ref, seen)
        return slots
