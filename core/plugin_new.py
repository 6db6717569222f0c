"""``entraide plugins new SLUG --kind KIND``: a new plugin package in one command.

The copier template (``plugin_template/``) is the source of truth; this
command only saves an author from knowing where it lives and which answers
matter: it renders the chosen kind non-interactively next to the checkout,
pointing the new package's Entraide dependency at this checkout. From a git
checkout it copies from the repository itself, so ``.copier-answers.yml``
records the template commit and ``copier update`` works later.
"""

from __future__ import annotations

from pathlib import Path

from core.cli_common import CliError
from core.meta import SLUG_RE

__all__ = ["KINDS", "new_plugin", "next_steps"]

CHECKOUT = Path(__file__).resolve().parents[1]
KINDS = ("tracker", "feature", "sponsored")


def new_plugin(slug: str, kind: str, dest: str | None = None) -> Path:
    """Render the template for ``kind`` into ``dest`` and return the new project folder.

    Raises:
        CliError: a bad slug or kind, a non-empty destination, or no template/copier
            at hand (an Entraide installed from a wheel has no template: use
            ``uvx copier copy`` on a checkout or the repository URL).
    """
    if not SLUG_RE.match(slug):
        raise CliError(f"invalid plugin slug {slug!r}: 2-31 lowercase letters, digits or _, starting with a letter")
    if kind not in KINDS:
        raise CliError(f"unknown kind {kind!r} (choose {', '.join(KINDS)})")
    template = CHECKOUT / "plugin_template"
    if not (template / "copier.yml").is_file():
        raise CliError("this Entraide has no plugin_template/: `uvx copier copy <Entraide checkout or git URL> DEST`")
    try:
        from copier import run_copy
    except ImportError:
        raise CliError(f"copier is not installed: `uv add --dev copier` or `uvx copier copy {template} DEST`") from None
    target = Path(dest or f"entraide-{slug.replace('_', '-')}").resolve()
    if target.exists() and any(target.iterdir()):
        raise CliError(f"{target} exists and is not empty")
    from_git = (CHECKOUT / ".git").exists() and (CHECKOUT / "copier.yml").is_file()
    run_copy(
        str(CHECKOUT if from_git else template),
        str(target),
        data={"kind": kind, "slug": slug, "entraide_path": str(CHECKOUT)},
        defaults=True,
        quiet=True,
        vcs_ref="HEAD" if from_git else None,
    )
    return target


def next_steps(target: Path, slug: str) -> str:
    """What to run next, printed by the CLI (the same steps as docs/plugins.md, "Start")."""
    return "\n".join(
        (
            f"Created {target} (package entraide_{slug}).",
            "Next:",
            f"  cd {target} && uv sync && uv run pytest      # its own tests, with Entraide's test kit",
            f"  uv run entraide plugins check {slug}         # the plugin contract",
            f"  uv run entraide plugins audit entraide_{slug} # what an operator's audit will say",
            "  uv run entraide demo                           # see it in a community",
        )
    )
