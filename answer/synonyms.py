"""Words for one thing that questions and articles word differently: "who replaced Giannandrea?" is answered
by "hired Subramanya ... to take on much of his work", "how many staffers" by "employs about 300 people",
"retention" by "kept 80% of its staff"."""

from __future__ import annotations

from corpus.text import content_words, words

SAME_MEANING = tuple(
    content_words(group)
    for group in (
        "staff staffers staffer employees employ headcount workforce workers people",
        "replace replaced replaces replacement replacing successor succeed succeeded succeeds take took takes",
        "found founded founder founders cofounder cofounded co-founder co-founded started launched established",
        "lead leads led leader run runs ran head heads headed chief boss charge oversee oversees manage manages",
        "buy bought buys acquire acquired acquisition purchase purchased takeover",
        "value valued valuation worth",
        "money funding fund funds funded fundraising raise raised raises raising round rounds investor investors "
        "financing",
        "salary salaries paycheck paychecks compensation wage wages earnings pay paid pays offer offered offering",
        "keep keeps kept keeping retain retains retained retaining retention stay stays stayed",
        "job jobs role roles post posts position positions",
        "application applications applicant applicants cv cvs resume resumes",
        "leave leaves leaving left leaver leavers quit quits quitting depart departs departed departing departure "
        "departures exit exits exited",
        # going somewhere: "how many actually went back to china" is answered by "Ten had moved to China"
        "go goes went gone move moves moved moving return returns returned returning relocate relocated "
        "relocating back",
    )
)


def with_same_meaning(found: set[str]) -> set[str]:
    """Content words (as `content_words` cuts them) with the others that mean the same ("retention": "kept",
    "stay"...)."""
    return found.union(*(group for group in SAME_MEANING if found & group))


# Places written short in questions and in full in articles: "germany vs the us" is answered by "The United
# States came in at 69%" (each full name all of whose words a sentence must have: "United Kingdom" is not it).
_PLACE_NAMES = {
    "us": ("United States", "America", "American"),
    "usa": ("United States", "America", "American"),
    "uk": ("United Kingdom", "Britain", "British"),
    "eu": ("European Union", "Europe", "European"),
}


def place_names(text: str) -> list[frozenset[str]]:
    """The full names of the places `text` writes short ("the us": United States, America...), each as the
    set of its content words."""
    return [frozenset(content_words(n)) for w in words(text) if w in _PLACE_NAMES for n in _PLACE_NAMES[w]]
