"""Translations: Babel catalogs of core and plugins, merged per language.

Catalogs are plain ``.po`` files (``<package>/locale/<lang>/LC_MESSAGES/
messages.po``) compiled in memory at start-up, so the repository carries no
binary ``.mo`` files and a fresh clone needs no build step.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from core.formatting import french_typography

__all__ = ["N_", "catalog_dirs", "load_translations"]


def _compile(po_path: Path, locale: str) -> Translations:
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf)


def catalog_dirs(package_dirs: list[Path]) -> tuple[Path, ...]:
    """``locale`` folders of the given packages that exist."""
    return tuple(d / "locale" for d in package_dirs if (d / "locale").is_dir())


@cache
def load_translations(locale: str, dirs: tuple[Path, ...]) -> Translations:
    """Merged translations for ``locale`` (English msgids fall through)."""
    merged = Translations()
    for directory in dirs:
        po = directory / locale / "LC_MESSAGES" / "messages.po"
        if po.is_file():
            compiled = _compile(po, locale)
            if not merged._catalog:  # type: ignore[attr-defined]
                # merge() keeps the empty object's English rule (n != 1): take the language's own,
                # so that French reads "0 commentaire" and not "0 commentaires".
                merged.plural = compiled.plural
            merged.merge(compiled)
    if locale == "fr":
        _french_spacing(merged)
    return merged


def _french_spacing(translations: Translations) -> None:
    """Non-breaking spaces before French punctuation in every catalog string, once at load."""
    catalog = translations._catalog  # type: ignore[attr-defined]
    for key, text in catalog.items():
        if isinstance(text, str) and key:
            catalog[key] = french_typography(text)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now.

    Used for messages built outside a request (validation errors) and
    translated when rendered (``{{ _(error) }}`` in templates).
    """
    return message
