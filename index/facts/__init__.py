"""Quick facts read from the index: who, quotes, timeline, sources."""
