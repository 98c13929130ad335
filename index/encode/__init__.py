"""Encoding text as vectors: the sentence-transformer model, its ONNX export, int8 storage."""
