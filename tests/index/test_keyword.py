"""Tests for index.keyword: BM25 terms come from the shared word tokenizer, then stop words and stemming."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from answer.eval_set import load_questions
from corpus.model import Article
from index.keyword import KeywordIndex, tokenize


def test_terms_are_stemmed_word_parts_without_stop_words() -> None:
    assert tokenize(["Tell me who the co-founders of xAI's H-1B team are"]) == [
        ["co", "founder", "xai", "1b", "h1b", "team"]
    ]


def test_a_hyphenated_word_is_found_as_questions_type_it_in_one() -> None:
    index = KeywordIndex.build(["The H-1B fee was upheld in court.", "The K visa opened in October."])
    assert index.scores("h1b changes")[0] > 0
    assert index.scores("who are the cofounders")[0] == 0  # no such word: nothing found


def test_a_question_finds_the_passage_with_its_words_in_any_form() -> None:
    index = KeywordIndex.build(
        [
            "Alice Chen is a co-founder of Acme and hired ten researchers.",
            "Bob Li joined a rival lab in Zurich.",
            "The weather was fine.",
        ]
    )
    scores = index.scores("Who founded Acme? Which researcher was hiring?")
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0
    assert index.scores("Zurich lab")[1] > 0
    assert not index.scores("who is the one").any()  # stop words and unknown words only


def test_a_saved_index_scores_exactly_as_bm25s_does_without_importing_it(
    tmp_path: Path, shipped_articles: list[Article]
) -> None:
    import bm25s

    texts = [f"{a.title}. {paragraph}" for a in shipped_articles for paragraph in a.body.split("\n\n")]
    KeywordIndex.build(texts).save(tmp_path / "bm25")
    ours = KeywordIndex.load(tmp_path / "bm25", len(texts))
    theirs = bm25s.BM25.load(str(tmp_path / "bm25"), show_progress=False)
    questions = [item.q for item in load_questions()]
    for question in questions:
        known = [t for t in tokenize([question])[0] if t in theirs.vocab_dict]
        expected = theirs.get_scores(known) if known else np.zeros(len(texts), dtype=np.float32)
        assert np.array_equal(ours.scores(question), expected), question
    assert sum(bool(ours.scores(q).any()) for q in questions) > len(questions) // 2


def test_loading_an_index_does_not_import_bm25s_or_scipy(tmp_path: Path) -> None:
    KeywordIndex.build(["Alice Chen hired ten researchers.", "Bob Li joined a rival lab."]).save(tmp_path)
    code = (
        "import sys; from pathlib import Path; from index.keyword import KeywordIndex; "
        "assert KeywordIndex.load(Path(sys.argv[1]), 2).scores('Who hired researchers?')[0] > 0; "
        "print([m for m in ('bm25s', 'scipy') if m in sys.modules])"
    )
    env = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "[]"


def test_a_bm25_variant_with_extra_arrays_is_refused(tmp_path: Path) -> None:
    KeywordIndex.build(["Alice Chen hired ten researchers."]).save(tmp_path)
    params = json.loads((tmp_path / "params.index.json").read_text())
    (tmp_path / "params.index.json").write_text(json.dumps(params | {"method": "bm25+"}))
    with pytest.raises(ValueError, match="unsupported BM25 index"):
        KeywordIndex.load(tmp_path, 1)
