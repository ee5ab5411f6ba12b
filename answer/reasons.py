"""A why-answer's reasons: the story's sentence giving the cause when the chosen ones only say what happened,
and the sentences reading on from the best one that give a cause too."""

from __future__ import annotations

from answer.facts import hints_motive, names_reasons, states_reason
from answer.passages import Candidate, shares_text

# A why-question whose chosen sentences say what happened but not why gets the best sentence giving a cause
# from the same story, when it is at least this share as relevant as the best sentence.
REASON_RELATIVE = 0.3
# ...preferring a cause stated ("the aim is to...") to a hint of one ("amid...") by this much relevance.
STATED_REASON_BONUS = 0.2

# ...and reads on from its best sentence to the next one giving a cause when that is at least this share as
# relevant (the next sentence may already be about another story: 0.31 on the dev split; 0.48 when it is not).
READ_ON_RELATIVE = 0.4


def with_reason(candidates: list[Candidate], chosen: list[Candidate], max_sentences: int) -> list[Candidate]:
    """The chosen sentences, with the story's own reason when none of them from the best sentence's article
    gives one: its sentence that states a cause or purpose (or, failing that, hints at one), in place of the
    last pick but the first when there is no room; when the story gives none, another chosen sentence's
    story may ("why did meta cut 600 roles": a later story recalls the cuts, the story of the cuts says why).
    A sentence of the story naming the causes or the goal outright ("Simo said the goal was to let new staff
    take risks") is added even when a pick gives a reason in passing ("...because a candidate forgoes
    nothing")."""
    story = candidates[0].article_id
    floor = REASON_RELATIVE * candidates[0].relevance
    fresh = [c for c in candidates if not any(shares_text(c, x) for x in chosen)]
    # the story's sentences naming the causes, however differently worded from the question ("whats driving
    # everyone out of spacexai": "The reports cited several causes: burnout, ...")
    named = [c for c in fresh if c.article_id == story and c.relevance > 0 and names_reasons(c.text)]
    if any(c.article_id == story and names_reasons(c.text) for c in chosen):
        return chosen
    named_near = [c for c in named if c.relevance >= floor]
    if any(c.article_id == story and states_reason(c.text) for c in chosen):
        # a reason given in passing: the causes named, or with room left the story's best other reading of it
        # ("...to stop AI talent leaving its orbit", then "The case suggests that moving ... offshore does not
        # put its founders beyond Beijing's reach")
        pool = named_near or [
            c
            for c in fresh
            if len(chosen) < max_sentences
            and c.article_id == story
            and c.relevance >= floor
            and hints_motive(c.text)
        ]
    else:
        hinted = [c for c in fresh if c.relevance >= floor and hints_motive(c.text)]
        others = {c.article_id for c in chosen} - {story}
        # the causes named in the story, a cause stated in the story, then in another chosen story, then a hint
        # of one in either, then the causes the story names however little like the question
        stated = [c for c in hinted if states_reason(c.text)]
        tiers = [
            named_near,
            *(
                [c for c in group if c.article_id in where]
                for group in (stated, hinted)
                for where in ({story}, others)
            ),
            named,
        ]
        pool = next((tier for tier in tiers if tier), [])
    if not pool:
        return chosen
    reason = max(pool, key=lambda c: c.relevance + (STATED_REASON_BONUS if states_reason(c.text) else 0.0))
    return (
        [*chosen[: max(1, max_sentences - 1)], reason] if len(chosen) >= max_sentences else [*chosen, reason]
    )


def reading_on(candidates: list[Candidate], chosen: list[Candidate], max_sentences: int) -> list[Candidate]:
    """A why-answer with room left reads on from its best sentence when the next sentence of the article gives
    a cause or purpose too ("...the main reason is to stop its researchers leaving." "...needs a valuation so
    that it can give employees stock options"), and from the next when that is chosen already ("In the letter
    Sharma warned..." "...he wrote that he had seen how hard it is to let values guide...")."""
    best = chosen[0]
    at = best
    while len(chosen) < max_sentences:
        following = next(
            (
                c
                for c in candidates
                if c.article_id == best.article_id
                and c.position == at.position + 1
                and not at.text.endswith(c.text)
            ),
            None,
        )
        if following is None or following.relevance < READ_ON_RELATIVE * at.relevance:
            break
        if following not in chosen:
            if not hints_motive(following.text):
                break
            chosen = [*chosen, following]
        at = following
    return chosen
