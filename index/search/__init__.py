"""Finding candidate passages: dense and BM25 search fused, locally or on Milvus, behind one protocol."""
