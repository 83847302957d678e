"""Property-based tests of the JSON API against its own OpenAPI schema (schemathesis).

Every operation is called with generated parameters (a bounded number of examples per
operation) on a store built by the real pipeline; each response must conform to the schema
(status code, content type, body) and never be a server error.

schemathesis's pytest plugin (``from_fixture``/``parametrize``) does not run under pytest 9,
so the operations are driven through its Python API: one hypothesis test per operation with
``operation.as_strategy()`` and ``case.call_and_validate()``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from claimgraph.serve import create_app

try:  # pytest's default import mode puts tests/ on sys.path
    from test_api import build_store
except ImportError:  # pragma: no cover
    from tests.test_api import build_store


def _operations(schema: schemathesis.BaseSchema) -> dict[str, object]:
    return {op.label: op for op in (r.ok() for r in schema.get_all_operations())}


#: The operation labels, read from the schema (serving it does not touch the store).
LABELS = sorted(_operations(schemathesis.openapi.from_asgi("/openapi.json", create_app("-"))))


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db: Path = build_store(tmp_path_factory.mktemp("schemathesis"))
    return _operations(schemathesis.openapi.from_asgi("/openapi.json", create_app(db)))


def test_every_api_route_is_in_the_schema() -> None:
    assert {
        "GET /api/health",
        "GET /api/network",
        "GET /api/events",
        "GET /api/events/{id}",
        "GET /api/actors",
        "GET /api/actors/{id}",
        "GET /api/timeline",
        "GET /api/articles",
        "GET /api/articles/{id}",
        "GET /api/search",
    } <= set(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_operation_conforms_to_schema(label: str, operations: dict[str, object]) -> None:
    op = operations[label]

    @given(case=op.as_strategy())  # type: ignore[attr-defined]
    @settings(
        max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate()

    check()
