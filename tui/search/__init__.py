"""The query language and the search index."""
