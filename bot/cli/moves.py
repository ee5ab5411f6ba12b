"""`talentbot moves extract`: the talent moves stated in a text, as the ingester records them."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml

from answer.moves import describe_move
from bot.cli.common import USAGE, fail
from corpus.loader import split_front_matter

if TYPE_CHECKING:  # the move patterns take ~0.4 s to compile: only `moves extract` pays for them
    from corpus.moves import FoundMove

moves_app = typer.Typer(help="Talent moves in news text.", no_args_is_help=True)

# Read from standard input instead of a file.
STDIN = "-"


@moves_app.command("extract")
def moves_extract(
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="A text or Markdown file, or - for stdin.")],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="One JSON object per move: person, from, to, role, date, sentence."),
    ] = False,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for moves whose sentence names no year."),
    ] = None,
) -> None:
    """Print the moves found in a text, one per line; a departure with no named destination has to = null.

    An article with YAML front matter is read as the ingester reads it: its body, dated by its `published`.
    """
    text = _read(source)
    when = _date(published) if published else None
    parts = split_front_matter(text)
    if parts is not None:
        front, text = parts
        when = when or _front_matter_date(front)
    from corpus.moves import find_moves

    found = find_moves(text, when)
    for item in found:
        typer.echo(json.dumps(move_json(item), ensure_ascii=False) if as_json else describe_move(item.move))
    if not found and not as_json:
        typer.echo("No moves found.", err=True)


def move_json(found: FoundMove) -> dict[str, Any]:
    m = found.move
    return {
        "person": m.person,
        "from": m.from_,
        "to": m.to,
        "role": m.role,
        "date": m.date,
        "sentence": found.sentence,
    }


def _read(source: str) -> str:
    if source == STDIN:
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise fail(f"{source}: no such file", USAGE)
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise fail(f"{source}: {exc.strerror or exc}", USAGE) from exc


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise fail(f"--published: {text!r} is not an ISO date (YYYY-MM-DD)", USAGE) from exc


def _front_matter_date(front: str) -> dt.date | None:
    """The `published` date of an article's front matter, if it has a readable one."""
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError:
        return None
    value = meta.get("published") if isinstance(meta, dict) else None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
