"""Finding the people and organisations a question names, including the short names the articles define."""

from __future__ import annotations

from corpus.entities import EntityIndex
from tests.conftest import make_article, parse


def test_a_short_name_the_articles_define_finds_the_organisation() -> None:
    body = "Ilya Sutskever now runs Safe Superintelligence (SSI), the start-up. The Meta (AI) unit grew."
    article = parse(
        make_article(body=body).replace(
            "companies: [Meta, Apple]", "companies: [Meta, Safe Superintelligence]"
        )
    )
    index = EntityIndex.from_articles([article])
    found = index.find("who is ssi's president now")
    assert [m.entity.name for m in found] == ["Safe Superintelligence"]
    assert "who is ssi's president now"[found[0].start : found[0].end] == "ssi"
    assert index.find("who founded ai2") == []  # "(AI)" is too short to be a short name
