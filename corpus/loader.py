"""Read articles from Markdown files with YAML front matter, and say exactly what is wrong with a bad one."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from corpus.model import ID_PATTERN, Article

# libyaml's parser when PyYAML has it: the same documents, 8 times faster (most of loading the corpus).
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

SHIPPED_DIR = Path(__file__).resolve().parent / "articles"
REQUIRED_FIELDS = ("id", "title", "publisher", "url", "published")
_FIELD_ORDER = {name: rank for rank, name in enumerate(["file", "front matter", *Article.model_fields])}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one article file."""

    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class ArticleError(ValueError):
    """A malformed article. Carries every problem found in the file, and its id if that is well formed."""

    def __init__(self, problems: list[Problem], article_id: str | None = None) -> None:
        self.problems = problems
        self.article_id = article_id
        super().__init__("\n".join(str(p) for p in problems))


def split_front_matter(raw: str) -> tuple[str, str] | None:
    """Return (front matter, body), or None when the file does not start with a `---` block."""
    text = raw.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    return None


class _FrontMatterLoader(_SafeLoader):
    """SafeLoader that leaves dates as text, so a bad one is reported by field instead of crashing YAML."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _field_name(loc: tuple[int | str, ...]) -> str:
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            part = "from" if part == "from_" else part
            name += f".{part}" if name else part
    return name or "front matter"


def _front_matter(raw: str, path: Path) -> tuple[dict[Any, Any], str]:
    """The front-matter mapping and the body; ArticleError when there is no readable front matter."""
    parts = split_front_matter(raw)
    if parts is None:
        raise ArticleError(
            [Problem(path, "front matter", "missing: the file must start with a '---' YAML block")]
        )
    front, body = parts
    try:
        meta = yaml.load(front, Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError([Problem(path, "front matter", f"invalid YAML{where}: {exc}")]) from exc
    if not isinstance(meta, dict):
        raise ArticleError([Problem(path, "front matter", "must be a YAML mapping of fields")])
    return meta, body


def _field_rank(problem: Problem) -> int:
    """Where the problem's field comes in an article (unknown fields last), to list problems in that order."""
    top = re.split(r"[.\[]", problem.field, maxsplit=1)[0]
    return _FIELD_ORDER.get(top, len(_FIELD_ORDER))


def parse_article(raw: str, path: Path) -> Article:
    """Parse and validate one article's text. Raises ArticleError naming the file and every bad field."""
    meta, body = _front_matter(raw, path)
    missing = {f for f in REQUIRED_FIELDS if meta.get(f) in (None, "")}
    problems = [Problem(path, f, "missing") for f in REQUIRED_FIELDS if f in missing]
    if "body" in meta:
        problems.append(Problem(path, "body", "not a front-matter field; the body follows the '---' block"))
    fields = {k: v for k, v in meta.items() if k not in missing and k != "body"}
    article: Article | None = None
    try:
        article = Article.model_validate({**fields, "body": body, "path": path})
    except ValidationError as exc:
        problems += [
            Problem(path, _field_name(tuple(e["loc"])), _message(e))
            for e in exc.errors()
            if not (len(e["loc"]) == 1 and e["loc"][0] in missing)  # already said: missing
        ]
    if article is not None and not problems:
        return article
    declared = meta.get("id")
    well_formed = isinstance(declared, str) and ID_PATTERN.match(declared) is not None
    raise ArticleError(sorted(problems, key=_field_rank), declared if well_formed else None)


def _message(error: object) -> str:
    assert isinstance(error, dict)
    msg = str(error.get("msg", "invalid"))
    if error.get("type") == "extra_forbidden":
        return "unknown field"
    return msg.removeprefix("Value error, ")


def load_article(path: Path) -> Article:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticleError([Problem(path, "file", f"cannot be read: {exc}")]) from exc
    return parse_article(raw, path)


def article_files(directories: Iterable[Path]) -> Iterator[Path]:
    for directory in directories:
        if directory.is_file():
            yield directory
        elif directory.is_dir():
            yield from sorted(directory.glob("*.md"))


def _checked(path: Path) -> tuple[Article | None, str | None, list[Problem]]:
    """The file's article (None if broken), its id (when well formed, even if broken) and its problems."""
    try:
        article = load_article(path)
    except ArticleError as exc:
        return None, exc.article_id, exc.problems
    return article, article.id, []


def check_articles(directories: Iterable[Path]) -> tuple[list[Article], list[Problem]]:
    """Validate every article; return the good ones and every problem (ids must be unique across all).

    A broken file's id, when well formed, is still checked against its file name and the other files' ids.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in article_files(directories):
        article, article_id, found = _checked(path)
        problems.extend(found)
        if article_id is None:
            continue
        if article_id != path.stem:
            problems.append(Problem(path, "id", f"{article_id!r} does not match the file name {path.name!r}"))
        if article_id in seen:
            problems.append(Problem(path, "id", f"{article_id!r} is already used by {seen[article_id]}"))
            continue
        seen[article_id] = path
        if article is not None:
            articles.append(article)
    return articles, problems


def load_articles(directories: Iterable[Path]) -> list[Article]:
    """Load every article, or raise ArticleError listing every problem found."""
    articles, problems = check_articles(directories)
    if problems:
        raise ArticleError(problems)
    return articles


def content_hash(article: Article) -> str:
    """Hash of what is embedded and shown for an article: changes when its text or metadata change."""
    payload = article.model_dump_json(exclude={"path"})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def corpus_hash(articles: Iterable[Article]) -> str:
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}:{content_hash(article)}\n".encode())
    return digest.hexdigest()[:16]
