"""The parser's version, on its own so that asking for it imports nothing else.

The library compares it with the version that stored each document every time the
reader opens (are cached articles stale?), before the first frame: importing the whole
extraction stack for that would slow every start.
"""

#: Bump when parsing or extraction changes what an article holds: cached articles in
#: the library are re-parsed when this differs from the version that stored them.
PARSER_VERSION = 10
