"""The embedder the settings name, made without importing the index (so a cold start can warm it first)."""

from __future__ import annotations

from bot.settings import Settings
from index.encode.embedder import Embedder
from index.encode.embedder import make_embedder as embedder_for


def make_embedder(settings: Settings) -> Embedder:
    return embedder_for(settings.embedding_model, encoder=settings.encoder, cache_dir=settings.resolved_model_cache_dir)
