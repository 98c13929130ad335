"""Passages, embeddings, FAISS and BM25 stores, hybrid retrieval, attribution and the answer engine."""
