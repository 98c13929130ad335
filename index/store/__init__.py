"""The index on disk: articles to passages, versioned directories, the articles collection and its journal."""
