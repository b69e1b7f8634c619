"""llm.v1 with the fake model (never the network) and the OpenAI-compatible endpoint against
a throwaway server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.coding import LLMCoder, ResponseCache
from indsigt.coding.endpoint import OpenAIEndpoint, is_local
from indsigt.coding.llm import anchor, parse_response
from indsigt.errors import IndsigtError
from indsigt.testing import FakeModel, codes_response, local_chat_endpoint

ROBOTS = "Vi har automatiseret sagsbehandlingen med robotter, og kunstig intelligens hjælper."


def test_anchor() -> None:
    text = "Vi har  automatiseret\nsagsbehandlingen – “hurtigt”."
    assert anchor("automatiseret", text) == (8, 21)
    start, end = anchor("har automatiseret sagsbehandlingen", text) or (0, 0)
    assert text[start:end] == "har  automatiseret\nsagsbehandlingen"
    assert anchor('"hurtigt"', text) is not None
    assert anchor("noget helt andet", text) is None
    assert anchor("", text) is None


def test_parse_response() -> None:
    assert parse_response('Sure! {"codes": [{"code": "a", "quote": "b"}]} Done.') == [
        {"code": "a", "quote": "b"}
    ]
    assert parse_response("no json here") == []
    assert parse_response('{"codes": "oops"}') == []


def test_codes_with_reanchored_evidence(small: indsigt.Project, tmp_path: Path) -> None:
    model = FakeModel(
        {
            ROBOTS: codes_response(
                ("muligheder/ny-teknologi", "kunstig  intelligens", 0.9),
                ("udfordringer/infrastruktur", "gamle systemer", 0.8),  # not in the passage
                ("no/such/code", "robotter", 0.7),
            )
        }
    )
    cache = ResponseCache(tmp_path / "cache")
    coder = LLMCoder(model, cache=cache)
    passages = small.passages()
    codings = coder.code(passages, small.codebook())
    assert len(codings) == 1 and coder.dropped == 2
    (coding,) = codings
    passage = next(p for p in passages if p.id == coding.passage_id)
    evidence = coding.evidence
    assert evidence["quote"] == "kunstig intelligens"
    document = small.document(passage.document_id)
    assert document.text[evidence["start"] : evidence["end"]] == "kunstig intelligens"
    assert evidence["prompt"] == "code.v1" and evidence["model"] == "fake-model"
    assert coding.coder == "llm.v1" and coding.score == 0.9
    prompt = next(p for p in model.prompts if ROBOTS in p)
    assert "muligheder/ny-teknologi" in prompt and "Danish" in prompt
    calls = len(model.prompts)
    assert calls == len(passages)
    LLMCoder(model, cache=cache).code(passages, small.codebook())
    assert len(model.prompts) == calls  # all answers came from the cache


REQUESTS: list[dict[str, Any]] = []


def _answer(prompt: str) -> str:
    if ROBOTS in prompt:
        return codes_response(("muligheder/ny-teknologi", "robotter", 0.7))
    return '{"codes": []}'


@pytest.fixture
def local_llm() -> Iterator[str]:
    with local_chat_endpoint(_answer, REQUESTS) as url:
        yield url


def test_local_endpoints_only() -> None:
    assert is_local("http://localhost:11434/v1") and is_local("http://127.0.0.5/v1")
    assert is_local("http://[::1]:8080/v1")
    assert not is_local("https://api.example.com/v1") and not is_local("http://10.0.0.2/v1")
    with pytest.raises(IndsigtError, match="not on this machine"):
        OpenAIEndpoint("https://api.example.com/v1", "m")
    OpenAIEndpoint("https://api.example.com/v1", "m", allow_remote=True)  # no request made


def test_endpoint_through_the_cli(small: indsigt.Project, local_llm: str, tmp_path: Path) -> None:
    db = small.store.location
    runner = CliRunner()
    args = ["code", db, "--coder", "llm", "--llm-model", "tiny", "--json"]
    result = runner.invoke(main, [*args, "--llm-url", "http://192.0.2.1:8080/v1"])
    assert result.exit_code == 2 and "--allow-remote" in result.output
    cache = tmp_path / "llm-cache"
    result = runner.invoke(main, [*args, "--llm-url", local_llm, "--llm-cache", str(cache)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["coders"]["llm.v1"]["suggested"] == 1
    assert REQUESTS[-1]["path"] == "/v1/chat/completions"
    assert REQUESTS[-1]["body"]["model"] == "tiny"
    (row,) = small.codings(coder="llm.v1")
    assert row.evidence["quote"] == "robotter" and row.code == "muligheder/ny-teknologi"
    before = len(REQUESTS)
    runner.invoke(main, [*args, "--llm-url", local_llm, "--llm-cache", str(cache)])
    assert len(REQUESTS) == before
