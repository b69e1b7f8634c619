"""Fakes for tests (indsigt's and plugins'): a language model that never touches the network,
and a small deterministic embedder."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import ClassVar

import numpy as np

from indsigt.embed.base import Vectors, normalise


class FakeModel:
    """A model callable (prompts → responses) for the LLM coder.

    ``respond`` maps a prompt to its response: a function, or a mapping from a piece of the
    prompt (e.g. the passage text) to the response for every prompt containing it. Prompts
    nothing matches get ``default``. Every call is recorded in ``calls``.
    """

    model_id = "fake-model"

    def __init__(
        self,
        respond: Callable[[str], str] | Mapping[str, str] | None = None,
        *,
        default: str = '{"codes": []}',
    ) -> None:
        self.respond = respond
        self.default = default
        self.calls: list[list[str]] = []

    def __call__(self, prompts: list[str]) -> list[str]:
        self.calls.append(list(prompts))
        return [self._one(prompt) for prompt in prompts]

    def _one(self, prompt: str) -> str:
        if callable(self.respond):
            return self.respond(prompt)
        for needle, response in (self.respond or {}).items():
            if needle in prompt:
                return response
        return self.default

    @property
    def prompts(self) -> list[str]:
        return [prompt for call in self.calls for prompt in call]


def codes_response(*items: tuple[str, str, float]) -> str:
    """A well-formed LLM answer: ``(code path, quote, confidence)`` items."""
    return json.dumps(
        {"codes": [{"code": c, "quote": q, "confidence": s} for c, q, s in items]},
        ensure_ascii=False,
    )


class FakeEmbedder:
    """Hashed word counts: deterministic, instant, cacheable; similar texts share words."""

    name: ClassVar[str] = "fake"
    cacheable: ClassVar[bool] = True

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0

    @property
    def model_id(self) -> str:
        return f"fake-hash-{self.dim}"

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.sha256(word.strip(".,;:!?\"'").encode()).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        return normalise(out)


@contextlib.contextmanager
def local_chat_endpoint(
    answer: Callable[[str], str], requests: list[dict[str, object]] | None = None
) -> Iterator[str]:
    """A real OpenAI-compatible chat endpoint on 127.0.0.1 for the block; yields its base URL.
    ``answer`` maps the prompt to the reply; each request's path and body go to ``requests``."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if requests is not None:
                requests.append({"path": self.path, "body": body})
            content = answer(body["messages"][0]["content"])
            data = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
