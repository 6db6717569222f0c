"""Babel extractor for Python files: gettext calls, ``Message.of`` msgids and tracker declarations.

Registered in ``babel.cfg`` (``[extractors]``), it does what Babel's own
``python`` method does and then finds two kinds of msgids that method cannot:

- the first argument of ``Message.of("…")`` / ``Message("…")`` (both branches
  when it is ``"a" if cond else "b"``), read from the syntax tree;
- the texts of tracker declarations (:mod:`core.trackers`): tracker names and
  descriptions, metric labels, help and choices, derived labels, bands,
  chart axis labels, questionnaire titles, notes, items and answers. They are
  plain strings translated at render time, so the module is imported and the
  declarations it assigns at module level are walked. Only modules that import
  a declaration class from ``core.trackers`` and call it are imported.

Strings a tracker builds in functions (prompts, notes, rule texts) are not
declarations: mark them with ``N_("…")`` (:func:`core.i18n.N_`).
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

from babel.messages.extract import extract_python as _babel_extract_python

from core import trackers as decl

__all__ = ["declaration_strings", "extract_python", "message_msgids"]

Extracted = tuple[int, str | None, str | tuple[str | None, ...], list[str]]
"""(line, keyword or None, msgid or plural msgids, extracted comments), as Babel extractors yield them."""

_DECLARATION_CLASSES = frozenset(
    {"Band", "ChartSpec", "Choice", "Derived", "Metric", "QuestionItem", "Questionnaire", "Tracker"}
)
_ITEM_NOTE = (
    "Questionnaire item ({title}), published wording: translate only with the validated published "
    "translation (cite it in the questionnaire's languages); otherwise leave it empty."
)
_CHOICE_NOTE = "Answer of a questionnaire item ({title})."
_BAND_NOTE = (
    "Range label ({title}): the %(range)s in "
    '"Your answers fall in the range the questionnaire\'s authors call: %(range)s".'
)


def extract_python(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Babel extraction method: Babel's ``python`` results, then ``Message`` msgids and declarations."""
    source = fileobj.read()
    fileobj.seek(0)
    # Babel annotates this function with extract()'s result type; it yields (line, funcname, messages, comments).
    babel_results = _babel_extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    yield from cast("Iterator[Extracted]", babel_results)
    encoding = str(options.get("encoding", "utf-8"))
    tree = ast.parse(source.decode(encoding) if isinstance(source, bytes) else source)
    for lineno, msgid in message_msgids(tree):
        yield lineno, None, msgid, []
    path = getattr(fileobj, "name", None)
    if isinstance(path, str) and _declares_trackers(tree):
        module = _import(Path(path).resolve())
        yield from declaration_strings(module, tree)


def message_msgids(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Literal msgids given to ``Message.of(…)`` or ``Message(…)`` (positional or ``msgid=``)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _is_message_call(node.func):
            continue
        args = [node.args[0]] if node.args else [kw.value for kw in node.keywords if kw.arg == "msgid"]
        for arg in args:
            for text in _literal_strings(arg):
                yield arg.lineno, text


def _is_message_call(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return func.attr == "of" and isinstance(func.value, ast.Name) and func.value.id == "Message"
    return isinstance(func, ast.Name) and func.id == "Message"


def _literal_strings(node: ast.expr) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literal_strings(node.body)
        yield from _literal_strings(node.orelse)


def _declares_trackers(tree: ast.Module) -> bool:
    """True when the module imports a declaration class (from ``core.api`` or ``core.trackers``) and calls it."""
    imported: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in ("core.trackers", "core.api"):
            imported |= {alias.asname or alias.name for alias in node.names if alias.name in _DECLARATION_CLASSES}
    if not imported:
        return False
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in imported
        for node in ast.walk(tree)
    )


def _import(path: Path) -> Any:
    """Import the module at ``path`` by its dotted name (its package root goes on ``sys.path``)."""
    parts = [] if path.stem == "__init__" else [path.stem]
    root = path.parent
    while (root / "__init__.py").is_file():
        parts.insert(0, root.name)
        root = root.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    name = ".".join(parts)
    try:
        return importlib.import_module(name)
    except Exception as exc:  # re-raised with the file name
        raise RuntimeError(f"i18n extraction: cannot import {name} ({path}) to read its tracker declarations") from exc


def declaration_strings(module: Any, tree: ast.Module) -> Iterator[Extracted]:
    """Translatable texts of the declarations ``module`` assigns at module level, in source order."""
    lines: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            lines[node.value] = min(lines.get(node.value, node.lineno), node.lineno)
    seen_objects: set[int] = set()
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for name, lineno in _module_assignments(tree):
        if not hasattr(module, name):
            continue
        for text, comments in _walk(getattr(module, name), seen_objects):
            key = (text, tuple(comments))
            if text and key not in seen:
                seen.add(key)
                yield lines.get(text, lineno), None, text, comments


def _module_assignments(tree: ast.Module) -> Iterator[tuple[str, int]]:
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                yield target.id, node.lineno


def _walk(value: Any, seen: set[int]) -> Iterator[tuple[str, list[str]]]:  # noqa: C901 - one branch per declaration type
    if id(value) in seen or isinstance(value, str | bytes | int | float | bool) or value is None:
        return
    seen.add(id(value))
    if isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from _walk(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, seen)
    elif isinstance(value, decl.Tracker):
        yield from _texts(value.name, value.description, value.not_validated_note, value.reminder)
        for part in (value.metrics, value.derived, value.questionnaires, value.chart):
            yield from _walk(part, seen)
    elif isinstance(value, decl.Metric):
        yield from _texts(value.label, value.help)
        yield from _walk(value.choices, seen)
    elif isinstance(value, decl.Derived):
        yield from _texts(value.label)
        yield from _walk(value.bands, seen)
    elif isinstance(value, decl.Choice | decl.Band):
        yield from _texts(value.label)
    elif isinstance(value, decl.ChartSpec):
        yield from _texts(value.y_label)
        yield from _walk(value.reference_bands, seen)
    elif isinstance(value, decl.Message):
        yield from _texts(value.msgid)
    elif isinstance(value, decl.Questionnaire):
        yield from _questionnaire(value)
    # A QuestionItem on its own is skipped: its questionnaire yields it with its title.


def _texts(*texts: str | None) -> Iterator[tuple[str, list[str]]]:
    for text in texts:
        if text:
            yield text, []


def _questionnaire(questionnaire: decl.Questionnaire) -> Iterator[tuple[str, list[str]]]:
    title = questionnaire.title
    yield from _texts(title, questionnaire.licence_note, questionnaire.bands_note)
    if questionnaire.instructions:
        yield questionnaire.instructions, [_ITEM_NOTE.format(title=title)]
    for item in questionnaire.items:
        yield item.text, [_ITEM_NOTE.format(title=title)]
        for choice in item.choices:
            yield choice.label, [_CHOICE_NOTE.format(title=title)]
    for band in questionnaire.bands:
        yield band.label, [_BAND_NOTE.format(title=title)]
    for derived in questionnaire.derived:
        yield from _texts(derived.label)
        for band in derived.bands:
            yield band.label, [_BAND_NOTE.format(title=derived.label)]
