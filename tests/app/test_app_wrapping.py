from tui.app.wrapping import break_offsets, line_of


def test_breaks_at_word_boundaries_within_width():
    text = "one two three four five six"
    breaks = break_offsets(text, 9)
    lines = [text[a:b].rstrip() for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    assert lines == ["one two", "three", "four five", "six"]
    assert line_of(breaks, text.index("five")) == 2


def test_cuts_words_longer_than_the_line_and_counts_wide_characters():
    assert break_offsets("abcdefghij", 4) == [4, 8]
    assert break_offsets("任正非任正非", 4) == [2, 4]  # two cells each
