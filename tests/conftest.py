"""Shared fixtures: small pages written for the project's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

BANNER_PAGE = """Harbour city says ferry link will reopen

Coastline Daily Online

Read also: Storm damage closes two schools on the coast

The harbour authority said on Monday that the ferry link to the island would reopen next week.

“We expect the first crossing on Thursday,” said Maria Lund, the authority's spokeswoman.

Read also: Fishing fleet returns after three days in port

Lund added that repairs cost more than $2 million.

Read the original article on The Island Courier

Next Post

Council votes to widen the coast road

The council on Tuesday approved a plan to widen the road […]"""


@pytest.fixture(scope="session")
def banner_page() -> str:
    return BANNER_PAGE
