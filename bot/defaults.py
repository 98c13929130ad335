"""Defaults shared by the settings and the cold start's early guess at them (importable without pydantic)."""

DATA_DIR = "data"
EMBEDDING_MODEL = "all-MiniLM-L6-v2"
