"""A model on any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, …).

Off by default. Only endpoints on this machine (localhost, 127.0.0.0/8, ::1) are allowed unless
the user opts in with ``allow_remote=True`` (``--allow-remote``): interview text must not leave
the machine by accident. Needs ``httpx`` (``pip install 'indsigt[llm]'``).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlparse

from indsigt.errors import IndsigtError
from indsigt.loopback import is_loopback

INSTALL = "pip install 'indsigt[llm]'"


def is_local(url: str) -> bool:
    """Whether ``url``'s host is this machine (:func:`~indsigt.loopback.is_loopback`)."""
    return is_loopback(urlparse(url).hostname or "")


class OpenAIEndpoint:
    """``model(prompts) -> responses`` over ``POST {base_url}/chat/completions``."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        allow_remote: bool = False,
        api_key: str | None = None,
        timeout: float = 120.0,
        temperature: float = 0.0,
        transport: Any = None,
    ) -> None:
        if not urlparse(base_url).scheme.startswith("http"):
            raise IndsigtError(f"{base_url}: give the endpoint as http(s)://host:port/v1")
        if not allow_remote and not is_local(base_url):
            raise IndsigtError(
                f"{base_url} is not on this machine; interview text would leave it. "
                "Use a local endpoint, or pass --allow-remote if that is intended"
            )
        try:
            import httpx
        except ImportError as exc:
            raise IndsigtError(f"the LLM coder needs httpx: {INSTALL}") from exc
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.temperature = temperature
        key = api_key if api_key is not None else os.environ.get("INDSIGT_LLM_API_KEY", "")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers, transport=transport)

    @property
    def model_id(self) -> str:
        return f"{self.model}@{self.base_url}"

    def __call__(self, prompts: list[str]) -> list[str]:
        import httpx

        out = []
        for prompt in prompts:
            body = {
                "model": self.model,
                "temperature": self.temperature,
                "messages": [{"role": "user", "content": prompt}],
            }
            try:
                response = self._client.post(f"{self.base_url}/chat/completions", json=body)
                response.raise_for_status()
                out.append(str(response.json()["choices"][0]["message"]["content"]))
            except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
                raise IndsigtError(f"{self.base_url}: the model did not answer ({exc})") from exc
        return out
