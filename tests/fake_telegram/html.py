"""Telegram's HTML parse mode: parsing and validation like the Bot API (tdlib's ``parse_html``).

Deliberately stricter than Telegram with ``strict=True``: a bare ``&`` or a raw ``>`` is rejected
(Telegram documents that they must be escaped, although its parser tolerates them), ``<a>`` needs a
non-empty ``href`` and empty end tags ``</>`` are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from tests.fake_telegram.records import JSONDict

__all__ = ["HtmlParseError", "parse_html", "strip_formatted", "utf16_len"]


class HtmlParseError(ValueError):
    """Raised by :func:`parse_html`; the message is what follows "can't parse entities: "."""


# The tags Telegram supports and the entity type each one produces.
_TAG_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_TAGS = frozenset(_TAG_ENTITY_TYPE)
_HTML_SPACE = " \t\r\n\f\v"
# The only named entities Telegram decodes.
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# A numeric entity has at most this many digits.
_MAX_ENTITY_DIGITS = 8


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts in."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


@dataclass
class _OpenTag:
    name: str
    argument: str
    language: str
    expandable: bool
    utf16_offset: int
    has_href: bool = False


def _decode_html_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the entity starting with the ``&`` at ``text[i]``; return (character, next index)."""
    n = len(text)
    j = i + 1
    if j < n and text[j] == "#":
        j += 1
        base = 10
        if j < n and text[j] in "xX":
            base = 16
            j += 1
        digits = "0123456789abcdefABCDEF" if base == 16 else "0123456789"
        start = j
        while j < n and text[j] in digits and j - start < _MAX_ENTITY_DIGITS:
            j += 1
        if j == start or j >= n or text[j] != ";":
            return None
        code = int(text[start:j], base)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        return chr(code), j + 1
    start = j
    while j < n and text[j].isascii() and text[j].isalpha():
        j += 1
    if j >= n or text[j] != ";" or text[start:j] not in _NAMED_ENTITIES:
        return None
    return _NAMED_ENTITIES[text[start:j]], j + 1


def _valid_link_url(url: str) -> str | None:
    """Mimic Telegram: a text_link keeps only URLs it considers valid (others are silently dropped)."""
    parts = urlsplit(url if "://" in url or url.startswith(("tg:", "mailto:")) else f"http://{url}")
    scheme = parts.scheme.lower()
    if scheme in {"http", "https", "ftp", "ton"}:
        host = parts.hostname or ""
        if "." not in host and host != "localhost" and not host.replace(".", "").isdigit():
            return None
        return url if "://" in url else f"http://{url}"
    if scheme in {"tg", "mailto"}:
        return url
    return None


def _apply_attribute(tag: _OpenTag, attribute: str, value: str) -> None:
    """Keep the attributes Telegram reads; ignore the others."""
    if tag.name == "a" and attribute == "href":
        tag.argument = value
        tag.has_href = True
    elif tag.name == "code" and attribute == "class" and value.startswith("language-"):
        tag.language = value[len("language-") :]
    elif tag.name == "span" and attribute == "class" and value.startswith("tg-"):
        tag.argument = value[len("tg-") :]
    elif tag.name == "tg-emoji" and attribute == "emoji-id":
        tag.argument = value
    elif tag.name == "blockquote" and attribute == "expandable":
        tag.expandable = True


def _entity_for(tag: _OpenTag, length: int) -> JSONDict | None:
    """The entity a closed tag of ``length`` UTF-16 units produces, or None if Telegram drops it."""
    if length <= 0:
        return None
    entity: JSONDict = {"type": _TAG_ENTITY_TYPE[tag.name], "offset": tag.utf16_offset, "length": length}
    if tag.name == "a":
        url = _valid_link_url(tag.argument)
        if url is None:
            return None
        entity["url"] = url
    elif tag.name == "code" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "blockquote" and tag.expandable:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.argument
    return entity


def _merge_pre(entities: list[JSONDict]) -> list[JSONDict]:
    """``<pre><code class="language-x">...</code></pre>`` becomes one pre entity with a language."""
    pres = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    merged: list[JSONDict] = []
    for entity in entities:
        if entity["type"] == "code" and "language" in entity:
            pre = pres.get((entity["offset"], entity["length"]))
            if pre is not None:
                pre["language"] = entity["language"]
                continue
            del entity["language"]
        merged.append(entity)
    merged.sort(key=lambda e: (e["offset"], -e["length"]))
    return merged


def _amp_error(offset: int) -> HtmlParseError:
    return HtmlParseError(
        f'Character "&" at byte offset {offset} must be escaped as "&amp;" '
        "(it does not start a supported HTML entity)"
    )


class _Parser:
    """One pass over the text; ``i`` is the index of the next character to read."""

    def __init__(self, text: str, strict: bool) -> None:
        self.text = text
        self.n = len(text)
        self.strict = strict
        self.result: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []
        self.i = 0

    def byte_offset(self, index: int) -> int:
        return len(self.text[:index].encode("utf-8", "surrogatepass"))

    def skip_space(self, j: int) -> int:
        while j < self.n and self.text[j] in _HTML_SPACE:
            j += 1
        return j

    def run(self) -> tuple[str, list[JSONDict]]:
        while self.i < self.n:
            if self.text[self.i] == "<":
                self.tag()
            else:
                self.character()
        if self.stack:
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        return "".join(self.result), _merge_pre(self.entities)

    def character(self) -> None:
        i, ch = self.i, self.text[self.i]
        if ch == "&":
            decoded = _decode_html_entity(self.text, i)
            if decoded is not None:
                char, self.i = decoded
                self.result.append(char)
                self.utf16 += utf16_len(char)
                return
            if self.strict:
                raise _amp_error(self.byte_offset(i))
        if ch == ">" and self.strict:
            raise HtmlParseError(
                f'Character ">" at byte offset {self.byte_offset(i)} must be escaped as "&gt;"'
            )
        self.result.append(ch)
        self.utf16 += 2 if ord(ch) > 0xFFFF else 1
        self.i += 1

    def tag(self) -> None:
        begin = self.i
        if begin + 1 < self.n and self.text[begin + 1] == "/":
            self.end_tag(begin)
        else:
            self.start_tag(begin)

    def end_tag(self, begin: int) -> None:
        text, n = self.text, self.n
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        j = begin + 2
        while j < n and text[j] not in _HTML_SPACE and text[j] != ">":
            j += 1
        end_name = text[begin + 2 : j].lower()
        j = self.skip_space(j)
        if j >= n or text[j] != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        tag = self.stack.pop()
        if end_name != tag.name and (end_name or self.strict):
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{end_name}>"'
            )
        self.i = j + 1
        entity = _entity_for(tag, self.utf16 - tag.utf16_offset)
        if entity is not None:
            self.entities.append(entity)

    def start_tag(self, begin: int) -> None:
        text, n = self.text, self.n
        j = begin + 1
        while j < n and text[j] not in _HTML_SPACE and text[j] != ">":
            j += 1
        if j >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = text[begin + 1 : j].lower()
        if name not in _HTML_TAGS:
            raise HtmlParseError(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}')
        tag = _OpenTag(name, "", "", False, self.utf16)
        while True:
            j = self.skip_space(j)
            if j >= n:
                raise HtmlParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            if text[j] == ">":
                j += 1
                break
            j = self.attribute(tag, j, begin)
        self.check_start_tag(tag, begin)
        self.stack.append(tag)
        self.i = j

    def attribute(self, tag: _OpenTag, j: int, begin: int) -> int:
        """Read the attribute starting at ``text[j]`` into ``tag``; return the index after it."""
        text, n, name = self.text, self.n, tag.name
        attribute_begin = j
        while j < n and text[j] not in _HTML_SPACE and text[j] not in "=>":
            j += 1
        attribute = text[attribute_begin:j].lower()
        if not attribute:
            raise HtmlParseError(
                f'Empty attribute name in the tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        j = self.skip_space(j)
        if j >= n:
            raise HtmlParseError(f'Unclosed start tag "{name}" at byte offset {self.byte_offset(begin)}')
        if text[j] != "=":
            if name == "blockquote" and attribute == "expandable":
                tag.expandable = True
                return j
            raise HtmlParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                f"at byte offset {self.byte_offset(begin)}"
            )
        j = self.skip_space(j + 1)
        if j >= n:
            raise HtmlParseError(f'Unclosed start tag "{name}" at byte offset {self.byte_offset(begin)}')
        value, j = self.name_token(j) if text[j] not in "'\"" else self.quoted_value(j, begin)
        _apply_attribute(tag, attribute, value)
        return j

    def name_token(self, j: int) -> tuple[str, int]:
        """An unquoted value: letters, digits, periods and hyphens; case-insensitive."""
        text, n = self.text, self.n
        token_begin = j
        while j < n and ((text[j].isascii() and text[j].isalnum()) or text[j] in ".-"):
            j += 1
        if j >= n or (text[j] not in _HTML_SPACE and text[j] != ">"):
            raise HtmlParseError(
                f"Unexpected end of name token at byte offset {self.byte_offset(token_begin)}"
            )
        return text[token_begin:j].lower(), j

    def quoted_value(self, j: int, begin: int) -> tuple[str, int]:
        """A value in single or double quotes, entities decoded."""
        text, n = self.text, self.n
        quote = text[j]
        j += 1
        buffer: list[str] = []
        while j < n and text[j] != quote:
            if text[j] == "&":
                decoded = _decode_html_entity(text, j)
                if decoded is not None:
                    buffer.append(decoded[0])
                    j = decoded[1]
                    continue
                if self.strict:
                    raise _amp_error(self.byte_offset(j))
            if self.strict and text[j] in "<>":
                escaped = "&lt;" if text[j] == "<" else "&gt;"
                raise HtmlParseError(
                    f'Character "{text[j]}" at byte offset {self.byte_offset(j)} must be escaped as '
                    f'"{escaped}"'
                )
            buffer.append(text[j])
            j += 1
        if j >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        return "".join(buffer), j + 1

    def check_start_tag(self, tag: _OpenTag, begin: int) -> None:
        problem = ""
        if tag.name == "span" and tag.argument != "spoiler":
            problem = 'Tag "span" must have class "tg-spoiler"'
        elif tag.name == "a" and self.strict and not (tag.has_href and tag.argument):
            problem = 'Tag "a" must have a non-empty "href" attribute'
        elif tag.name == "tg-emoji" and not tag.argument.isdigit():
            problem = 'Tag "tg-emoji" must have a numeric "emoji-id"'
        if problem:
            raise HtmlParseError(f"{problem} at byte offset {self.byte_offset(begin)}")


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[JSONDict]]:
    """Parse Telegram-flavoured HTML like the Bot API does (tdlib's ``parse_html``).

    Returns the plain text (not yet stripped) and its entities (UTF-16 offsets, sorted). Raises
    :class:`HtmlParseError` with Telegram's description on malformed input. With ``strict`` a bare
    ``&`` or a raw ``>`` is an error as well (Telegram requires them to be escaped).
    """
    return _Parser(text, strict).run()


def strip_formatted(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Strip leading/trailing whitespace as Telegram does, keeping entity offsets consistent."""
    stripped = text.strip()
    if not stripped:
        return "", []
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    fixed: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    return stripped, fixed
