"""The grouping itself (tui.extract.stories): what links, what stays apart, online."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace

from tui.extract.pipeline import parse_document
from tui.extract.stories import (
    LEDE_PHRASES,
    MAX_CANDIDATES,
    MAX_POSTINGS,
    PHRASE_MAX_ARTICLES,
    WINDOW_DAYS,
    StoryFeatures,
    StoryIndex,
    article_features,
    day_number,
    group,
    lede_phrases,
    title_event,
    title_subject,
)
from tui.model import Entity, EntityKind

from .conftest import OTHERS, SAMPLES, TIDAL


def _features(name: str, day: int = 20000) -> list[tuple[str, StoryFeatures]]:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return [(f"{name}#{a.id}", article_features(a, day=day)) for a in parse_document(text, name)]


def _first(name: str, day: int = 20000) -> tuple[str, StoryFeatures]:
    return _features(name, day)[0]


def test_two_outlets_on_one_development_form_one_story_and_other_news_stays_apart() -> None:
    items = [_first(TIDAL[0]), _first(TIDAL[1])] + [kf for n in OTHERS for kf in _features(n)]
    placed = group(items)
    assert placed[items[0][0]] == placed[items[1][0]]
    tidal = placed[items[0][0]]
    assert all(placed[key] != tidal for key, _ in items[2:])


def test_the_same_report_outside_the_date_window_is_another_story() -> None:
    a = _first(TIDAL[0], day=20000)
    b = _first(TIDAL[1], day=20000 + WINDOW_DAYS + 1)
    placed = group([a, b])
    assert placed[a[0]] != placed[b[0]]


def test_placing_new_articles_never_moves_the_ones_already_placed() -> None:
    index = StoryIndex()
    first = [_first(TIDAL[0])] + [kf for n in OTHERS for kf in _features(n)]
    for key, f in first:
        index.place(key, f)
    before = dict(index.placements)
    key, f = _first(TIDAL[1])
    story = index.place(key, f)
    assert story == index.placements[first[0][0]]  # joined the existing story
    assert {k: index.placements[k] for k in before} == before


def test_candidates_come_from_the_index_not_from_every_article() -> None:
    index = StoryIndex()
    _, f = _first(TIDAL[0], day=20000)
    # Many copies of the same report: far away in time, and within the window.
    for n in range(300):
        index.place(f"far{n}", StoryFeatures(20000 + 100 + n, f.counts, f.quotes))
    for n in range(MAX_CANDIDATES + 20):
        index.place(f"near{n}", StoryFeatures(20000 + 1, f.counts, f.quotes))
    found = index.candidates(index.vector(f), frozenset(f.quotes), 20000)
    assert len(found) == MAX_CANDIDATES
    assert all(k.startswith("near") for k in found)


def test_a_shingle_in_every_article_of_an_undated_import_finds_nothing() -> None:
    """An undated import is one day: a quote (or a text) repeated in more articles than
    MAX_POSTINGS finds no candidates, as a term does, so each placement looks at a
    bounded number of postings instead of every article placed so far (an import of
    20,000 undated articles took 2.7 times as long as one of 10,000)."""
    index = StoryIndex()
    _, f = _first(TIDAL[0], day=20000)
    for n in range(MAX_POSTINGS + 1):
        index.place(f"copy{n}", StoryFeatures(20000, f.counts, f.quotes))
    assert index.candidates(index.vector(f), frozenset(f.quotes), 20000) == []


def test_a_reparsed_article_placed_again_stays_in_its_story() -> None:
    index = StoryIndex()
    a, b = _first(TIDAL[0]), _first(TIDAL[1])
    index.place(*a)
    story = index.place(*b)
    assert index.place(*b) == story  # placed again (a re-parse): same story


def test_shared_quote_words_count_as_evidence() -> None:
    _, f = _first(TIDAL[0])
    assert f.quotes  # the sample quotes Solheim at length


def test_day_numbers() -> None:
    assert day_number("1970-01-02") == 1
    assert day_number("2016-06-01T10:00:00") == day_number("2016-06-01")
    assert day_number("not a date") is None and day_number(None) is None


def _plain(day: int, *terms: str) -> StoryFeatures:
    return StoryFeatures(day, tuple(sorted((t, 1) for t in terms)))


def test_a_term_bursting_in_the_window_outweighs_one_as_rare_over_the_year() -> None:
    """``orlando`` and ``budget`` are in 12 articles each, but all of ``orlando``'s
    are in the days around the new article: the development's own word weighs more."""
    index = StoryIndex()
    day = 20200
    for n in range(365):
        terms = [f"filler{n}", f"other{n % 7}"]
        if n % 30 == 0:
            terms.append("budget")  # once a month, all year
        index.place(f"year{n}", _plain(20000 + n, *terms))
    for n in range(12):
        index.place(f"burst{n}", _plain(day - 1, "orlando", f"word{n}"))
    vector = index.vector(_plain(day, "orlando", "budget", "fresh"))
    assert vector["orlando"] > 1.5 * vector["budget"]
    plain = StoryIndex(burst=False)
    plain.df, plain.n_docs = index.df, index.n_docs
    flat = plain.vector(_plain(day, "orlando", "budget", "fresh"))
    assert abs(flat["orlando"] - flat["budget"]) < 0.1 * flat["budget"]


def test_an_article_linking_two_stories_makes_them_one_keeping_the_older_id() -> None:
    """Single link, as if the library had been grouped at once: the first reports of a
    development can share too little with each other and still be one story through a
    later report that shares enough with both."""
    index = StoryIndex()
    first = index.place("a", _plain(20000, "@ann", "@bob", "alpha", "beta"))
    second = index.place("b", _plain(20000, "@cat", "@dan", "gamma", "delta"))
    assert first != second
    both = _plain(20001, "@ann", "@bob", "alpha", "beta", "@cat", "@dan", "gamma", "delta")
    assert index.place("c", both) == first
    assert index.placements == {"a": first, "b": first, "c": first}
    assert group([("a", _plain(20000, "@ann", "@bob", "alpha", "beta")), ("b", both)]) == {
        "a": 1,
        "b": 1,
    }


def test_a_story_folded_after_its_early_articles_left_the_window_resolves_to_the_other() -> None:
    """A regroup keeps only the window in memory: articles written out before their
    story was folded into another still end up in it (``resolve``)."""
    index = StoryIndex()
    a = index.place("a", _plain(20000, "@ann", "@bob", "alpha", "beta"))
    b = index.place("b", _plain(20000, "@cat", "@dan", "gamma", "delta"))
    index.place("a2", _plain(20002, "@ann", "@bob", "alpha", "beta"))
    index.place("b2", _plain(20002, "@cat", "@dan", "gamma", "delta"))
    index.evict_before(20001)
    both = _plain(20003, "@ann", "@bob", "alpha", "beta", "@cat", "@dan", "gamma", "delta")
    assert index.place("c", both) == a
    assert index.placements["b"] == b  # written out with its old number ...
    assert {k: index.resolve(s) for k, s in index.placements.items()} == dict.fromkeys(
        ("a", "b", "a2", "b2", "c"), a
    )  # ... and resolved to the story it is in now


def test_a_regroup_part_renumbers_the_articles_it_wrote_before_a_fold() -> None:
    import sqlite3

    from tui.store.story_regroup import MEMBERS, member_row, renumber_folded

    index = StoryIndex()
    a = index.place("a", _plain(20000, "@ann", "@bob", "alpha", "beta"))
    index.place("b", _plain(20000, "@cat", "@dan", "gamma", "delta"))
    index.place("a2", _plain(20002, "@ann", "@bob", "alpha", "beta"))
    index.place("b2", _plain(20002, "@cat", "@dan", "gamma", "delta"))
    out = sqlite3.connect(":memory:")
    out.execute(MEMBERS)
    written = index.evict_before(20001)
    out.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?)", [member_row(*m) for m in written])
    both = _plain(20003, "@ann", "@bob", "alpha", "beta", "@cat", "@dan", "gamma", "delta")
    index.place("c", both)
    renumber_folded(out, index)
    assert dict(out.execute("SELECT article_id, story FROM members")) == {"a": a, "b": a}


def test_a_story_does_not_creep_past_the_window_a_link_a_day() -> None:
    """Each report links the one before (a follow-up a few days on shares the names),
    but a story's articles stay within the window of each other: the fifth day's
    report starts a story of its own."""
    index = StoryIndex()
    first = index.place("d0", _plain(20000, "@ann", "@bob", "alpha", "beta"))
    assert index.place("d2", _plain(20002, "@ann", "@bob", "alpha", "gamma")) == first
    assert index.place("d4", _plain(20004, "@ann", "@bob", "alpha", "gamma")) != first


def test_how_many_of_a_story_are_near_a_day_is_counted_without_going_through_them() -> None:
    """A story of an undated import (all one day) can have thousands of articles:
    placing one more must not go through all of them (an import of 20,000 undated
    articles cost 2.7 times one of 10,000). The counts stay right as articles are
    placed, folded, forgotten and taken out."""

    class Counting(dict):  # type: ignore[type-arg]
        reads = 0

        def __getitem__(self, key: str):  # type: ignore[no-untyped-def]
            Counting.reads += 1
            return super().__getitem__(key)

    index = StoryIndex()
    for n in range(30):
        index.place(f"a{n}", _plain(20000 + n % 2, "@ann", "@bob", "alpha", f"w{n}"))
    index.place("b", _plain(20005, "@ann", "@bob", "alpha", "beta"))
    story = index.placements["a0"]
    assert index.placements["a29"] == story
    index.members = Counting(index.members)
    assert index.members_near(story, 20000) == 30
    assert index.members_near(story, 20004) == 15  # only those of day 20001
    assert index.members_near(story, 20009) == 0
    assert Counting.reads == 0
    index.remove("a1")
    index.evict_before(20001)  # the 15 of day 20000
    assert index.members_near(story, 20001) == 14
    assert index.members_near(index.placements["b"], None) == 1


class _Counted(list[tuple[str, int | None]]):
    """A postings list that counts the postings gone through."""

    seen = 0

    def __iter__(self) -> Iterator[tuple[str, int | None]]:
        for posting in super().__iter__():
            _Counted.seen += 1
            yield posting


def test_a_stock_quote_of_a_one_day_import_is_not_gone_through_per_article() -> None:
    """A quote shingle every article of an undated import (all one day) shares finds
    nothing in particular; placing an article counts its postings near the day and
    skips it, instead of going through 151 of them for every article placed (a cost
    that grew with the import)."""
    from tui.extract import stories

    index = StoryIndex()
    stock = 12345
    for n in range(stories.MAX_POSTINGS + 50):
        counts = ((f"word{n}", 2), (f"name{n % 7}", 1))
        index.place(f"a{n}", StoryFeatures(20000, counts, (stock,)))
    postings = index._quote_postings  # noqa: SLF001 - what placing goes through
    postings[stock] = _Counted(postings[stock])
    _Counted.seen = 0
    before = dict(index.placements)
    index.place("new", StoryFeatures(20000, (("word3", 2),), (stock,)))
    assert _Counted.seen == 0
    assert {k: v for k, v in index.placements.items() if k != "new"} == before


def _titled(title: str, *persons: tuple[str, tuple[str, ...]]):  # type: ignore[no-untyped-def]
    base = parse_document((SAMPLES / TIDAL[0]).read_text(encoding="utf-8"), TIDAL[0])[0]
    people = tuple(Entity(name, EntityKind.PERSON, aliases) for name, aliases in persons)
    return replace(base, title=title, entities=people)


def test_a_title_subject_is_the_person_it_names_first_by_last_name() -> None:
    biden, trump = ("Joe Biden", ()), ("Donald Trump", ())
    assert title_subject(_titled("Biden, stumping for Clinton, trashes Trump", biden, trump)) == (
        "biden"
    )
    assert title_subject(_titled("Trump: Biden is wrong", ("Joseph R. Biden Jr.", ()), trump)) == (
        "trump"
    )
    assert title_subject(_titled("Barack Obama’s Endorsement Comes", ("Obama", ("Barack Obama",))))
    assert title_subject(_titled("Game over", ("Bernie Sanders", ()))) is None
    # Only persons the article names: a capitalised word is not a subject by itself.
    assert title_subject(_titled("Senate Votes On Budget")) is None
    assert title_subject(replace(_titled("Biden Speaks", biden), title="")) is None


def test_a_title_without_diacritics_names_the_person_the_text_spells_with_them() -> None:
    """Wikinews' ``Polish leader Jaroslaw Kaczynski promises ...`` over a text naming
    ``Jarosław Kaczyński``: the same person first in the title (its subject was none)."""
    kaczynski = ("Jarosław Kaczyński", ())
    title = "Polish leader Jaroslaw Kaczynski promises stricter punishments"
    assert title_event(_titled(title, kaczynski)) == ("kaczyński", "promis")
    assert title_subject(_titled("Kaczyński promises", ("Jaroslaw Kaczynski", ()))) == "kaczynski"
    assert title_subject(_titled("Søren Ørsted wins", ("Soren Orsted", ()))) == "orsted"


def _library_with_subjects(beat: int) -> StoryIndex:
    """60 articles far from the test's days; ``beat`` of their titles name ``trump``."""
    index = StoryIndex()
    for n in range(60):
        terms = [f"filler{n}", f"other{n % 7}"] + (["!trump"] if n < beat else [])
        index.place(f"year{n}", _plain(20000 + n, *terms))
    return index


def _reports(subject: str) -> tuple[StoryFeatures, StoryFeatures]:
    """Two reports sharing one word of eight, and the subject of their titles."""
    shared = [subject, "alpha"] if subject else ["alpha"]
    first = _plain(20200, *shared, *(f"first{n}" for n in range(7)))
    second = _plain(20201, *shared, *(f"second{n}" for n in range(7)))
    return first, second


def test_the_same_rare_person_first_in_two_titles_is_evidence_of_one_development() -> None:
    """``Biden, stumping for Clinton, trashes Trump`` and ``Biden calls Trump risk to
    U.S. safety`` share few words but the actor: they link; the same two without a
    title subject, or with one that heads every tenth title (the beat), stay apart."""
    for subject, together in (("!biden", True), ("!trump", False), ("", False)):
        index = _library_with_subjects(beat=10)
        first, second = _reports(subject)
        a = index.place("a", first)
        assert (index.place("b", second) == a) is together, subject


def test_a_person_heading_more_than_one_title_in_twenty_is_the_beat_not_an_actor() -> None:
    """In PolNeAR train ``Sanders`` heads 5.6% of the titles (a primary season's
    candidate): as a rare actor, two titles naming him first joined his different news
    (a preview and a poll). More than one title in twenty is the beat's; fewer is an
    actor."""
    for heads, together in ((4, False), (1, True)):  # 6 / 102 titles, 3 / 102
        index = StoryIndex()
        for n in range(100):
            terms = [f"filler{n}", f"other{n % 7}"] + (["!sanders"] if n < heads else [])
            index.place(f"year{n}", _plain(20000 + n, *terms))
        first, second = _reports("!sanders")
        a = index.place("a", first)
        assert (index.place("b", second) == a) is together, heads


def _sharing(day: int, shared: tuple[str, ...], own: str, size: int = 10) -> StoryFeatures:
    """An article of ``size`` words: ``shared`` and words of its own (``own0``...)."""
    return _plain(day, *shared, *(f"{own}{n}" for n in range(size - len(shared))))


def test_one_weak_link_between_two_articles_is_not_a_story_until_a_third_links_both() -> None:
    """Two articles sharing two words of ten link at about 0.24: above the link
    threshold, but a story of two on one such pair was where unrelated reports met on
    PolNeAR (a day's two stories on one person). A third report that links both is
    the second piece of evidence: then all three are one story."""
    index = _library_with_subjects(beat=0)
    a = index.place("a", _sharing(20200, ("alpha", "beta"), "a"))
    assert index.place("b", _sharing(20201, ("alpha", "beta"), "b")) != a
    assert index.place("c", _sharing(20201, ("alpha", "beta"), "c")) == a
    assert {index.resolve(index.placements[key]) for key in "abc"} == {a}
    # A strong link (four words of ten, about 0.46) is enough on its own.
    index = _library_with_subjects(beat=0)
    a = index.place("a", _sharing(20200, ("alpha", "beta", "gamma", "delta"), "a"))
    assert index.place("b", _sharing(20201, ("alpha", "beta", "gamma", "delta"), "b")) == a


def _worded(day: int, own: str, *phrases: int) -> StoryFeatures:
    """An article sharing two words of ten with the others (a weak link, about 0.24)
    whose title and lede have the word pairs ``phrases`` (hashes)."""
    f = _sharing(day, ("alpha", "beta"), own)
    return StoryFeatures(f.day, f.counts, phrases=phrases)


def test_a_weak_link_and_a_rare_lede_phrase_in_common_make_a_story_of_two() -> None:
    """``Trump tweet that blasts Clinton includes Star of David shape`` and ``Ryan:
    'Anti-Semitic Images' Have 'No Place In A Presidential Campaign'`` link weakly (0.23)
    but both ledes say ``the tweet was deleted``: the same words for the same
    development, a second piece of evidence. A word pair the window's articles use
    all the time (the beat's wording) is not, nor is a link too weak to count."""
    index = _library_with_subjects(beat=0)
    a = index.place("a", _worded(20200, "a", 7, 8))
    assert index.place("b", _worded(20201, "b", 8, 9)) == a
    index = _library_with_subjects(beat=0)
    a = index.place("a", _worded(20200, "a", 7))
    assert index.place("b", _worded(20201, "b", 9)) != a  # no pair in common
    index = _library_with_subjects(beat=0)
    for n in range(PHRASE_MAX_ARTICLES):  # the pair in every report of the week
        index.place(f"beat{n}", replace(_sharing(20200, (), f"beat{n}_"), phrases=(8,)))
    a = index.place("a", _worded(20200, "a", 8))
    assert index.place("b", _worded(20201, "b", 8)) != a
    index = _library_with_subjects(beat=0)
    a = index.place("a", replace(_sharing(20200, ("alpha",), "a"), phrases=(8,)))
    b = replace(_sharing(20201, ("alpha",), "b"), phrases=(8,))
    assert index.place("b", b) != a  # one word of ten: no link to corroborate


def test_lede_phrases_are_plain_word_pairs_of_title_and_lede() -> None:
    """Two content words in a row, stop words left out, neither capitalised: names are
    terms already, and a title-case headline is all capitals."""
    got = lede_phrases("Trump Tweet Includes Star", "The tweet was deleted.\0Critics said it")
    assert got == (zlib.crc32(b"tweet deleted"),)
    assert lede_phrases("", "a six-pointed Star of David, the image") == ()
    assert len(lede_phrases("", " ".join(f"word{n}x" for n in range(200)))) == LEDE_PHRASES


def test_a_title_naming_first_the_person_of_two_of_a_storys_titles_joins_it() -> None:
    """Three outlets on one speech (``Obama to frame election as ...``, ``Obama Claims
    Hillary Most Qualified ...``, ``Obama lays out stakes ...``): the third shares no
    word of weight with the others, but its title puts the same rare person first as
    two of the story's: it joins. One such title is not enough."""
    index = _library_with_subjects(beat=10)
    shared = ("!biden", "alpha", "beta", "gamma")
    a = index.place("a", _sharing(20200, shared, "a"))
    assert index.place("b", _sharing(20201, shared, "b")) == a
    assert index.place("c", _sharing(20202, ("!biden",), "c")) == a
    index = _library_with_subjects(beat=10)
    a = index.place("a", _sharing(20200, ("!biden", "alpha", "beta", "gamma"), "a"))
    assert index.place("b", _sharing(20201, ("alpha", "beta", "gamma"), "b")) == a
    assert index.place("c", _sharing(20202, ("!biden",), "c")) != a


def test_a_title_event_is_its_subject_and_the_act_after_it() -> None:
    ryan = ("Paul Ryan", ("Ryan",))
    pence = _titled("Pence Endorses Paul Ryan With Trump’s Blessing", ("Mike Pence", ()), ryan)
    trump = _titled(
        "Donald Trump Finally Endorses House Speaker Paul Ryan", ("Donald Trump", ()), ryan
    )
    assert title_event(pence) == ("pence", "endors")
    assert title_event(trump) == ("trump", "endors")  # the adverb skipped
    # An acronym after the name is not the act (``Paul Ryan: FBI Decision ...``).
    assert title_event(_titled("Paul Ryan: FBI Decision Defies Explanation", ryan)) == (
        "ryan",
        "decision",
    )
    assert title_event(_titled("Game over", ryan)) == (None, None)


def test_the_same_act_of_another_person_is_another_development() -> None:
    """``Pence Endorses Paul Ryan`` and, two days on, ``Donald Trump Finally Endorses
    House Speaker Paul Ryan`` share the names and the verbs (0.44 on PolNeAR): two
    developments. The same two reports with one actor are one."""
    shared = ("@ryan", "endorses", "re-election")
    pence = ("blessing", "mike", "governor", "indiana")
    trump = ("finally", "donald", "house", "speaker")
    for second_actor, together in (("!trump", False), ("!pence", True)):
        index = _library_with_subjects(beat=10)
        first = index.place("a", _plain(20200, "!pence", "^endors", *shared, *pence))
        second = _plain(20202, second_actor, "^endors", *shared, *trump)
        assert (index.place("b", second) == first) is together, second_actor
    index = _library_with_subjects(beat=10)  # without the titles' events: one story
    first = index.place("a", _plain(20200, *shared, *pence))
    assert index.place("b", _plain(20202, *shared, *trump)) == first


def test_titles_naming_another_person_first_need_a_second_link() -> None:
    """Wikinews' ``Eliud Kipchoge of Kenya runs marathon under two hours`` and, a day
    on, ``Kenya's Brigid Kosgei sets new world record at Chicago Marathon``: one strong
    link (the marathon, Kenya, the record, Kipchoge named in Kosgei's report), two
    developments. Each title names its own runner first and Kipchoge's report never
    names Kosgei: one link is not enough. Two reports of one gun auction whose titles
    put Zimmerman and Trayvon Martin first, each naming both, stay one story (PolNeAR);
    so do the two marathon reports without title subjects."""
    shared = ("marathon", "kenya", "record", "race", "@kipchoge")
    cases = (
        (("!kipchoge",), ("!kosgei", "@kosgei"), False),
        (("!kipchoge", "@kosgei"), ("!kosgei", "@kosgei"), True),
        ((), ("@kosgei",), True),
    )
    for own, other, together in cases:
        index = _library_with_subjects(beat=10)
        first = index.place("a", _plain(20200, *own, *shared, "vienna", "eliud"))
        second = _plain(20201, *other, *shared, "chicago", "brigid")
        assert (index.place("b", second) == first) is together, (own, other)


def test_a_one_day_window_keeps_only_its_latest_members_as_candidates() -> None:
    """An undated dump is dated by the day it was added: one day, one window as big as
    the import. A regroup keeps only the last ``keep`` placed in memory (each member's
    vector is kilobytes): the others keep their stories but find no new articles."""
    index = StoryIndex()
    for n in range(10):
        index.place(f"a{n}", _plain(20000, f"@p{n}", f"@q{n}", f"w{n}", f"v{n}"))
    stories_before = dict(index.placements)
    assert index.evict_excess(keep=8) == []  # within the slack: nothing rewritten yet
    forgotten = index.evict_excess(keep=4)
    assert [key for key, _member in forgotten] == [f"a{n}" for n in range(6)]
    assert list(index.members) == [f"a{n}" for n in range(6, 10)]
    assert index.placements == stories_before
    assert not any(p[0] == "a0" for bucket in index._postings.values() for p in bucket)  # noqa: SLF001
    old = index.place("b0", _plain(20000, "@p0", "@q0", "w0", "v0"))
    kept = index.place("b9", _plain(20000, "@p9", "@q9", "w9", "v9"))
    assert old != stories_before["a0"]
    assert kept == stories_before["a9"]


def test_a_regroup_places_undated_articles_in_the_order_they_were_imported(tmp_path) -> None:
    """Kept to a window of the last placed, undated articles must come in the dump's
    order, not their ids' (a hash): else a story's two reports are far apart."""
    from tui.store import Library
    from tui.store.stories import _days

    dumps = []
    for n in range(12):
        dump = tmp_path / f"report{n:02}.txt"
        dump.write_text(
            f"The council met on Monday to discuss item {n} of its agenda. Members voted"
            " to publish the minutes of the meeting next week.\n",
            encoding="utf-8",
        )
        dumps.append(str(dump))
    with Library.open(str(tmp_path / "lib.db")) as lib:
        lib.import_paths(dumps)
        conn = lib.connection
        imported = [a for (a,) in conn.execute("SELECT id FROM articles ORDER BY rowid")]
        assert len(imported) > 2
        assert [a for a, _day in _days(conn)] == imported


def test_placing_into_a_library_holds_at_most_the_window_bound(tmp_path, monkeypatch) -> None:
    """Placing what an import added reads its window's days from the library: a day of
    an undated library holds every article imported that day. At most the bound of the
    last imported are held (counted after every placement), as a regroup holds; every
    article is still placed."""
    from tui.store import Library
    from tui.store.stories import LibraryStoryIndex, story_ids, update_stories

    keep = 8
    monkeypatch.setattr(LibraryStoryIndex, "window_members", keep)
    held: list[int] = []
    place = LibraryStoryIndex.place

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        story = place(self, *args, **kwargs)
        held.append(len(self.members))
        return story

    monkeypatch.setattr(LibraryStoryIndex, "place", counting)
    dumps = []
    for n in range(36):
        dump = tmp_path / f"report{n:02}.txt"
        dump.write_text(
            f"The council of town {n} met on Monday. Members voted on item {n} and"
            f" published minutes {n}.\n",
            encoding="utf-8",
        )
        dumps.append(str(dump))
    with Library.open(str(tmp_path / "lib.db")) as lib:
        lib.import_paths(dumps[:24])
        update_stories(lib)  # the first grouping (a regroup, not this path)
        assert held == []
        lib.import_paths(dumps[24:])
        assert update_stories(lib) == 12
        assert held and max(held) <= keep + keep // 4  # the day held 24, then 36
        assert len(story_ids(lib)) == 36


def _terms(text: str) -> dict[str, int]:
    [article] = parse_document(text, "synthetic.txt")
    return dict(article_features(article, day=20000).counts)


def test_a_person_is_one_term_however_the_article_names_them() -> None:
    """``House Speaker Paul Ryan``, ``Speaker Ryan`` and ``Ryan`` are one person: one
    term (``@ryan``), so two reports that name him differently share it."""
    terms = _terms(
        "Ryan backs the bill\n\n"
        "House Speaker Paul Ryan said on Monday that he would back the bill.\n\n"
        "Speaker Ryan told reporters the vote would come next week.\n\n"
        "Ryan did not say more."
    )
    assert terms["@ryan"] >= 3
    assert not [t for t in terms if t.startswith("@") and "paul" in t]
    other = _terms("Ryan speaks\n\nPaul Ryan spoke in Janesville about the bill.")
    assert "@ryan" in other


def test_a_state_and_an_abbreviated_title_is_no_person() -> None:
    """``Ohio Gov. John Kasich``: the extractor reads ``Ohio Gov`` as a person; it
    is no name to share (every governor's state would be one), nor is ``White House``."""
    terms = _terms(
        "Kasich speaks\n\n"
        "Ohio Gov. John Kasich spoke in Columbus, and Texas Sen. Ted Cruz spoke in Dallas. "
        "White House officials said nothing."
    )
    names = {t for t in terms if t.startswith("@")}
    assert {"@kasich", "@cruz"} <= names
    assert not names & {"@gov", "@sen", "@house", "@ohio gov", "@white house"}


def test_title_case_headline_words_are_no_person() -> None:
    """A headline in title case reads like names (``Better Qualified``): a person the
    article names only in its title is not one."""
    terms = _terms(
        "Voters Say Clinton Better Qualified\n\n"
        "A poll of voters found Hillary Clinton ahead on experience, the pollster said."
    )
    assert "@qualified" not in terms and "@better qualified" not in terms
    assert "@clinton" in terms
