"""Rankings from the moves table, narrowed to Chinese companies when asked."""

from __future__ import annotations

from pathlib import Path

from answer.engine import Engine
from answer.model import AnswerKind
from tests.conftest import FakeEmbedder, engine_of, engine_over, moves_front_matter, write_article


def _engine(tmp_path: Path, fake_embedder: FakeEmbedder) -> Engine:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    rows = [
        (
            "2025-02-bytedance-hires-wu",
            "ByteDance hires Wu Yonghui",
            "china",
            "ByteDance, Google",
            [("Wu Yonghui", "Google", "ByteDance"), ("Guo Daya", "DeepSeek", "ByteDance")],
        ),
        (
            "2025-09-tencent-hires-yao",
            "Tencent hires Yao Shunyu",
            "china",
            "Tencent, OpenAI",
            [("Yao Shunyu", "OpenAI", "Tencent")],
        ),
        (
            "2025-06-meta-hires",
            "Meta hires three from OpenAI",
            "us",
            "Meta, OpenAI",
            [
                ("Lucas Beyer", "OpenAI", "Meta"),
                ("Jiahui Yu", "OpenAI", "Meta"),
                ("Jack Rae", "Google", "Meta"),
            ],
        ),
    ]
    for article_id, title, tag, companies, moves in rows:
        listed = "".join(f"  - person: {p}\n    from: {f}\n    to: {t}\n" for p, f, t in moves)
        body = f"{title}. Chinese and American companies compete for the same people."
        write_article(
            corpus,
            article_id=article_id,
            title=title,
            body=body,
            moves=f"moves:\n{listed}",
            tags=f"hiring, {tag}",
            companies=companies,
        )
    return engine_over(corpus, tmp_path / "data", fake_embedder)


def test_which_chinese_companies_hired_the_most_counts_only_those_in_china(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine(tmp_path, fake_embedder)
    everyone = engine.answer("which companies hired the most people")
    assert everyone.kind is AnswerKind.AGGREGATE and everyone.intro.startswith("Meta gained the most people")
    chinese = engine.answer("which chinese companies hired the most people")
    assert chinese.kind is AnswerKind.AGGREGATE
    assert chinese.intro.startswith("ByteDance gained the most people: 2 of the 3 people on record")
    assert "Meta" not in chinese.plain_text()


def test_how_many_a_company_took_from_another_is_a_count_of_moves(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine(tmp_path, fake_embedder)
    answer = engine.answer("how many did meta take from openai")
    assert answer.kind is AnswerKind.AGGREGATE
    assert answer.intro.startswith("2 people moved to Meta from OpenAI")
    # ...but not places on offer: "how many spots" counts internships, not moves
    for places in ("how many interns did bytedance hire", "how many spots did bytedance hire for"):
        assert engine.answer(places).kind is not AnswerKind.AGGREGATE, places
    # ...however the count is asked: people a company got from another, "# of", an arrow for the direction
    for counted in (
        "how many people did meta get from openai",
        "# of people openai -> meta",
        "how many moves from openai to meta do you have",  # the record's count, not a headcount
    ):
        answer = engine.answer(counted)
        assert answer.kind is AnswerKind.AGGREGATE, counted
        assert answer.intro.startswith("2 people moved to Meta from OpenAI"), counted
    # ...but not the roles a company is hiring for, nor a company's first staff ("came from" names no move)
    assert engine.answer("how many ai roles is meta hiring for").kind is not AnswerKind.AGGREGATE
    assert engine.answer("how many researchers from openai does meta have").kind is not AnswerKind.AGGREGATE
    launch = engine.answer("how many people did meta start with and how many came from openai")
    assert launch.kind is not AnswerKind.AGGREGATE
    # how many times likelier is a ratio, which no count of moves answers
    ratio = engine.answer("how many times more people did meta hire from openai than from google")
    assert ratio.kind is not AnswerKind.AGGREGATE


def test_where_the_leavers_of_a_company_no_move_is_recorded_for_went_is_not_refused_by_the_record(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    _engine(tmp_path, fake_embedder)  # writes the articles of the tests above
    write_article(
        tmp_path / "articles",
        article_id="2026-05-spacexai-exodus",
        title="More than 50 researchers leave SpaceXAI",
        body="More than 50 researchers have left SpaceXAI since February. At least 11 went to Meta.",
        moves="moves: []\n",
        companies="SpaceXAI, Meta",
    )
    engine = engine_over(tmp_path / "articles", tmp_path / "data2", fake_embedder)
    answer = engine.answer("where did the people who left SpaceXAI go")
    assert answer.kind is not AnswerKind.AGGREGATE and "no record" not in answer.plain_text()
    # ...nor how many of them went to a company the record knows: the articles count them, not the record
    counted = engine.answer("how many people left SpaceXAI for Meta")
    assert counted.kind is not AnswerKind.AGGREGATE and "no record" not in counted.plain_text()
    # ...but between companies the record has moves of, it is the answer
    assert engine.answer("where do people leaving openai go").kind is AnswerKind.AGGREGATE


def test_asked_to_rank_or_list_the_companies_the_moves_are_ranked(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine(tmp_path, fake_embedder)
    for question in (
        "rank the companies meta took the most people from",
        "which companies did meta take the most people from",
        "list the companies that lost the most people to meta",
        "which company has bled the most people to meta",
    ):
        answer = engine.answer(question)
        assert answer.kind is AnswerKind.AGGREGATE, question
        assert answer.intro.startswith("OpenAI lost the most people to Meta: 2 of the 3 people on record")
    pulled = engine.answer("which company pulled the most people out of openai")
    assert pulled.kind is AnswerKind.AGGREGATE
    assert pulled.intro.startswith("Meta took the most people from OpenAI: 2 of the 3 people on record")


def test_how_many_employers_naming_no_company_is_no_ranking_of_moves(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine(tmp_path, fake_embedder)
    survey = engine.answer("how many employers are struggling to hire")
    assert survey.kind is not AnswerKind.AGGREGATE
    assert not any("Meta" in line.text for line in survey.lines)
    # ...a company named, it ranks the companies of its moves
    named = engine.answer("how many companies did meta hire from")
    assert named.kind is AnswerKind.AGGREGATE and "OpenAI" in named.plain_text()


def test_how_many_founders_is_not_counted_from_moves_that_do_not_record_who_founded_what(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine(tmp_path, fake_embedder)
    assert engine.answer("how many did meta hire from openai").kind is AnswerKind.AGGREGATE
    founders = engine.answer("how many of openai's cofounders did meta hire")
    assert founders.kind is not AnswerKind.AGGREGATE


def test_a_list_of_moves_to_chinese_companies_lists_only_those(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = _engine(tmp_path, fake_embedder)
    lost = engine.answer("who did google lose to chinese companies")
    assert lost.kind is AnswerKind.MOVES
    assert [line.text.split(":")[0] for line in lost.lines] == [
        "Wu Yonghui"
    ]  # not Jack Rae, who went to Meta
    # ...and from them, for a company named as where people went
    poached = engine.answer("who has meta poached from chinese companies")
    assert not poached.answered or "Lucas Beyer" not in poached.plain_text()


def test_a_count_the_record_falls_short_of_ends_with_the_articles_count_in_words(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    hume = {
        "article_id": "2026-01-deepmind-hires-hume",
        "title": "Google DeepMind hires Hume AI's chief executive",
        "body": (
            "Hume AI still has twelve employees in New York. "  # a count, but of no one moving
            "Google DeepMind has hired Alan Cowen, chief executive of Hume AI, together with about seven of its "
            "engineers. The deal includes a licence."
        ),
        "moves": moves_front_matter("Alan Cowen | Hume AI | Google DeepMind |  | "),
        "companies": "Google DeepMind, Hume AI",
        "people": "Alan Cowen",
    }
    engine = engine_of(tmp_path, fake_embedder, hume)
    answer = engine.answer("how many engineers did google deepmind take from hume ai")
    assert answer.kind is AnswerKind.AGGREGATE and answer.intro.startswith("1 person moved")
    assert "about seven of its engineers" in answer.lines[-1].text
