"""Extractive answers: the sentences chosen from retrieved passages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from answer.extractive import select_sentences
from answer.passages import RetrievedPassage
from tests.conftest import FakeEmbedder, engine_of, engine_over, write_article


def test_an_article_that_asks_the_question_answers_it_in_its_own_order() -> None:
    sentences = (
        "China lacks engineers who can build large models, reporters found this year.",
        "Why is there a shortage?",
        "Three explanations come up again and again in interviews.",
        "First, demand rose very fast after ChatGPT was launched in 2022.",
        "Second, frontier research needs a PhD and China trains few of them.",
        "What does it mean?",
        "Salaries rose sharply for the most qualified candidates in 2025.",
    )
    vectors = np.eye(len(sentences), 8, dtype=np.float32)
    query = vectors[1].copy()  # the user's question is the article's own "Why is there a shortage?"
    passage = RetrievedPassage("a1", " ".join(sentences), 0.9, sentences, vectors)
    picked = select_sentences("why is there a shortage?", query, [passage], max_sentences=3)
    assert [text for text, _ in picked] == list(sentences[2:5])


def _passage(sentences: tuple[str, ...], vectors: np.ndarray) -> RetrievedPassage:
    return RetrievedPassage("a1", " ".join(sentences), 0.9, sentences, vectors.astype(np.float32))


# A question whose vector is the first axis: the sentences closest to it are those with most of that axis.
FIRST_AXIS = np.eye(1, 8, dtype=np.float32)[0]


def _picked(question: str, sentences: tuple[str, ...], vectors: np.ndarray, size: int) -> list[str]:
    """The sentences picked from one passage for a question along the first axis."""
    return [text for text, _ in select_sentences(question, FIRST_AXIS, [_passage(sentences, vectors)], size)]


def _story_vectors(second: tuple[float, float], third: tuple[float, float]) -> npt.NDArray[np.float64]:
    """Three sentences' vectors: the first along the question's axis, the second and the third (along, off)
    partly along it and partly along an axis of their own."""
    vectors = np.zeros((3, 8))
    vectors[0, 0] = 1.0
    vectors[1, 0], vectors[1, 1] = second
    vectors[2, 0], vectors[2, 2] = third
    return vectors


def test_a_why_question_gets_the_reason_the_story_gives_not_only_what_happened() -> None:
    sentences = (
        "Meta is eliminating about 600 positions in its superintelligence labs, Wang told staff on Wednesday.",
        "The cuts fall on the research group, the product teams and the infrastructure units of the lab.",
        "Wang said the goal was to create smaller teams in which each employee could move much faster.",
    )
    vectors = _story_vectors((0.8, 0.6), (0.5, 0.87))
    # the question restates what happened, not why
    assert _picked("why did meta cut 600 jobs?", sentences, vectors, 2) == [sentences[0], sentences[2]]
    assert sentences[2] not in _picked("what did meta cut?", sentences, vectors, 2)


def test_a_chosen_first_item_is_followed_by_the_later_items_of_its_list() -> None:
    sentences = (
        "Reporting on the deals has pointed to two main attractions for the companies doing them.",
        "The first is speed: a licence-and-hire package puts the key people inside the buyer at once.",
        "The second is regulation.",
        "A takeover of a promising start-up would normally trigger a merger review lasting many months.",
        "Three deals show how the template works in practice for the biggest companies in the field.",
    )
    vectors = np.eye(5, 8)
    query = np.eye(1, 8, k=1, dtype=np.float32)[0]  # closest to "The first is speed"
    picked = select_sentences(
        "what do the companies gain?", query, [_passage(sentences, vectors)], 1, {"a1": sentences}
    )
    assert [text for text, _ in picked] == [sentences[1], f"{sentences[2]} {sentences[3]}"]


def test_why_the_headline_asks_gets_the_articles_reasons_and_another_why_does_not(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    write_article(
        corpus,
        article_id="2025-02-why-china-is-short-of-ai-talent",
        title="Why China is short of AI talent",
        published="2025-02-15",
        body="China lacks people who can build advanced AI. Why is there a shortage? Three explanations come up "
        "again and again. First, demand rose very fast. Chinese firms all rushed to build chatbots in 2023. "
        "Second, the supply of top researchers is small. Frontier research needs a PhD, and China has few. "
        "Third, US export controls on chips changed what Chinese firms need. Salaries for AI researchers in "
        "China keep rising as firms compete.",
    )
    engine = engine_over(corpus, tmp_path / "data", fake_embedder)
    reasons = engine.answer("why is china short of ai talent")
    assert [line.text for line in reasons.lines][:2] == [
        "Three explanations come up again and again.",
        "First, demand rose very fast. Chinese firms all rushed to build chatbots in 2023.",
    ]
    other = engine.answer("why do salaries for ai researchers in china keep rising")
    assert other.answered and "Three explanations come up again and again." not in other.plain_text()


def test_a_why_answer_reads_on_to_the_next_sentence_giving_the_cause() -> None:
    sentences = (
        "DeepSeek is raising money from outside investors, and the main reason is to stop staff leaving.",
        "The lab needs a valuation so that it can give employees stock options with a clear value.",
        "Separately, a rival lab in Beijing has opened a new office for its research teams this spring.",
    )
    vectors = np.zeros((3, 8))
    vectors[0, 0], vectors[1, 0], vectors[1, 1], vectors[2, 2] = 1.0, 0.45, 0.89, 1.0
    assert _picked("why is deepseek raising money?", sentences, vectors, 3) == [sentences[0], sentences[1]]
    assert _picked("what is deepseek raising?", sentences, vectors, 3) == [sentences[0]]  # no reading on


def test_a_why_answer_reads_on_past_a_cause_already_chosen_to_the_one_after_it() -> None:
    sentences = (
        "Sharma, who led the safeguards team at Anthropic, has left and explained his decision in a letter.",
        "In the letter Sharma warned that the world was in peril, and he named no new employer.",
        "Sharma also wrote that he saw how hard it is to let values guide a firm under commercial pressure.",
        "Separately, a rival lab in London has opened a new office for its research teams this spring.",
    )
    vectors = np.zeros((4, 8))
    vectors[0, 0], vectors[1, 0], vectors[1, 1], vectors[2, 0], vectors[2, 2], vectors[3, 3] = (
        1.0,
        0.45,
        0.89,
        0.25,
        0.97,
        1.0,
    )
    assert _picked("why did sharma quit anthropic?", sentences, vectors, 3) == list(sentences[:3])


def test_an_explainers_reasons_answer_even_when_a_news_story_is_found_first(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    engine = engine_of(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-02-china-ai-talent-gap",
            "title": "China could be 4 million AI professionals short by 2030",
            "published": "2025-02-15",
            "body": "China is short of AI talent and could be 4 million AI professionals short by 2030, an "
            "estimate says. Why is China short of AI talent today? The estimate does not say.",
        },
        {
            "article_id": "2025-02-why-china-is-short-of-ai-talent",
            "title": "Why China is short of AI talent",
            "published": "2025-02-16",
            "body": "Three explanations come up again and again. First, demand rose very fast after 2022 for "
            "all firms. Second, the supply of top researchers is small. Frontier research needs a PhD, and "
            "China has few.",
        },
    )
    answer = engine.answer("so why is china short of ai talent")
    assert answer.lines[0].text == "Three explanations come up again and again."


def test_two_sentence_pairs_sharing_a_sentence_are_not_both_shown() -> None:
    sentences = (
        "Staff were told of his departure in January.",
        "His new company is called Ineffable Intelligence.",
        "Records show it was incorporated in November 2025 in London.",
    )
    # each short sentence is read with the next: pairs (0, 1) and (1, 2) share the middle sentence
    vectors = np.zeros((3, 8))
    vectors[0, 0], vectors[1, 0], vectors[2, 0], vectors[2, 1] = 1.0, 1.0, 0.9, 0.4
    shown = " ".join(_picked("what is his new company", sentences, vectors, 3))
    assert shown.count("His new company is called Ineffable Intelligence.") == 1


def test_a_why_answer_adds_the_goal_named_outright_to_a_reason_given_in_passing() -> None:
    sentences = (
        "OpenAI told employees that new recruits will vest their equity from their first day.",
        "The change makes its offers more attractive, because a candidate forgoes nothing by leaving early.",
        "Fidji Simo said the goal was to let new staff take risks without fear of losing their shares.",
    )
    vectors = _story_vectors((0.7, 0.71), (0.5, 0.87))
    picked = _picked("why did openai drop the vesting cliff", sentences, vectors, 2)
    assert picked == [sentences[0], sentences[2]]


def test_a_why_answer_with_its_reason_given_in_passing_adds_the_storys_reading_of_it_when_there_is_room() -> (
    None
):
    sentences = (
        "China has ordered Meta's purchase of Manus undone, in a move to stop AI talent leaving its orbit.",
        "Meta agreed in December 2025 to buy Manus for about $2 billion.",
        "Manus staff were already working inside Meta's office in Singapore by then.",
        "The case suggests that moving headquarters offshore does not put founders beyond Beijing's reach.",
    )
    vectors = np.zeros((4, 8))
    vectors[0, 0] = 1.0
    vectors[1, 0], vectors[1, 1] = 0.8, 0.6
    vectors[2, 0], vectors[2, 2] = 0.2, 0.98
    vectors[3, 0], vectors[3, 3] = 0.5, 0.87
    picked = _picked("why did beijing make meta undo the manus deal", sentences, vectors, 3)
    assert sentences[3] in picked
    # no room: the reason in passing stands, not pushed out
    assert _picked("why did beijing make meta undo the manus deal", sentences, vectors, 1) == [sentences[0]]


def test_a_why_answer_finds_the_causes_the_story_names_however_unlike_the_question() -> None:
    sentences = (
        "More than 50 researchers and engineers have left SpaceXAI since February.",
        "The company now says it will hire people without AI experience.",
        "The reports cited several causes: burnout, changes of leadership and the merger itself.",
    )
    vectors = _story_vectors((0.6, 0.8), (0.08, 0.99))
    assert sentences[2] in _picked("whats driving everyone out of spacexai", sentences, vectors, 3)
    # ...only for a question asking why
    assert sentences[2] not in _picked("how many people left spacexai", sentences, vectors, 3)


def test_a_why_answer_gives_what_the_hirer_needs_when_the_story_states_no_cause() -> None:
    sentences = (
        "Paul Meade, the Apple vice president behind the Vision Pro, is joining OpenAI's hardware team.",
        "His remit at Apple also covered its forthcoming smart glasses.",
        "OpenAI is building devices, and it needs people who have taken products to mass production.",
    )
    vectors = _story_vectors((0.8, 0.6), (0.5, 0.87))
    assert sentences[2] in _picked("why is openai going after apple hardware execs", sentences, vectors, 2)


def test_a_why_answer_takes_the_cause_from_another_chosen_story_when_the_best_gives_none() -> None:
    recap = ("The restructuring follows upheavals at Meta's AI group, which cut about 600 roles in October.",)
    story = (
        "Meta will cut about 600 roles in its superintelligence labs, Wang told staff on Wednesday.",
        "The cuts fall on the research group and the product teams, and on the infrastructure units.",
        "Wang said the goal was to create smaller teams in which each employee could move much faster.",
    )
    recap_vectors = np.zeros((1, 8))
    recap_vectors[0, 0] = 1.0
    story_vectors = np.zeros((3, 8))
    story_vectors[0, 0], story_vectors[0, 1] = 0.87, 0.49
    story_vectors[1, 3] = 1.0
    story_vectors[2, 0], story_vectors[2, 2] = 0.45, 0.89
    passages = [
        RetrievedPassage("recap", recap[0], 0.9, recap, recap_vectors.astype(np.float32)),
        RetrievedPassage("cuts", " ".join(story), 0.9, story, story_vectors.astype(np.float32)),
    ]
    picked = select_sentences("why did meta cut 600 roles?", FIRST_AXIS, passages, 3)
    assert (story[2], "cuts") in picked


def test_a_short_answer_reads_on_to_the_particulars_the_next_sentence_gives() -> None:
    sentences = (
        "The fee on new visa petitions has survived its first court test.",
        "On 23 December 2025 Judge Beryl Howell rejected a challenge brought by business groups.",
        "Critics said the policy would push research jobs overseas for years to come.",
    )
    vectors = np.zeros((3, 8))
    vectors[0, 0], vectors[1, 0], vectors[1, 1], vectors[2, 2] = 1.0, 0.45, 0.89, 1.0
    question = "when was the visa fee upheld in court"
    passage = _passage(sentences, vectors)
    picked = select_sentences(question, FIRST_AXIS, [passage], 3, {"a1": sentences})
    assert [text for text, _ in picked] == [sentences[0], sentences[1]]


def test_a_short_answer_does_not_read_on_to_a_sentence_without_particulars() -> None:
    sentences = (
        "The $100,000 fee on new visa petitions has survived its first court test.",
        "Critics said the ruling would push research jobs overseas and hurt universities.",
        "On 23 December 2025 Judge Beryl Howell rejected a challenge brought by business groups.",
    )
    vectors = np.zeros((3, 8))
    vectors[0, 0], vectors[1, 0], vectors[1, 1], vectors[2, 2] = 1.0, 0.45, 0.89, 1.0
    passage = _passage(sentences, vectors)
    picked = select_sentences("was the visa fee upheld in court", FIRST_AXIS, [passage], 3, {"a1": sentences})
    assert [text for text, _ in picked] == [sentences[0]]


def test_a_short_pick_without_particulars_is_followed_by_the_sentence_saying_what_it_means() -> None:
    sentences = (
        "Their exits followed decisions that removed their main projects.",
        "The company shut down the video team and folded its science group into other parts of the firm.",
        "Critics said the policy would push research jobs overseas for years to come.",
    )
    vectors = np.zeros((3, 8))
    vectors[0, 0], vectors[1, 1], vectors[2, 2] = 1.0, 1.0, 1.0
    picked = select_sentences(
        "why did the two leave", FIRST_AXIS, [_passage(sentences, vectors)], 1, {"a1": sentences}
    )
    assert [text for text, _ in picked] == [sentences[0], sentences[1]]
    # ...a pick that gives particulars itself stands alone
    specific = ("On 23 March 2026 the company shut down its video team.", *sentences[1:])
    picked = select_sentences(
        "why did the two leave", FIRST_AXIS, [_passage(specific, vectors)], 1, {"a1": specific}
    )
    assert [text for text, _ in picked] == [specific[0]]


def test_a_sentence_nearly_as_relevant_as_the_best_joins_the_answer() -> None:
    sentences = (
        "DeepSeek closed its first outside funding round in June, raising about 51 billion yuan.",
        "The company said every department would at least double in size this year.",
        "Battery maker CATL put in about 5 billion yuan, according to the filing.",
    )
    # the third sentence is about three quarters as relevant as the first: part of the answer, not noise
    vectors = np.zeros((3, 8))
    vectors[0, 0], vectors[1, 2], vectors[2, 0], vectors[2, 1] = 1.0, 1.0, 0.68, 0.73
    assert _picked("what did the supplier contribute", sentences, vectors, 3) == [sentences[0], sentences[2]]


def test_a_full_answer_still_reads_on_to_the_figure_after_its_best_sentence() -> None:
    sentences = (
        "Zhipu and MiniMax began trading in Hong Kong in the first week of January.",
        "By 20 February their combined market value had passed HK$300 billion.",
        "Staff at both companies now hold shares with a visible and tradeable price.",
        "The debuts will shape where the country's engineers choose to work next.",
    )
    vectors = np.zeros((4, 8))
    vectors[0, 0], vectors[1, 0], vectors[1, 1] = 1.0, 0.45, 0.89
    vectors[2, 0], vectors[2, 2], vectors[3, 0], vectors[3, 3] = 0.85, 0.527, 0.85, 0.527
    passage = _passage(sentences, vectors)
    picked = select_sentences("how did the listings go", FIRST_AXIS, [passage], 3, {"a1": sentences})
    assert [text for text, _ in picked] == list(sentences)


def test_which_cities_is_answered_with_the_sentence_naming_them_not_one_naming_only_a_company(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    from tests.conftest import any_passage_engine

    places = "The positions are spread across Beijing, Shanghai, Hangzhou and Guangzhou."
    engine = any_passage_engine(
        tmp_path,
        fake_embedder,
        {
            "article_id": "2025-08-quark-hires",
            "title": "Quark plans 1,000 AI hires",
            "body": (
                "Alibaba's Quark unit plans to hire about 1,000 people for AI roles. "
                "By recruiting in four major cities at once, Alibaba can reach several pools of workers. "
                "The hiring plan is large for a single consumer business. "
                f"{places} Most of the roles are for engineers."
            ),
            "companies": "Alibaba, Quark",
            "people": "",
        },
    )
    answer = engine.answer("which cities is alibaba recruiting in at once?")
    assert places in answer.plain_text(), answer.plain_text()
