"""The dump reader's rules, one by one, on fixtures written for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest.briefs import split_brief
from tui.ingest.cues import CJK_PARENTHETICAL, without_cjk_parentheticals
from tui.ingest.dump import read_dump
from tui.ingest.titles import infer_title, is_title_line, trim_title
from tui.model import ArticleKind, make_article_id

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str) -> tuple[str, list]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, read_dump(text, name)


def _assert_spans_index_text(text: str, articles: list) -> None:
    for article in articles:
        for paragraph in (
            *article.paragraphs,
            *article.captions,
            *article.related,
            *article.boilerplate,
        ):
            assert paragraph.span.of(text) == paragraph.text
            assert paragraph.text == paragraph.text.strip()


# -- line layout: wire dump with captions, briefs and furniture --------------------------


def test_wire_dump_story_and_briefs() -> None:
    text, articles = _read("wire_dump.txt")
    assert [a.kind for a in articles] == [ArticleKind.STORY, ArticleKind.BRIEF, ArticleKind.BRIEF]
    _assert_spans_index_text(text, articles)
    story = articles[0]
    assert len(story.paragraphs) == 6
    assert [c.text for c in story.captions] == ["Photo: Staff", "Photograph by Ana Lobo"]
    assert not story.truncated
    # A paragraph ending without a full stop inside the story stays in the story.
    assert story.paragraphs[1].text.startswith("The plant, which will employ")


def test_inferred_title_leaves_out_cjk_and_is_trimmed() -> None:
    _, articles = _read("wire_dump.txt")
    story = articles[0]
    assert story.title_inferred
    assert story.title.startswith("Meridian Cables Ltd chief executive Tomas Varga said")
    assert "(" not in story.title and "子" not in story.title
    assert len(story.title) <= 120
    assert story.title.endswith("in Lisbon")  # cut at the dash, a clause boundary


def test_brief_with_kicker_and_dek() -> None:
    text, articles = _read("wire_dump.txt")
    brief = articles[1]
    assert brief.truncated and brief.title_inferred
    assert brief.kicker == "MARKET WATCH"
    assert brief.dek is not None
    assert brief.dek.endswith("amid a shortage of containers")
    assert brief.paragraphs[0].text.startswith("Harbour operators in Rotterdam")
    assert brief.title == brief.dek
    assert brief.span.of(text).startswith("MARKET WATCH:")


def test_brief_without_kicker_has_no_dek() -> None:
    _, articles = _read("wire_dump.txt")
    brief = articles[2]
    assert brief.kicker is None and brief.dek is None
    assert brief.title == (
        "A regional airline said it would cut a fifth of its weekly flights over the winter"
    )
    assert brief.paragraphs[0].text.startswith("A regional airline")


def test_promo_is_boilerplate_and_ellipsis_lines_are_related() -> None:
    _, articles = _read("wire_dump.txt")
    story = articles[0]
    assert [b.text for b in story.boilerplate] == [
        "Think you follow the markets? Take our weekly quiz!"
    ]
    assert len(story.related) == 3
    assert all(r.text.endswith(("…", "...")) for r in story.related)
    body = story.body_text
    assert "quiz" not in body and "…" not in body


@pytest.mark.parametrize(
    ("line", "kicker", "dek_end", "body_start"),
    [
        (
            "CITY HALL: A plan to close the market would save money and free land for homes "
            "Mayor Ines Duarte said on Tuesday that the council",
            "CITY HALL",
            "free land for homes",
            "Mayor Ines",
        ),
        # Function words before a capitalised word do not end the dek; acronyms neither.
        (
            "Ports Update: Traffic rose with Baltic routes and another Danish operator to reach "
            "EU levels last month Dock workers in Gdansk said the rise",
            "Ports Update",
            "last month",
            "Dock workers",
        ),
        # The lede names again what the dek names: ``Packaging supplier`` is no dek.
        (
            "Sales DIP: Packaging supplier Ostrava Pack’s revenue fell 8 percent as customers "
            "ran down their stocks Ostrava Pack AS, which makes trays and reels, said",
            "Sales DIP",
            "ran down their stocks",
            "Ostrava Pack AS",
        ),
    ],
)
def test_dek_ends_where_the_lede_starts(
    line: str, kicker: str, dek_end: str, body_start: str
) -> None:
    line = line + " " + "x" * 200
    parts = split_brief(line)
    assert parts.kicker == kicker
    assert parts.dek is not None and parts.dek.endswith(dek_end)
    assert line[parts.body_start :].startswith(body_start)


def test_no_dek_when_a_sentence_ends_first() -> None:
    parts = split_brief("MARKETS: Stocks fell. Traders in London said the mood " + "x" * 200)
    assert parts.kicker == "MARKETS"
    assert parts.dek is None


def test_long_unpunctuated_line_inside_a_story_is_not_a_brief() -> None:
    long_open = "The council said the " + "new budget would " * 15 + "cover roads and"
    text = "\n".join(
        [
            "The council met on Monday to agree the budget for next year.",
            long_open,
            "It will vote again in March, a spokesman said.",
        ]
    )
    articles = read_dump(text, "t")
    assert len(articles) == 1
    assert len(articles[0].paragraphs) == 3


# -- block layout: titles, datelines, several articles ------------------------------------


def test_block_layout_explicit_titles_datelines_and_split() -> None:
    text, articles = _read("block_dump.txt")
    _assert_spans_index_text(text, articles)
    assert [a.title for a in articles] == [
        "Harbour festival draws record crowds to Valletta",
        "City council approves new tram line",
    ]
    assert not any(a.title_inferred for a in articles)
    assert [a.date for a in articles] == ["2024-06-02", "2024-06-03"]
    first = articles[0]
    # Short lone blocks inside a body (caption, credit, list lead-in) are paragraphs.
    assert [p.text for p in first.paragraphs][1] == "Boat builders"
    assert "—Maria Camilleri" in [p.text for p in first.paragraphs]
    assert len(first.paragraphs) == 7
    # A multi-line block is one paragraph.
    assert first.paragraphs[5].text == "1. A regatta for children\n2. A night parade of lit boats"
    assert len(articles[1].paragraphs) == 2
    assert articles[0].span.end < articles[1].span.start


def test_undated_titles_split_only_after_prose_and_before_two_paragraphs() -> None:
    text = (FIXTURES / "block_dump.txt").read_text(encoding="utf-8")
    undated = "\n".join(
        line for line in text.split("\n") if not line.strip().startswith(("Sunday", "Monday"))
    )
    articles = read_dump(undated, "t")
    assert [a.title for a in articles] == [
        "Harbour festival draws record crowds to Valletta",
        "City council approves new tram line",
    ]
    assert all(a.date is None for a in articles)


def test_dateline_glued_to_the_first_paragraph() -> None:
    text = (
        "Storm closes mountain pass\n\n"
        "Tuesday, March 5, 2019\u00a0\nSnow closed the pass on Tuesday, police said.\n\n"
        "Crews expect to reopen it on Thursday.\n"
    )
    [article] = read_dump(text, "t")
    assert article.date == "2019-03-05"
    assert [p.text for p in article.paragraphs] == [
        "Snow closed the pass on Tuesday, police said.",
        "Crews expect to reopen it on Thursday.",
    ]


def test_titled_line_layout_articles_split() -> None:
    one = "\n".join(
        [
            "Rail strike called off after late talks",
            "",
            "Train drivers called off a strike planned for Friday after talks that ran late.",
            "The union said members would vote on the new offer over the next two weeks.",
            "Commuters had been told to work from home.",
        ]
    )
    two = one.replace("Rail strike called off after late talks", "Bakery chain opens in the north")
    articles = read_dump(one + "\n\n" + two + "\n", "t")
    assert [a.title for a in articles] == [
        "Rail strike called off after late talks",
        "Bakery chain opens in the north",
    ]
    assert [len(a.paragraphs) for a in articles] == [3, 3]
    assert not articles[0].title_inferred


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Harbour festival draws record crowds", True),
        ("540 million records found on a public server", True),
        ("The market fell.", False),
        ("Other classes included:", False),
        ("—Troy Roberts", False),
        ("– USCG dispatcher, CNN", False),
        ("██\u00a0Syrian Arab Republic", False),
        ("lowercase start of a fragment", False),
        ("x" * 250, False),
    ],
)
def test_title_line_shape(line: str, expected: bool) -> None:
    assert is_title_line(line) is expected


def test_first_sentence_skips_abbreviations() -> None:
    assert infer_title("Mr. Lee and Dr. Ng met U.S. officials. They agreed.") == (
        "Mr. Lee and Dr. Ng met U.S. officials"
    )


def test_trim_title_at_word_boundary_with_ellipsis() -> None:
    title = trim_title("word " * 60)
    assert title.endswith("…")
    assert len(title) <= 121


def test_article_id_is_content_based() -> None:
    text = "A short story about a bridge that opened on time, officials said.\n"
    [a] = read_dump(text, "one.txt")
    [b] = read_dump("\n\n" + text, "two.txt")
    assert a.id == b.id == make_article_id(text.strip())
    assert a.span.start == 0 and b.span.start == 2


def test_empty_and_blank_text_give_no_articles() -> None:
    assert read_dump("", "t") == []
    assert read_dump("\n \n\t\n", "t") == []


def test_twenty_megabyte_single_line_is_linear() -> None:
    text = ("Word and another word, " * 900_000)[:20_000_000]
    articles = read_dump(text, "big")
    assert len(articles) == 1
    assert articles[0].span == type(articles[0].span)(0, len(text.rstrip()))


def test_hard_wrapped_prose_is_read_in_block_layout() -> None:
    paragraphs = [
        "The port authority said on Thursday that it would extend the northern quay\n"
        "by 300 metres to take larger container ships, a project expected to cost\n"
        "about 40 million euros.",
        "Work will begin in the autumn. The authority said shipping lines had asked\n"
        "for the extension for several years.",
        "Local residents have objected to the noise of night-time construction.",
    ]
    text = "Port to extend northern quay\n\n" + "\n\n".join(paragraphs) + "\n"
    [article] = read_dump(text, "t")
    assert article.title == "Port to extend northern quay"
    assert [p.text for p in article.paragraphs] == paragraphs


def test_reader_restores_the_garbage_collector_state() -> None:
    import gc

    assert gc.isenabled()
    read_dump("A sentence about the weather that is long enough.\n", "t")
    assert gc.isenabled()
    gc.disable()
    try:
        read_dump("A sentence about the weather that is long enough.\n", "t")
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "text",
    [
        "Ren Zhengfei (任正非) said",
        "Ren Zhengfei  \t(任正非)(華為) and TSMC (TSMC, 台積電) and (b) (任)",
        "(任正非) first, then （華為） at the end (台積電)",
        "spaces before a plain paren (not CJK)   (任 正)",
        "no parenthesis at all",
    ],
)
def test_cjk_parentheticals_are_removed_with_their_leading_space(text: str) -> None:
    # The pattern applied with re.sub is the definition; the function is a faster way.
    assert without_cjk_parentheticals(text) == CJK_PARENTHETICAL.sub("", text)


def test_cjk_parenthetical_after_a_name_is_left_out() -> None:
    assert without_cjk_parentheticals("Ren Zhengfei (任正非) said") == "Ren Zhengfei said"
    assert without_cjk_parentheticals("TSMC (TSMC, 台積電) (b)") == "TSMC (TSMC, 台積電) (b)"
