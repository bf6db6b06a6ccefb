"""The parser's version, on its own so that asking for it imports nothing else.

The library compares it with the version that stored each document every time the
reader opens (are cached articles stale?), before the first frame: importing the whole
extraction stack for that would slow every start.
"""

#: Bump when parsing or extraction changes what an article holds: cached articles in
#: the library are re-parsed when this differs from the version that stored them.
PARSER_VERSION = 14

#: Bump when finding reported speech (kind ``indirect``: :func:`tui.extract.quotes.
#: find_reported`) changes what it finds. The library stores each article's reported
#: speech as it is parsed (:mod:`tui.store.reported`), in a table named after this and
#: :data:`PARSER_VERSION`: another version's table is dropped, and what is missing is
#: found again on demand (and stored) rather than shown stale.
REPORTED_VERSION = 1
