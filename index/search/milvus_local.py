"""A Milvus Lite server (the C++ Milvus core of milvus-lite 2.5) on 127.0.0.1: the real engine for tests,
benches and a one-machine trial of the milvus backend."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from index.search.milvus_types import MilvusError, quiet_milvus_lite

logger = logging.getLogger(__name__)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalMilvus:
    """Starts the server on a free loopback port over a data file in ``directory``; ``uri`` reaches it."""

    def __init__(self, directory: Path, *, name: str = "milvus.db", start_timeout: float = 60.0) -> None:
        self._path = Path(directory) / name
        self._timeout = start_timeout
        self._server: Any = None
        self.port = 0

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LocalMilvus:
        quiet_milvus_lite()
        try:
            from milvus_lite.server import Server
        except ImportError as e:
            raise MilvusError("milvus-lite is not installed; install it with: pip install -e '.[milvus]'") from e
        from pymilvus import MilvusClient

        self._path.parent.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        server = Server(str(self._path), address=f"127.0.0.1:{self.port}")
        if not server.init() or not server.start():
            raise MilvusError(f"Milvus Lite did not start over {self._path}")
        self._server = server
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                MilvusClient(uri=self.uri, timeout=2).close()
                return self
            except Exception as e:  # not listening yet
                if time.monotonic() > deadline:
                    self.stop()
                    raise MilvusError(f"Milvus Lite on {self.uri} did not answer within {self._timeout:.0f} s") from e
                time.sleep(0.2)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> LocalMilvus:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
