"""Choose the hybrid fusion parameters by the evaluation set: Recall@1/5 and MRR of the gold article.

    python bench/fusion.py

Sweeps reciprocal-rank-fusion k and the dense/keyword weights over the answerable questions of
answer/data/questions.yaml, searching the index in $TALENTBOT_DATA_DIR, and prints one row per setting,
best first; the defaults in index.search.SearchParams are the chosen ones.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from answer.eval_set import load_questions
from answer.evaluate import embed, normalise
from answer.metrics import first_gold_rank, mean_reciprocal_rank, recall_at_k
from bot.runtime import load_engine
from bot.settings import Settings
from index.search import SearchParams, search


def main() -> None:
    engine = load_engine(Settings.from_env())
    items = [i for i in load_questions() if i.answerable]
    prepared = []
    for item in items:
        text = normalise(engine, item.q)
        prepared.append((item, text, embed(engine, text)))
    rows = []
    for rrf_k, (dense_w, keyword_w) in itertools.product(
        (10, 30, 60, 100), ((1, 1), (1, 0.5), (0.5, 1), (1, 0.75))
    ):
        params = replace(SearchParams(), rrf_k=rrf_k, dense_weight=dense_w, keyword_weight=keyword_w)
        ranks = []
        for item, text, vector in prepared:
            hits = search(engine.data, vector, text, mode="hybrid", k=30, params=params)
            ranking = list(dict.fromkeys(h.article_id for h in hits))
            ranks.append(first_gold_rank(ranking, item.articles))
        rows.append(
            (
                recall_at_k(ranks, 5),
                mean_reciprocal_rank(ranks),
                recall_at_k(ranks, 1),
                rrf_k,
                dense_w,
                keyword_w,
            )
        )
    rows.sort(reverse=True)
    default = SearchParams()
    print(f"{len(items)} answerable questions; hybrid search; best first")
    print(f"{'rrf_k':>6} {'dense_w':>8} {'kw_w':>6} {'R@1':>7} {'R@5':>7} {'MRR':>7}")
    for r5, mrr, r1, k, dw, kw in rows:
        mark = (
            "  <- default"
            if (k, dw, kw) == (default.rrf_k, default.dense_weight, default.keyword_weight)
            else ""
        )
        print(f"{k:>6} {dw:>8} {kw:>6} {r1:>7.3f} {r5:>7.3f} {mrr:>7.3f}{mark}")


if __name__ == "__main__":
    main()
