"""Finding the people and organisations a question names, including the short names the articles define."""

from __future__ import annotations

from corpus.entities import EntityIndex, same_org, surname
from tests.conftest import make_article, parse


def test_a_short_name_the_articles_define_finds_the_organisation() -> None:
    body = "Ilya Sutskever now runs Safe Superintelligence (SSI), the start-up. The Meta (AI) unit grew."
    article = parse(make_article(body=body, companies="Meta, Safe Superintelligence"))
    index = EntityIndex.from_articles([article])
    found = index.find("who is ssi's president now")
    assert [m.entity.name for m in found] == ["Safe Superintelligence"]
    assert "who is ssi's president now"[found[0].start : found[0].end] == "ssi"
    assert index.find("who founded ai2") == []  # "(AI)" is too short to be a short name


def test_a_name_written_as_one_word_is_found_without_its_generic_last_part() -> None:
    article = parse(make_article(body="ManpowerGroup surveyed employers.", companies="ManpowerGroup, OpenAI"))
    index = EntityIndex.from_articles([article])
    assert [m.entity.name for m in index.find("china barely has a shortage per manpower?")] == [
        "ManpowerGroup"
    ]
    assert index.find("is the lab open to new hires") == []  # "Open" of OpenAI is no name on its own


def test_a_short_name_typed_apart_from_its_parent_company_is_a_second_name() -> None:
    index = EntityIndex(
        people=[],
        orgs=["Meta", "Meta Superintelligence Labs"],
        acronyms={"msl": "Meta Superintelligence Labs"},
    )
    text = "who did meta name chief scientist of msl"
    found = index.find(text)
    assert [(m.entity.name, text[m.start : m.end]) for m in found] == [
        ("Meta", "meta"),
        ("Meta Superintelligence Labs", "msl"),
    ]
    # ...but "meta superintelligence labs" typed in full is one name, and "meta" alone is Meta
    assert [m.entity.name for m in index.find("who runs meta superintelligence labs")] == ["Meta"]
    assert [m.entity.name for m in index.find("who did meta hire")] == ["Meta"]


def test_the_words_of_a_longer_name_set_apart_are_two_names() -> None:
    index = EntityIndex(people=[], orgs=["Google", "Google DeepMind", "OpenAI"])
    for text in (
        "who has google, deepmind included, lost to openai",
        "who went from google or deepmind to openai",
    ):
        assert [m.entity.name for m in index.find(text)] == ["Google", "OpenAI"]
    # ...written together, they are the one longer name
    assert [m.entity.name for m in index.find("who did google deepmind lose to openai")] == [
        "Google DeepMind",
        "OpenAI",
    ]
    assert [m.entity.name for m in index.find("who did google's deepmind lose")] == ["Google DeepMind"]


def test_a_mention_spans_the_name_as_typed_not_as_the_entity_spells_it() -> None:
    index = EntityIndex(people=["Yao Shunyu"], orgs=["Ineffable Intelligence", "Thinking Machines Lab"])
    text = "ineffable's seed vs thinking machines seed, and yao"
    assert [text[m.start : m.end] for m in index.find(text)] == ["ineffable", "thinking machines"]


def test_a_name_whose_one_key_word_is_everyday_english_is_found_by_its_whole_name() -> None:
    index = EntityIndex(people=[], orgs=["Meta", "Safe Superintelligence", "FAIR", "The Information"])
    assert [m.entity.name for m in index.find("who did meta poach from safe superintelligence")] == [
        "Meta",
        "Safe Superintelligence",
    ]
    assert index.find("is it safe to work there") == []
    assert index.find("is that fair") == []  # a one-word name counts only as its owner writes it
    assert [m.entity.name for m in index.find("who left FAIR")] == ["FAIR"]
    assert index.find("where does the information come from") == []


def test_a_persons_surname_is_their_last_word_in_lower_case() -> None:
    assert surname("Noam Shazeer") == "shazeer"
    assert surname("Karén Simonyan") == "simonyan"
    assert surname("") == ""


def test_a_company_covers_its_units_including_those_named_apart_from_it() -> None:
    index = EntityIndex(people=[], orgs=["ByteDance", "Google"])
    bytedance, google = (index.find(name)[0].entity for name in ("ByteDance", "Google"))
    assert same_org(bytedance, "ByteDance Seed") and same_org(google, "Google DeepMind")
    assert same_org(bytedance, "TikTok")  # ByteDance's, though its name does not say so
    assert not same_org(google, "TikTok")


def test_a_name_typed_without_its_accents_is_found_but_not_by_an_everyday_word_alone() -> None:
    index = EntityIndex(people=["Piotr Dollár", "Karén Simonyan"], orgs=["Meta"])
    # the whole name as typed, not only the first name
    assert [(m.entity.name, m.start, m.end) for m in index.find("who is piotr dollar")] == [
        ("Piotr Dollár", 7, 19)
    ]
    assert [m.entity.name for m in index.find("where did Dollár go")] == ["Piotr Dollár"]
    # "dollar" alone is the currency, not the surname typed plain
    assert index.find("how much is one dollar in yuan") == []
