"""The pair model (tui.extract.story_model): its features on constructed articles, and
that the grouping decides by them."""

from __future__ import annotations

from tui.extract import story_model
from tui.extract.pipeline import parse_document
from tui.extract.stories import StoryFeatures, StoryIndex, article_features
from tui.extract.story_model import FEATURE_NAMES, event_marks, pair_features

DAY = 20000


def _article(title: str, body: str, date: str = "2016-02-02"):
    text = f"{title}\nBy A Reporter\n{date}\n\n{body}\n"
    [article] = parse_document(text, "x.txt")
    return article


def _feature(name: str, values: list[float]) -> float:
    return values[FEATURE_NAMES.index(name)]


def _features(a: StoryFeatures, b: StoryFeatures, index: StoryIndex) -> list[float]:
    va, vb = index.vector(a), index.vector(b)
    return pair_features(
        va,
        frozenset(a.quotes),
        a.day,
        vb,
        frozenset(b.quotes),
        b.day,
        lambda term: 1.0,
        quote_cap=6,
        signature_terms=60,
    )


def test_event_marks_name_the_contest_its_state_and_an_outcome() -> None:
    marks = event_marks("Cruz wins Iowa caucuses", "Ted Cruz won the Iowa caucuses on Monday.")
    assert marks == ["=c:caucus", "=s:iowa", "=won"]
    preview = event_marks("Voters head to New Hampshire primary", "Polls open at 6.")
    assert preview == ["=c:primary", "=s:new-hampshire"]
    assert event_marks("Iowa farmers fear tariffs", "Corn prices fell.") == []


def test_article_features_keep_title_words_and_the_event_frame_as_marks() -> None:
    article = _article(
        "Cruz wins Iowa caucuses",
        "Ted Cruz won the Iowa caucuses on Monday night, beating Donald Trump.",
    )
    terms = dict(article_features(article).counts)
    assert {"=c:caucus", "=s:iowa", "=won"} <= terms.keys()
    assert {"%cruz", "%iowa", "%caucus"} <= terms.keys()


def _frame(day: int, *words: str, outcome: bool = True) -> StoryFeatures:
    marks = [("=c:caucus", 1), ("=s:iowa", 1)] + ([("=won", 1)] if outcome else [])
    counts = [(w, 2) for w in words] + marks
    return StoryFeatures(day=day, counts=tuple(sorted(counts)))


def _index(model: tuple | None = None, *, frame: bool | None = None) -> StoryIndex:
    """An index with a history (document frequencies of 200 other articles, far off in
    time), so the model decides."""
    index = StoryIndex(model=model, frame=frame)
    for n in range(200):
        index.observe(StoryFeatures(day=DAY - 400 - n, counts=((f"filler{n}", 1), ("common", 1))))
    return index


def test_the_same_contest_reported_on_the_same_night_is_a_frame_feature() -> None:
    index = _index(frame=True)  # the model's evidence, as fit_story_model.py reads it
    words = [f"word{n}" for n in range(20)]
    a = _frame(DAY, *words[:14], "caucus")
    b = _frame(DAY + 1, *words[6:], "caucus")
    far = _frame(DAY + 2, *words[6:], "caucus")
    no_outcome = _frame(DAY, *words[6:], "caucus", outcome=False)
    for f in (a, b, far, no_outcome):
        index.observe(f)
    same_night = _features(a, b, index)
    assert _feature("frame", same_night) == 1.0
    assert _feature("frame_state", same_night) == 1.0
    assert _feature("frame_outcome", same_night) == 1.0
    assert _feature("days", same_night) == 1.0
    assert _feature("cosine", same_night) > 0
    later = _features(a, far, index)
    assert _feature("frame", later) == _feature("frame_outcome", later) == 0.0
    assert _feature("frame_outcome", _features(a, no_outcome, index)) == 0.0


def test_the_grouping_links_a_pair_by_the_models_weights() -> None:
    """The decision is the model's: a model that weighs only the frame links two reports
    of one caucus night that share few words, and one that does not weigh it leaves them
    apart (the rules out of it)."""
    only_frame = [0.0] * len(FEATURE_NAMES)
    only_frame[FEATURE_NAMES.index("frame_outcome")] = 10.0
    a = _frame(DAY, *(f"a{n}" for n in range(20)), "shared")
    b = _frame(DAY, *(f"b{n}" for n in range(20)), "shared")
    placed = {}
    for weights in (only_frame, [0.0] * len(FEATURE_NAMES)):
        index = _index((weights, -5.0, 0.5))
        index.rules_too = False
        for f in (a, b):
            index.observe(f)
        placed[weights[FEATURE_NAMES.index("frame_outcome")]] = (
            index.place("a", a, observed=True),
            index.place("b", b, observed=True),
        )
    linked, apart = placed[10.0], placed[0.0]
    assert linked[0] == linked[1]
    assert apart[0] != apart[1]


def test_the_models_marks_and_contest_probes_are_there_only_when_the_model_is_on() -> None:
    """Two reports that share nothing but the caucus they name: the contest finds one
    from the other (a probe) where the model reads the frame; with the model off (the
    default) the signatures carry no marks the rules never read, and nothing is found."""
    a = _frame(DAY, *(f"a{n}" for n in range(20)))
    b = _frame(DAY, *(f"b{n}" for n in range(20)))
    found = {}
    for name, index in (
        ("off", _index()),
        ("on", _index((story_model.WEIGHTS, story_model.BIAS, story_model.LINK_PROBABILITY))),
    ):
        for f in (a, b):
            index.observe(f)
        index.place("a", a, observed=True)
        vector = index.vector(b)
        marked = {t for t in vector if t[0] in story_model.EVENT + story_model.TITLE}
        found[name] = (marked, index.candidates(vector, frozenset(), DAY))
    assert found["off"] == (set(), [])
    assert found["on"] == ({"=c:caucus", "=s:iowa", "=won"}, ["a"])


def test_the_committed_model_has_a_weight_per_feature_and_a_probability_in_range() -> None:
    assert len(story_model.WEIGHTS) == len(FEATURE_NAMES)
    assert 0.0 < story_model.LINK_PROBABILITY < 1.0
    assert story_model.linked([0.0] * len(FEATURE_NAMES), [0.0] * len(FEATURE_NAMES), 0.0, 0.4)
    assert not story_model.linked([0.0] * len(FEATURE_NAMES), [0.0] * len(FEATURE_NAMES), -5, 0.4)


def test_texts_of_a_few_words_need_a_shared_name_number_or_quote() -> None:
    """Two JSONL rows of a few words each (``Short note one.``, ``Short note two.``)
    share a word or two, which weigh as much as a whole article's shared terms once the
    signature is normalised: in a library with a history they stayed one story. A name
    in common still links them."""
    for model in (None, (story_model.WEIGHTS, story_model.BIAS, story_model.LINK_PROBABILITY)):
        index = _index(model)
        short = [
            StoryFeatures(DAY, (("hello", 1), ("note", 1), ("short", 1))),
            StoryFeatures(DAY, (("again", 1), ("hello", 1), ("note", 1), ("short", 1))),
            StoryFeatures(DAY, (("@solheim", 1), ("note", 1), ("short", 1))),
            StoryFeatures(DAY, (("@solheim", 1), ("note", 1), ("short", 1), ("tide", 1))),
        ]
        for f in short:
            index.observe(f)
        stories = [index.place(f"s{n}", f, observed=True) for n, f in enumerate(short)]
        assert stories[0] != stories[1]
        assert stories[2] == stories[3]
        assert stories[1] != stories[2]


def test_one_strong_pair_into_a_story_of_several_is_not_enough_for_the_model() -> None:
    """The model joins a story when its members near the day have, on average, half the
    link probability: an article that matches one member of a story of five (a chain;
    a fifth of the probability on average) starts its own, one that matches all five
    joins it."""
    only_cosine = [0.0] * len(FEATURE_NAMES)
    only_cosine[FEATURE_NAMES.index("cosine")] = 40.0
    words = [f"w{n}" for n in range(12)]
    members = [
        StoryFeatures(DAY, tuple((w, 2) for w in sorted([*words, f"own{k}a", f"own{k}b"])))
        for k in range(5)
    ]
    chain = StoryFeatures(
        DAY,
        tuple((w, 2) for w in sorted(["own0a", "own0b", "z1", "z2"] + [f"y{n}" for n in range(8)])),
    )
    alike = StoryFeatures(DAY, tuple((w, 2) for w in sorted([*words, "x1", "x2"])))
    for newcomer, joins in ((chain, False), (alike, True)):
        index = _index((only_cosine, -6.0, 0.5))
        index.rules_too = False
        for f in (*members, newcomer):
            index.observe(f)
        stories = {index.place(f"m{k}", f, observed=True) for k, f in enumerate(members)}
        assert len(stories) == 1
        assert (index.place("new", newcomer, observed=True) in stories) is joins
