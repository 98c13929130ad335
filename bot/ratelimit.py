"""Per-user rate limiting: a sliding one-minute window."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0:
            raise ValueError(f"per_minute must be > 0, got {per_minute}")
        self._limit = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, user: str) -> bool:
        """Count one request for ``user``; False when they already made ``per_minute`` in the last minute."""
        now = self._clock()
        with self._lock:
            window = self._seen.setdefault(user, deque())
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self._limit:
                return False
            window.append(now)
            return True
