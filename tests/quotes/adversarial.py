"""Texts shaped to make quote extraction slow, shared by the linear-time test and
``benchmarks/quote_adversarial.py``: each is one shape repeated to a given size."""

from __future__ import annotations

from collections.abc import Callable

#: name -> (opening, unit): the text is ``opening`` then ``unit`` repeated.
SHAPES: dict[str, tuple[str, str]] = {
    # Every quote's speaker is "he": the salience look-back used to walk every earlier
    # sentence of the paragraph (49 s at 100 KB).
    "pronoun quotes, one paragraph": ("Ren Zhengfei spoke. ", "“Yes,” he said. "),
    "pronoun quotes, paragraphs": ("Ren Zhengfei spoke.\n", "“Yes,” he said.\n"),
    "unclosed marks": ("Ren Zhengfei said ", "“open and never closed "),
    "long capitalised run": ("", "Alpha Beta Gamma Delta "),
    '`,"` runs': ("Ren said ", ',"'),
    "reported speech, one sentence": ("", "Ren said the plan would work and Mia said "),
}


def build(shape: str, size: int) -> str:
    """``shape`` repeated to about ``size`` characters, ending a sentence."""
    opening, unit = SHAPES[shape]
    return opening + unit * max(1, (size - len(opening)) // len(unit)) + " “End,” he said."


def paragraphs_of(text: str) -> list:
    """One paragraph per line, as the reader would give them."""
    from tui.model import Paragraph, Span

    found, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append(Paragraph(line, Span(pos, pos + len(line))))
        pos += len(line) + 1
    return found


def extraction(text: str) -> Callable[[], object]:
    """A call that extracts the quotes of ``text``, reported speech too (paragraphs and
    entities found first)."""
    from tui.extract import quotes
    from tui.extract.entities import find_entities

    # Quotations and reported speech (an older tree's find_quotes found both).
    find_all_quotes = getattr(quotes, "find_all_quotes", quotes.find_quotes)

    paragraphs = paragraphs_of(text)
    entities = find_entities(text, paragraphs)
    return lambda: find_all_quotes(text, paragraphs, entities)
