"""What the delivery ledger hands out: an edition's parts, a claimed row, a due chat, counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EditionPart:
    """One message of an edition: Telegram HTML, the caption of `photo` (PNG bytes) when there is one."""

    text: str
    photo: bytes | None = None


@dataclass(frozen=True)
class Delivery:
    edition: str
    chat_id: int
    attempts: int  # claims of this row so far, this one included
    lease_until: dt.datetime
    variant: str | None = None  # which of the edition's frozen recaps; None: the edition's own
    parts_sent: int = 0  # parts Telegram accepted before this claim: sending resumes after them


@dataclass(frozen=True)
class Due:
    """A chat whose recap of an edition is due: since when, and which of the edition's texts it gets."""

    chat_id: int
    variant: str
    due: dt.datetime


@dataclass(frozen=True)
class Opened:
    edition: str
    text: str  # the edition's text as the first opener froze it
    added: int  # chats added to the edition by this call


@dataclass(frozen=True)
class EditionCounts:
    pending: int = 0  # still to send (including chats whose last try failed)
    claimed: int = 0  # being sent now, or abandoned by a killed sender until its lease ends
    sent: int = 0  # Telegram accepted the message (or, see `presumed`, most likely did)
    presumed: int = 0  # of `sent`: the sender died during the request, so it was not sent again
    blocked: int = 0  # 403 or "chat not found": the subscriber was marked inactive
    skipped: int = 0  # pending, but the chat unsubscribed since: not sent unless it subscribes again
