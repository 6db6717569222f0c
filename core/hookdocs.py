"""Generate ``docs/hooks.md`` and ``docs/slots.md`` from the code (the single source).

Run ``uv run python -m core.hookdocs`` after changing a hookspec or a slot; a
contract test fails when a committed file differs from what this writes, or
when a hookspec docstring's ``Example:`` does not compile.
"""

from __future__ import annotations

import inspect
import sys
import textwrap
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from core import hookspecs

__all__ = ["API_PATH", "DOC_PATH", "SLOTS_PATH", "example_of", "main", "render", "render_api", "render_slots", "specs"]

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "hooks.md"
SLOTS_PATH = DOC_PATH.with_name("slots.md")
API_PATH = DOC_PATH.with_name("api.md")

_SLOTS_HEADER = """# UI slots

Generated from `core.ui.SLOTS` and `core.ui.SPONSORABLE_SLOTS` by `uv run python -m core.hookdocs`.

Templates call `{{ slot("name") }}`; enabled plugins fill slots through `provide_fragments(slot, ctx)`.
Fragments are ordered by their explicit `order` (then plugin slug) and rendered in isolation (a failing
fragment is logged and omitted; its plugin shows as *degraded* in `/admin/`).

**Sponsored content.** Core, not the plugin, labels it: every fragment of a plugin whose `META.kind` is
`sponsored` is wrapped in `<aside class="sponsored">` with a "Sponsored · <META.sponsor>" label. Such
fragments appear only in the slots marked *sponsorable* below, and never on the operator console (`/admin/…`)
or the member's account pages (`/me`, `/me/…`), whatever the slot. The `sponsored` CSS class family is
reserved: a fragment of any other plugin whose markup uses it, or that sets `Fragment.sponsored`, is refused.
Sponsored plugins receive an anonymous `PageContext` (no member, no consent state).

| slot | sponsorable | where / what for |
|---|---|---|
"""

_HEADER = """# Hook reference

Generated from `core/hookspecs/` by `uv run python -m core.hookdocs` (the docstrings are
the source of truth; a test fails when this file is stale). Global hooks run for every
installed plugin; site hooks only for plugins enabled on the request's edition.
Implementations may be sync or async: core awaits what needs awaiting. Sponsored
plugins are never called for `handle_event`, `resolve_permission` or `resolve_related`.
Every example assumes `from core.api import hookimpl` (plus the names it uses)
and a `services` module of your own.
"""


def specs() -> Iterator[tuple[Any, str, Callable[..., Any]]]:
    """``(module, name, function)`` for every hookspec, in documentation order."""
    for module in hookspecs.MODULES:
        for name in sorted(module.__all__):
            yield module, name, getattr(module, name)


def example_of(function: Callable[..., Any]) -> str:
    """The dedented code under the docstring's trailing ``Example:`` heading ("" if none)."""
    doc = inspect.getdoc(function) or ""
    _, found, code = doc.partition("\nExample:\n")
    return textwrap.dedent(code).strip() + "\n" if found else ""


def _signature(name: str, function: Callable[..., Any]) -> str:
    sig = inspect.signature(function)
    params = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not inspect.Parameter.empty else p.name
        for p in sig.parameters.values()
    )
    returns = sig.return_annotation if sig.return_annotation is not inspect.Signature.empty else "None"
    return f"{name}({params}) -> {returns}"


def render() -> str:
    """The full text of ``docs/hooks.md``."""
    parts = [_HEADER]
    current = None
    for module, name, function in specs():
        if module is not current:
            current = module
            summary = (inspect.getdoc(module) or "").splitlines()[0]
            parts.append(f"\n## `{module.__name__}` — {summary}\n")
        scope = "site" if name in hookspecs.SITE_HOOKS else "global"
        doc = inspect.getdoc(function) or ""
        body, _, _ = doc.partition("\nExample:\n")
        text = f"\n### `{_signature(name, function)}`\n\n*Scope: {scope}.*\n\n{body.strip()}\n"
        example = example_of(function)
        if example:
            text += f"\nExample:\n\n```python\n{example}```\n"
        parts.append(text)
    return "".join(parts)


def render_slots() -> str:
    """The full text of ``docs/slots.md``."""
    from core.ui import SLOTS, SPONSORABLE_SLOTS

    rows = [f"| `{name}` | {'yes' if name in SPONSORABLE_SLOTS else 'no'} | {text} |" for name, text in SLOTS.items()]
    return _SLOTS_HEADER + "\n".join(rows) + "\n"


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) if callable(obj) or inspect.isclass(obj) else None
    return (doc or "").strip().splitlines()[0] if doc else ""


def render_api() -> str:
    """The full text of ``docs/api.md``: every public name of ``core.api`` with its summary."""
    import core.api as api

    lines = [
        "# `core.api` index",
        "",
        "Generated from `core.api.__all__` by `uv run python -m core.hookdocs`: the only module a plugin imports",
        "from core (plus `core.testing` in its tests). Names not listed here are private. See docs/plugins.md",
        "for how they fit together and the API stability policy.",
        "",
        "| name | kind | what it is |",
        "|---|---|---|",
    ]
    for name in sorted(api.__all__, key=str.lower):
        obj = getattr(api, name)
        if typing.get_origin(obj) is not None:
            kind = "type"
        else:
            kind = "class" if inspect.isclass(obj) else "function" if callable(obj) else "constant"
        fallback = "—" if kind in ("class", "function") else f"`{obj!r}`"[:80]
        summary = _summary(obj).replace("|", "\\|") or fallback
        lines.append(f"| `{name}` | {kind} | {summary} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the generated docs (``--check``: exit 1 when one is stale instead)."""
    args = sys.argv[1:] if argv is None else argv
    stale = 0
    for path, text in ((DOC_PATH, render()), (SLOTS_PATH, render_slots()), (API_PATH, render_api())):
        if "--check" in args:
            current = path.read_text(encoding="utf-8") if path.is_file() else ""
            if current != text:
                print(f"{path} is stale: run `uv run python -m core.hookdocs`", file=sys.stderr)
                stale = 1
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
