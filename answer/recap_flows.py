"""Talent flows between companies: who gained and who lost people over a period, from the recorded moves. Pure:
the recap's chart (drawn in bot/) and its takeaways are made from these numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from answer.moves import RecordedMove, org_family

# A takeaway about a company's flows cites at most this many of the articles behind it (the first to report):
# enough to check it, without pulling a long list of articles into the recap.
MAX_CITED = 3


@dataclass(frozen=True)
class Flow:
    """One company's arrivals and departures over the period, and the articles that report them."""

    company: str
    arrivals: int
    departures: int
    article_ids: tuple[str, ...]  # in order of first report

    @property
    def net(self) -> int:
        return self.arrivals - self.departures


@dataclass(frozen=True)
class Flows:
    """The flows of a period, biggest net gain first (then most arrivals, then name)."""

    start: dt.date
    end: dt.date
    moves: int  # moves counted
    flows: tuple[Flow, ...]

    @property
    def label(self) -> str:
        """ "16–22 Nov 2026" or "25 Aug – 22 Nov 2026"."""
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return f"{self.start.day}–{self.end.day} {self.end:%b %Y}"
        if self.start.year == self.end.year:
            return f"{self.start:%d %b} – {self.end:%d %b %Y}"
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"


def company_flows(moves: Iterable[RecordedMove], start: dt.date, end: dt.date) -> Flows:
    """Every company a move leaves or joins, counted under its family ("Google DeepMind" under "Google" when
    "Google" is named too), with its arrivals and departures."""
    recorded = list(moves)
    names = sorted({n for r in recorded for n in (r.move.from_, r.move.to) if n})
    arrivals: dict[str, int] = {}
    departures: dict[str, int] = {}
    cited: dict[str, list[str]] = {}
    for r in sorted(recorded, key=lambda r: (r.published, r.article_id)):
        for name, tally in ((r.move.to, arrivals), (r.move.from_, departures)):
            if not name:
                continue
            company = org_family(name, names)
            tally[company] = tally.get(company, 0) + 1
            ids = cited.setdefault(company, [])
            if r.article_id not in ids:
                ids.append(r.article_id)
    flows = [
        Flow(c, arrivals.get(c, 0), departures.get(c, 0), tuple(ids))
        for c, ids in cited.items()
        # "Alibaba → Alibaba Cloud" moves nobody between companies
        if arrivals.get(c, 0) or departures.get(c, 0)
    ]
    flows.sort(key=lambda f: (-f.net, -f.arrivals, f.company.lower()))
    return Flows(start, end, len(recorded), tuple(flows))


def busiest(flows: Flows, limit: int) -> tuple[Flow, ...]:
    """At most `limit` companies, those with the most arrivals and departures, kept in net order: what fits a
    chart a phone shows whole."""
    keep = sorted(flows.flows, key=lambda f: (-(f.arrivals + f.departures), f.company.lower()))[:limit]
    chosen = {f.company for f in keep}
    return tuple(f for f in flows.flows if f.company in chosen)


def flow_takeaways(flows: Flows) -> list[tuple[str, Sequence[str]]]:
    """Up to two short statements with the articles behind them: the biggest net gainer and the biggest net
    loser of the period (each only when there is one)."""
    found: list[tuple[str, Sequence[str]]] = []
    gainers = [f for f in flows.flows if f.net > 0]
    if gainers:
        top = gainers[0]
        found.append((f"{top.company} gained the most talent: {_counts(top)}.", top.article_ids[:MAX_CITED]))
    losers = sorted((f for f in flows.flows if f.net < 0), key=lambda f: (f.net, -f.departures))
    if losers:
        low = losers[0]
        found.append((f"{low.company} lost the most: {_counts(low)}.", low.article_ids[:MAX_CITED]))
    return found


def _counts(flow: Flow) -> str:
    def n(count: int, noun: str) -> str:
        return f"{count} {noun}{'' if count == 1 else 's'}" if count else f"no {noun}s"

    return f"{n(flow.arrivals, 'arrival')}, {n(flow.departures, 'departure')}"
