"""Site furniture: lines a page wraps around a story that are not the story.

- **Captions/credits**: a short line that is a credit label and a name:
  ``Photo: Reuters``, ``Image: AFP/Getty``, ``Photograph by Jane Doe``.
- **Promos** (kept as boilerplate): a short line with a question or exclamation that
  calls the reader to act: an imperative call to action (``Try``, ``Subscribe``,
  ``Sign up``...) or a promo noun (quiz, newsletter, podcast...).
- **Related links**: teaser lines cut off with an ellipsis (``…`` or ``...``) in the
  trailing run of furniture after the story.

Only cues of form are used (length, label before a colon, punctuation, imperative
verbs), never the wording of particular sites.
"""

from __future__ import annotations

import re

from tui.ingest.cues import ends_with_ellipsis

MAX_CAPTION = 100
MAX_PROMO = 140
MAX_RELATED = 300

_CREDIT = re.compile(
    r"""(?ix)
    \(?
    (?:file\s+)?(?:photos?|photographs?|pictures?|pics?|images?|credits?|graphics?|
       illustrations?|videos?|sources?|courtesy)
    (?:\s*:\s*|\s+by\s+|\s+courtesy\s+of\s+|\s+credit\s*:\s*)
    [^\s:].*
    """
)
_CALL_TO_ACTION = re.compile(
    r"""(?ix)
    (?:^|[.!?]\s+)
    (?:try|take|test|subscribe|sign\s+up|join|click|tap|download|follow|register|
       watch|listen|share|discover|find\s+out|check\s+out|don[’']?t\s+miss|get\s+(?:our|the|your)
       |read\s+(?:more|our|the\s+latest)|learn\s+more)
    \b
    """
)
_PROMO_NOUN = re.compile(
    r"(?i)\b(?:quiz|quizzes|newsletters?|subscribe|subscription|sign\s+up|podcasts?|free\s+trial)\b"
)


def is_caption(text: str) -> bool:
    """A photo/image credit line such as ``Photo: Reuters``."""
    return len(text) <= MAX_CAPTION and "\n" not in text and _CREDIT.fullmatch(text) is not None


def is_promo(text: str) -> bool:
    """A short call to action (``...? Try our quiz!``, ``Sign up for our newsletter!``)."""
    if len(text) > MAX_PROMO or "\n" in text or not ("?" in text or "!" in text):
        return False
    return _CALL_TO_ACTION.search(text) is not None and (
        text.rstrip().endswith("!") or "?" in text or _PROMO_NOUN.search(text) is not None
    )


def is_related(text: str) -> bool:
    """A related-article teaser: a single line cut off with an ellipsis."""
    return len(text) <= MAX_RELATED and "\n" not in text and ends_with_ellipsis(text)
