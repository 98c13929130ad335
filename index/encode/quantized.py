"""Unit vectors stored as int8 with a per-row scale: a quarter of float32, dot products within ~1e-3."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class Int8Vectors:
    """Read-mostly rows of int8 codes; row i is ``codes[i] * scales[i]``."""

    def __init__(self, codes: np.ndarray, scales: np.ndarray) -> None:
        if codes.ndim != 2 or scales.shape != (codes.shape[0],):
            raise ValueError(f"codes must be (n, d) with n scales, got {codes.shape} and {scales.shape}")
        self._codes = codes
        self._scales = scales

    @classmethod
    def quantize(cls, vectors: np.ndarray) -> Int8Vectors:
        vectors = np.asarray(vectors, dtype=np.float32)
        peak = np.abs(vectors).max(axis=1) if vectors.size else np.zeros(len(vectors), dtype=np.float32)
        scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        codes = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
        return cls(codes.reshape(len(vectors), -1), scales)

    @classmethod
    def load(cls, directory: Path, name: str) -> Int8Vectors:
        # Plain views of the file mappings: pages load on first touch and are shared, never copied.
        codes = np.asarray(np.load(directory / f"{name}.codes.npy", mmap_mode="r"))
        scales = np.asarray(np.load(directory / f"{name}.scales.npy", mmap_mode="r"))
        return cls(codes, scales)

    def part(self, rows: slice) -> Int8Vectors:
        """The given rows (a view, no copy)."""
        return Int8Vectors(self._codes[rows], self._scales[rows])

    def to_bytes(self) -> bytes:
        """Codes then scales, row-major: n * (d + 4) bytes (a passage's sentences in one Milvus field)."""
        return np.ascontiguousarray(self._codes).tobytes() + np.asarray(self._scales, "<f4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, dimension: int) -> Int8Vectors:
        n, rest = divmod(len(data), dimension + 4)
        if rest:
            raise ValueError(f"{len(data)} bytes are not whole rows of dimension {dimension}")
        codes = np.frombuffer(data, dtype=np.int8, count=n * dimension).reshape(n, dimension)
        return cls(codes, np.frombuffer(data, dtype="<f4", offset=n * dimension))

    def save(self, directory: Path, name: str) -> None:
        np.save(directory / f"{name}.codes.npy", self._codes)
        np.save(directory / f"{name}.scales.npy", self._scales)

    @property
    def shape(self) -> tuple[int, int]:
        return (int(self._codes.shape[0]), int(self._codes.shape[1]))

    def __len__(self) -> int:
        return int(self._codes.shape[0])

    def dot(self, rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
        """Inner products of the given rows with ``vector``."""
        return (self._codes[rows].astype(np.float32) @ vector) * self._scales[rows]

    def take(self, rows: np.ndarray | slice) -> np.ndarray:
        """The given rows as float32 vectors."""
        return self._codes[rows].astype(np.float32) * self._scales[rows][:, None]
