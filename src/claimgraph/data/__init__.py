"""Data files of claimgraph (lexicons, gazetteers, model weights), each with a header saying
where its facts come from."""

from __future__ import annotations

from importlib import resources


def rows(name: str, skip_header: bool = False) -> list[list[str]]:
    """Tab-separated rows of the data file ``name``, cells stripped; comment lines (``#``)
    and blank lines are skipped, and with ``skip_header`` the column-name row too."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    out = [
        [c.strip() for c in ln.split("\t")]
        for ln in text.splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return out[1:] if skip_header else out
