"""Static checks of a plugin's source: what an operator runs before installing it.

Nothing here imports the plugin: files are parsed (``ast``) so a hostile or
broken package cannot run code during the audit. What it finds:

* imports outside the door: ``core.*`` other than ``core.api`` (and
  ``core.testing`` in tests), other plugins' packages, and modules a feature
  has no business using (``sqlite3``, ``subprocess``, ``socket``, ``ctypes``);
  ``os.environ`` / ``os.system`` and friends; network clients (a warning:
  some features legitimately fetch, the operator should know which);
* raw SQL (``raw(``, ``run_ddl(``, ``execute(`` with a literal) naming a
  table outside the plugin's ``<slug>_`` prefix;
* hook implementations a plugin of its kind may not have (a sponsored
  plugin implements only ``core.hookspecs.SPONSORED_HOOKS``), hook
  implementations with no such hook (misspelt), and a sponsored plugin
  declaring member-data categories;
* reaching into core's runtime (``app.state``, ``scope["state"]``) (a warning).

What it cannot catch is said in docs/plugins.md: Python code can always do
anything its process can (``getattr`` tricks, ``importlib``, data files read
at run time, C extensions, dependencies' behaviour). Installing a plugin
means trusting its code; the audit only makes honest mistakes and casual
shortcuts visible.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Finding", "PluginSource", "audit_package", "audit_source", "find_package"]

SERIOUS, WARNING = "serious", "warning"
_FORBIDDEN_MODULES = {"sqlite3", "subprocess", "socket", "ctypes", "multiprocessing", "pty", "asyncpg", "psycopg"}
_NETWORK_MODULES = {"urllib.request", "http.client", "requests", "httpx", "aiohttp", "urllib3", "ftplib", "smtplib"}
_OS_CALLS = {"environ", "getenv", "putenv", "system", "popen", "execv", "execve", "execl", "spawnl", "fork", "kill"}
_KIND_FORBIDDEN: dict[str, set[str]] = {
    "theme-helper": {"handle_event", "resolve_permission", "resolve_related", "register_routes"},
    "tracker": {"resolve_permission", "resolve_related"},
    "feature": set(),
}
_SQL_TABLE = re.compile(r"\b(?:from|join|into|update|table|truncate)\s+[\"`]?([A-Za-z_][\w.]*)", re.IGNORECASE)
_SQL_CALLS = {"raw", "run_ddl", "execute", "executemany", "executescript", "fetch", "fetchrow"}


@dataclass(frozen=True)
class Finding:
    """One problem: ``serious`` ones make ``entraide plugins audit`` exit 1."""

    level: str
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper()}: {self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class PluginSource:
    """What the audit reads from ``META`` without importing the plugin."""

    slug: str
    kind: str
    data_categories: tuple[str, ...]
    package: Path


def _literal_meta(tree: ast.AST) -> dict[str, object]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "PluginMeta":
            values: dict[str, object] = {}
            for keyword in node.keywords:
                try:
                    values[str(keyword.arg)] = ast.literal_eval(keyword.value)
                except ValueError:
                    continue
            return values
    return {}


def _source(meta: dict[str, object], path: Path) -> PluginSource:
    if not meta.get("slug"):
        raise FileNotFoundError(f"{path}: no literal PluginMeta(slug=...) found")
    categories = meta.get("data_categories") or ()
    assert isinstance(categories, tuple | list)
    return PluginSource(str(meta["slug"]), str(meta.get("kind", "feature")), tuple(map(str, categories)), path)


def find_package(target: str) -> PluginSource:
    """The plugin package at ``target`` (package folder, project folder or importable name)."""
    path = Path(target)
    if path.is_file() and path.suffix == ".py":  # a single-module plugin
        return _source(_literal_meta(ast.parse(path.read_text(encoding="utf-8"))), path)
    if not path.exists():
        import importlib.util

        spec = importlib.util.find_spec(target)  # finds the folder without running the package
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(f"{target}: no such folder or installed package")
        path = Path(next(iter(spec.submodule_search_locations)))
    if not (path / "__init__.py").is_file():
        candidates = [p.parent for p in sorted(path.glob("*/meta.py")) + sorted(path.glob("src/*/meta.py"))]
        candidates += [p.parent for p in sorted(path.glob("*/__init__.py")) if p.parent not in candidates]
        candidates = [c for c in candidates if _literal_meta(_parse_all(c))]
        if len(candidates) != 1:
            raise FileNotFoundError(f"{target}: expected one plugin package with a META, found {len(candidates)}")
        path = candidates[0]
    return _source(_literal_meta(_parse_all(path)), path)


def _parse_all(package: Path) -> ast.Module:
    body: list[ast.stmt] = []
    for file in sorted(package.glob("*.py")):
        try:
            body.extend(ast.parse(file.read_text(encoding="utf-8")).body)
        except SyntaxError:
            continue
    return ast.Module(body=body, type_ignores=[])


def _import_findings(tree: ast.AST, slug: str, rel: str, in_tests: bool) -> list[Finding]:
    found = []
    own = {f"plugins.{slug}", f"entraide_{slug}", slug}
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            module = node.module
            names = [f"{module}.{a.name}" if module in ("core", "plugins") else module for a in node.names]
        for name in names:
            top = name.split(".")[0]
            line = getattr(node, "lineno", 0)
            allowed_core = ("core.api", "core.testing") if in_tests else ("core.api",)
            if top == "core" and not any(name == a or name.startswith(a + ".") for a in allowed_core):
                found.append(Finding(SERIOUS, rel, line, f"imports {name}: only core.api is public"))
            elif (top == "plugins" or top.startswith("entraide_")) and not any(
                name == o or name.startswith(o + ".") for o in own
            ):
                found.append(Finding(SERIOUS, rel, line, f"imports {name}: another plugin's package"))
            elif top in _FORBIDDEN_MODULES or name in _FORBIDDEN_MODULES:
                found.append(Finding(SERIOUS, rel, line, f"imports {name}: not something a plugin needs"))
            elif name in _NETWORK_MODULES or top in _NETWORK_MODULES:
                found.append(Finding(WARNING, rel, line, f"imports {name}: a network client (what does it fetch?)"))
    return found


def _call_findings(tree: ast.AST, slug: str, rel: str) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in _OS_CALLS:
                found.append(Finding(SERIOUS, rel, line, f"uses os.{node.attr}: settings come from core.api.settings"))
        elif isinstance(node, ast.Attribute) and node.attr == "entraide" and _is_state(node.value):
            found.append(Finding(WARNING, rel, line, "reaches into core's runtime (app.state.entraide)"))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in _SQL_CALLS:
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    for table in _SQL_TABLE.findall(arg.value):
                        name = table.split(".")[-1].lower()
                        if not name.startswith(f"{slug}_"):
                            found.append(Finding(SERIOUS, rel, line, f"raw SQL names table {table!r} outside {slug}_*"))
    return found


def _is_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "state"


def _hook_findings(tree: ast.AST, source: PluginSource, rel: str, hook_names: set[str]) -> list[Finding]:
    found = []
    forbidden = _KIND_FORBIDDEN.get(source.kind, set())
    if source.kind == "sponsored":  # an allow-list, as core enforces at load time
        from core.hookspecs import SPONSORED_HOOKS

        forbidden = hook_names - SPONSORED_HOOKS
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not any(getattr(d, "id", getattr(d, "attr", "")) == "hookimpl" for d in node.decorator_list):
            continue
        if node.name not in hook_names:
            found.append(Finding(SERIOUS, rel, node.lineno, f"hook implementation {node.name!r}: no such hook"))
        elif node.name in forbidden:
            found.append(Finding(SERIOUS, rel, node.lineno, f"a {source.kind} plugin may not implement {node.name}"))
    return found


def audit_source(path: Path, source: PluginSource, hook_names: set[str]) -> list[Finding]:
    """Findings for one Python file of the plugin."""
    rel = str(path.relative_to(source.package.parent))
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except SyntaxError as exc:
        return [Finding(SERIOUS, rel, exc.lineno or 0, f"does not parse: {exc.msg}")]
    in_tests = source.package.is_dir() and "tests" in path.relative_to(source.package).parts
    found = _import_findings(tree, source.slug, rel, in_tests)
    if in_tests:  # tests may build sample plugins and look at the app: only the import rule applies
        return found
    if "piccolo_migrations" not in path.parts:
        found += _call_findings(tree, source.slug, rel)
    return found + _hook_findings(tree, source, rel, hook_names)


def audit_package(target: str) -> tuple[PluginSource, list[Finding]]:
    """Audit every Python file of the plugin at ``target``; serious findings first."""
    from core import hookspecs

    source = find_package(target)
    hook_names = {name for module in hookspecs.MODULES for name in module.__all__}
    files = [source.package] if source.package.is_file() else sorted(source.package.rglob("*.py"))
    findings = [f for path in files for f in audit_source(path, source, hook_names)]
    if source.kind == "sponsored" and source.data_categories:
        meta_path = source.package if source.package.is_file() else source.package / "meta.py"
        meta_file = str(meta_path.relative_to(source.package.parent))
        findings.append(Finding(SERIOUS, meta_file, 0, "a sponsored plugin may not declare member-data categories"))
    return source, sorted(findings, key=lambda f: (f.level != SERIOUS, f.path, f.line))
