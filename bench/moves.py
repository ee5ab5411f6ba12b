"""Score corpus.moves.extract_moves on the labelled sentences in tests/data/move_sentences.yaml (the first
set, all dev) and tests/data/move_news_sentences.yaml (news phrasings, dev and a held-out test split).

Run: python bench/moves.py [--split dev|test|all] [--verbose]

Precision and recall are over (person, to) pairs, a departure with no destination being (person, None);
"with from" also requires the source organisation to match (None when the sentence names none). "date"
counts the found moves whose labelled date the extractor gave exactly. Sentences are scored independently,
so a pair counts once per sentence. Errors are listed only with --verbose: tune on dev, never on test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.moves import extract_moves  # noqa: E402

DATA_FILES = (
    ROOT / "tests" / "data" / "move_sentences.yaml",
    ROOT / "tests" / "data" / "move_news_sentences.yaml",
)
SPLITS = ("dev", "test")

Pair = tuple[str, str | None]
Triple = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class Case:
    """One labelled sentence."""

    id: str
    split: str
    text: str
    expected: frozenset[Triple]
    published: dt.date | None = None
    dates: tuple[tuple[Pair, str], ...] = ()


@dataclass
class Score:
    """Counts over (person, to) pairs and (person, from, to) triples."""

    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    pair_hits: int = 0
    triple_hits: int = 0
    dated: int = 0
    date_hits: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong_from: list[str] = field(default_factory=list)
    wrong_date: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.pair_hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.pair_hits / self.gold if self.gold else 1.0

    @property
    def precision_from(self) -> float:
        return self.triple_hits / self.predicted if self.predicted else 1.0

    @property
    def recall_from(self) -> float:
        return self.triple_hits / self.gold if self.gold else 1.0


def _case(item: dict[str, Any]) -> Case:
    moves = item.get("moves") or []
    return Case(
        id=item["id"],
        split=item["split"],
        text=item["text"],
        expected=frozenset((m["person"], m.get("from"), m.get("to")) for m in moves),
        published=item.get("published"),
        dates=tuple(((m["person"], m.get("to")), str(m["date"])) for m in moves if m.get("date")),
    )


def load_cases(paths: tuple[Path, ...] = DATA_FILES) -> list[Case]:
    """The labelled sentences, in file order."""
    cases = []
    for path in paths:
        raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.extend(_case(item) for item in raw["sentences"])
    return cases


def _arrow(pair: Pair) -> str:
    return f"{pair[0]} -> {pair[1] or '(departure)'}"


def score(cases: list[Case]) -> Score:
    """Run the extractor over every case and count hits, false positives and misses."""
    result = Score()
    for case in cases:
        result.sentences += 1
        found = extract_moves(case.text, case.published)
        got_pairs = {(m.person, m.to): m.from_ for m in found}
        got_dates = {(m.person, m.to): m.date for m in found}
        gold_pairs = {(p, t): f for p, f, t in case.expected}
        result.gold += len(gold_pairs)
        result.predicted += len(got_pairs)
        for pair, source in got_pairs.items():
            if pair not in gold_pairs:
                result.false_positives.append(f"{case.id}: {_arrow(pair)}  | {case.text}")
                continue
            result.pair_hits += 1
            if gold_pairs[pair] == source:
                result.triple_hits += 1
            else:
                result.wrong_from.append(
                    f"{case.id}: {pair[0]} from {source!r}, expected {gold_pairs[pair]!r}  | {case.text}"
                )
        for pair, date in case.dates:
            if pair in got_pairs:
                result.dated += 1
                if got_dates[pair] == date:
                    result.date_hits += 1
                else:
                    result.wrong_date.append(f"{case.id}: {got_dates[pair]!r}, expected {date!r}")
        for pair in gold_pairs.keys() - got_pairs.keys():
            result.misses.append(f"{case.id}: {_arrow(pair)}  | {case.text}")
    return result


def report(name: str, result: Score, verbose: bool) -> None:
    """Print one split's figures, and (verbose) its errors."""
    print(
        f"{name:5s} sentences={result.sentences:3d} gold={result.gold:3d} predicted={result.predicted:3d}  "
        f"P={result.precision:.3f} R={result.recall:.3f}  "
        f"with from: P={result.precision_from:.3f} R={result.recall_from:.3f}  "
        f"date={result.date_hits}/{result.dated}  FP={len(result.false_positives)} misses={len(result.misses)}"
    )
    if not verbose:
        return
    for title, lines in (
        ("false positive", result.false_positives),
        ("miss", result.misses),
        ("wrong from", result.wrong_from),
        ("wrong date", result.wrong_date),
    ):
        for line in lines:
            print(f"    {title}: {line}")


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="list every error of the split(s) shown")
    parser.add_argument("--quiet", action="store_true", help="(the default) only the summary lines")
    args = parser.parse_args(argv)
    cases = load_cases()
    splits = SPLITS if args.split == "all" else (args.split,)
    for split in splits:
        report(split, score([c for c in cases if c.split == split]), verbose=args.verbose and not args.quiet)
    if args.split == "all":
        report("all", score(cases), verbose=False)
        corpus_check()
    return 0


def corpus_check() -> None:
    """Real reporting, not sentences written for the test: extract from every shipped article's body and
    compare with the moves recorded by hand in its front matter (which also lists background moves the text
    mentions only in passing, so recall here is a lower bound)."""
    from corpus.loader import SHIPPED_DIR, load_articles
    from corpus.moves import extract_moves

    def person_key(name: str) -> str:
        return name.lower().split()[-1]

    def org_tokens(name: str) -> list[str]:
        return name.lower().replace("’", "'").replace("'s", "").split()

    def same_org(found: str, gold: str) -> bool:
        # Same last word (the original rule), or one name's tokens contain the other's: "Meta
        # Superintelligence Labs" names the same employer as the recorded "Meta".
        a, b = org_tokens(found), org_tokens(gold)
        if not a or not b:
            return False
        return a[-1] == b[-1] or set(a) <= set(b) or set(b) <= set(a)

    correct = predicted = recalled = gold_total = strict = departures = 0
    for article in load_articles([SHIPPED_DIR]):
        # The front matter records moves to somewhere; departures with no destination are counted apart.
        gold = {(person_key(m.person), org_tokens(m.to)[-1]): m.to for m in article.moves if m.to}
        extracted = extract_moves(article.body, article.published)
        departures += sum(1 for m in extracted if m.to is None)
        found = {(person_key(m.person), org_tokens(m.to)[-1]): m.to for m in extracted if m.to}
        predicted += len(found)
        strict += len(found.keys() & gold.keys())
        gold_total += len(gold)
        correct += sum(
            1
            for (p, _), to in found.items()
            if any(g[0] == p and same_org(to, gto) for g, gto in gold.items())
        )
        recalled += sum(
            1
            for (p, _), gto in gold.items()
            if any(f[0] == p and same_org(fto, gto) for f, fto in found.items())
        )
    precision = correct / max(1, predicted)
    recall = recalled / max(1, gold_total)
    print(
        f"shipped corpus (front-matter moves as gold, person by last word, to by last word or token "
        f"containment): predicted={predicted} "
        f"gold={gold_total}  P={precision:.3f} R={recall:.3f}  "
        f"(last word only: P={strict / max(1, predicted):.3f} R={strict / max(1, gold_total):.3f}); "
        f"departures with no destination found: {departures}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
