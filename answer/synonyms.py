"""Words for one thing that questions and articles word differently: "who replaced Giannandrea?" is answered
by "hired Subramanya ... to take on much of his work", "how many staffers" by "employs about 300 people",
"retention" by "kept 80% of its staff"."""

from __future__ import annotations

from corpus.text import content_words

SAME_MEANING = tuple(
    content_words(group)
    for group in (
        "staff staffers staffer employees employ headcount workforce workers people",
        "replace replaced replaces replacement replacing successor succeed succeeded succeeds take took takes",
        "found founded founder founders cofounder cofounded co-founder co-founded started launched established",
        "lead leads led leader run runs ran head heads headed chief boss charge oversee oversees manage manages",
        "buy bought buys acquire acquired acquisition purchase purchased takeover",
        "value valued valuation worth",
        "salary salaries paycheck paychecks compensation wage wages earnings pay paid pays offer offered offering",
        "keep keeps kept keeping retain retains retained retaining retention stay stays stayed",
    )
)


def with_same_meaning(found: set[str]) -> set[str]:
    """Content words (as `content_words` cuts them) with the others that mean the same ("retention": "kept",
    "stay"...)."""
    return found.union(*(group for group in SAME_MEANING if found & group))
