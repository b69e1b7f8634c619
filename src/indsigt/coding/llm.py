"""``llm.v1``: a language model codes passages. Build prompts → model(prompts) → parse.

* The model is any callable ``list[str] -> list[str]`` (prompts to responses): an
  :class:`~indsigt.coding.endpoint.OpenAIEndpoint` for a local Ollama, vLLM or llama.cpp
  server, or :class:`indsigt.testing.FakeModel` in tests. Nothing calls the network by default.
* The prompt is a versioned file, ``prompts/code.v1.txt`` (``string.Template``); the coding's
  evidence records the prompt version and the model.
* Responses are cached by (model id, prompt) in a directory, so a re-run costs nothing.
* The model's quote must be found in the passage (exactly, or after normalising whitespace,
  case and quotation marks); it is re-anchored to document offsets. A coding whose quote is
  not in the passage is dropped (counted in ``dropped``), as is a code the codebook lacks.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, ClassVar

from indsigt.codebook.model import Codebook, describe
from indsigt.coding.base import BatchedCoder, suggestion
from indsigt.coding.settings import CoderSettings, CoderStudy, default_cache
from indsigt.records import Coding, Passage

Model = Callable[[list[str]], list[str]]
PROMPT = "code.v1"
LANGUAGE_NAMES = {"da": "Danish", "no": "Norwegian", "sv": "Swedish", "en": "English"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def prompt_template(version: str = PROMPT) -> Template:
    path = resources.files("indsigt.coding") / "prompts" / f"{version}.txt"
    return Template(path.read_text(encoding="utf-8"))


class ResponseCache:
    """Responses on disk, one JSON file per (model id, prompt) hash."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _file(self, model_id: str, prompt: str) -> Path:
        digest = hashlib.sha256(f"{model_id}\x1f{prompt}".encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, model_id: str, prompt: str) -> str | None:
        path = self._file(model_id, prompt)
        if not path.exists():
            return None
        return str(json.loads(path.read_text(encoding="utf-8"))["response"])

    def put(self, model_id: str, prompt: str, response: str) -> None:
        path = self._file(model_id, prompt)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps({"response": response}, ensure_ascii=False), "utf-8")
        partial.replace(path)


def anchor(quote: str, text: str) -> tuple[int, int] | None:
    """``(start, end)`` of ``quote`` in ``text``: exact, else ignoring case, runs of
    whitespace and the kind of quotation marks; None when it is not there."""
    quote = quote.strip().strip('"').strip()
    if not quote:
        return None
    found = text.find(quote)
    if found >= 0:
        return found, found + len(quote)
    words = quote.translate(_QUOTES).split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text.translate(_QUOTES), flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def parse_response(response: str) -> list[dict[str, Any]]:
    """The ``codes`` list of a response (the first JSON object in it); [] if unreadable."""
    start, end = response.find("{"), response.rfind("}")
    if start < 0 or end <= start:
        return []
    try:
        data = json.loads(response[start : end + 1])
    except json.JSONDecodeError:
        return []
    codes = data.get("codes", []) if isinstance(data, dict) else []
    return [item for item in codes if isinstance(item, dict)]


class LLMCoder(BatchedCoder[tuple[Codebook, dict[str, Any]]]):
    name: ClassVar[str] = "llm.v1"

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> LLMCoder:
        """On the OpenAI-compatible endpoint ``settings.llm_url`` (off unless given; local
        only unless ``allow_remote``), answers cached in ``settings.llm_cache``."""
        from indsigt.coding.endpoint import OpenAIEndpoint
        from indsigt.errors import IndsigtError

        if not settings.llm_url or not settings.llm_model:
            raise IndsigtError(
                "the LLM coder is off by default: give --llm-url (an OpenAI-compatible endpoint, "
                "e.g. http://localhost:11434/v1) and --llm-model"
            )
        endpoint = OpenAIEndpoint(
            settings.llm_url, settings.llm_model, allow_remote=settings.allow_remote
        )
        cache = ResponseCache(settings.llm_cache or default_cache() / "llm")
        return cls(endpoint, cache=cache, language=settings.language)

    def __init__(
        self,
        model: Model,
        *,
        model_id: str = "",
        cache: ResponseCache | None = None,
        prompt: str = PROMPT,
        language: str = "da",
        batch_size: int = 8,
    ) -> None:
        self.model = model
        self.model_id = model_id or str(getattr(model, "model_id", type(model).__name__))
        self.cache = cache
        self.prompt = prompt
        self.template = prompt_template(prompt)
        self.language = language
        self.batch_size = batch_size
        self.dropped = 0

    def build_prompt(self, passage: Passage, codebook: Codebook) -> str:
        listing = "\n".join(
            f"- {code.path}: {describe(code, self.language)}" for code in codebook.leaves()
        )
        return self.template.substitute(
            language_name=LANGUAGE_NAMES.get(self.language, self.language),
            codebook=listing,
            passage=passage.text,
        )

    def _responses(self, prompts: list[str]) -> list[str]:
        answers: dict[int, str] = {}
        missing = []
        for k, prompt in enumerate(prompts):
            cached = self.cache.get(self.model_id, prompt) if self.cache else None
            if cached is None:
                missing.append(k)
            else:
                answers[k] = cached
        if missing:
            fresh = self.model([prompts[k] for k in missing])
            if len(fresh) != len(missing):
                raise ValueError(f"the model gave {len(fresh)} responses to {len(missing)} prompts")
            for k, response in zip(missing, fresh, strict=True):
                answers[k] = response
                if self.cache:
                    self.cache.put(self.model_id, prompts[k], response)
        return [answers[k] for k in range(len(prompts))]

    def prepare(self, codebook: Codebook) -> tuple[Codebook, dict[str, Any]]:
        return codebook, {code.path: code for code in codebook.leaves()}

    def code_batch(
        self, batch: Sequence[Passage], prepared: tuple[Codebook, dict[str, Any]]
    ) -> list[Coding]:
        codebook, codable = prepared
        responses = self._responses([self.build_prompt(p, codebook) for p in batch])
        out: list[Coding] = []
        for passage, response in zip(batch, responses, strict=True):
            out += self._codings(passage, parse_response(response), codable)
        return out

    def _codings(
        self, passage: Passage, items: list[dict[str, Any]], codable: dict[str, Any]
    ) -> list[Coding]:
        out: list[Coding] = []
        seen: set[str] = set()
        for item in items:
            path = str(item.get("code", "")).strip()
            span = anchor(str(item.get("quote", "")), passage.text)
            if path not in codable or span is None or path in seen:
                self.dropped += 1
                continue
            seen.add(path)
            try:
                confidence = min(1.0, max(0.0, float(item.get("confidence", 0.5))))
            except (TypeError, ValueError):
                confidence = 0.5
            evidence = {
                "quote": passage.text[span[0] : span[1]],
                "start": passage.start + span[0],
                "end": passage.start + span[1],
                "model": self.model_id,
                "prompt": self.prompt,
            }
            out.append(suggestion(passage, codable[path], self.name, confidence, evidence))
        return out
