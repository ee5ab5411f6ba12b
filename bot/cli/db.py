"""`talentbot db status` and `talentbot db upgrade`: the database's schema version and its migrations."""

from __future__ import annotations

import typer

from bot.cli.common import fail, settings
from bot.store import Backend, StoreError, open_backend
from bot.store import migrations as m

db_app = typer.Typer(
    help="The database: subscribers, settings, feeds, the recap delivery ledger.", no_args_is_help=True
)


def _backend() -> Backend:
    try:
        return open_backend(settings())
    except StoreError as exc:
        raise fail(str(exc)) from exc


def _describe(backend: Backend) -> str:
    return f"Database: {backend.name} at {backend.location()}"


@db_app.command("status")
def db_status() -> None:
    """Print the schema version and the migrations still to apply (exit 1 when some are pending)."""
    backend = _backend()
    try:
        status = m.status(backend)
    finally:
        backend.close()
    typer.echo(_describe(backend))
    typer.echo(f"Schema version: {status.version} (this TalentBot: {m.LATEST})")
    for applied in status.applied:
        typer.echo(f"  {applied.version} {applied.name} (applied {applied.applied:%Y-%m-%d %H:%M} UTC)")
    if status.too_new:
        raise fail("the database is newer than this TalentBot: upgrade TalentBot")
    if status.pending:
        typer.echo("Pending (applied at the next start, or now with `talentbot db upgrade`):")
        for migration in status.pending:
            typer.echo(f"  {migration.version} {migration.name}")
        raise typer.Exit(1)
    typer.echo("Up to date.")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the pending migrations (every start does this too; safe while other replicas run)."""
    backend = _backend()
    try:
        ran = m.upgrade(backend)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    finally:
        backend.close()
    typer.echo(_describe(backend))
    for migration in ran:
        typer.echo(f"Applied {migration.version} {migration.name}")
    typer.echo(
        f"Schema version {m.LATEST}: up to date." if ran else f"Already up to date (version {m.LATEST})."
    )
