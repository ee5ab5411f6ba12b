"""Made-up news items for the feed tests (late November 2026, the week before tests.conftest.FIXED_TODAY)."""

from __future__ import annotations

import datetime as dt

from tests.feed_server import Item

OKAFOR_TEXT = (
    "Zephyr Labs hired Mira Okafor from OpenAI, the start-up said on Friday. Okafor led the reinforcement "
    "learning team that trained OpenAI's reasoning models, and she will run research at Zephyr Labs from its "
    "London office. People familiar with the offer said the package was worth more than forty million dollars "
    "over four years, one of the largest ever made to a researcher who does not found a company. Zephyr Labs "
    "has now recruited nine researchers from the large American laboratories since the summer, and its "
    "founders say the hiring will continue while investors keep paying for compute. OpenAI did not comment on "
    "the departure, which follows several others from the same team this autumn."
)
OKAFOR = Item(
    "Zephyr Labs hires OpenAI's Mira Okafor",
    "https://talenttimes.example/2026/11/zephyr-labs-hires-mira-okafor",
    dt.date(2026, 11, 20),
    OKAFOR_TEXT,
)
# The same story, republished by a wire service under its own headline and address.
OKAFOR_COPY = Item(
    "OpenAI reinforcement learning lead defects to Zephyr Labs",
    "https://wire.example/stories/okafor-zephyr",
    dt.date(2026, 11, 21),
    OKAFOR_TEXT + " This story was first published by Talent Times and is republished with permission.",
)
KOVAC = Item(
    "Halcyon AI poaches Google DeepMind's Ivo Kovac",
    "https://talenttimes.example/2026/11/halcyon-poaches-ivo-kovac",
    dt.date(2026, 11, 21),
    (
        "Halcyon AI hired Ivo Kovac from Google DeepMind this week to lead its robotics research. Kovac spent "
        "seven years at DeepMind, where he built the simulation tools that its robot learning teams use every "
        "day. Halcyon AI, which raised a large round in October, has been recruiting aggressively from Google "
        "and Meta, offering engineers equity that vests in two years instead of four. Kovac said he wanted to "
        "see his research reach real machines sooner. Google DeepMind said it thanked him for his work and "
        "that its robotics programme was larger than ever, with new hires in London and Mountain View."
    ),
)
# Not about talent at all: a product launch.
GADGET = Item(
    "Nimbus launches a faster image model for phones",
    "https://talenttimes.example/2026/11/nimbus-image-model",
    dt.date(2026, 11, 21),
    (
        "Nimbus released a new image generation model on Thursday that runs on recent phones without a "
        "network connection. The company says the model draws a picture in under two seconds and uses less "
        "than a gigabyte of memory, thanks to a distillation method it published in a paper last month. The "
        "model will ship in a software update for the Nimbus camera app in December, first in English and "
        "then in eight more languages. Early testers praised its speed but said faces and hands still look "
        "wrong in some pictures. Nimbus plans a version for laptops next year and a paid tier for businesses."
    ),
)


def talent_only(title: str, text: str) -> bool:
    """A stand-in for the off-topic filter: on topic when the item speaks of hiring."""
    return any(word in f"{title} {text}".lower() for word in ("hire", "hiring", "poach", "recruit"))
