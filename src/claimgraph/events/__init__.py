"""events: typed PLOVER events with participants, military-aid details and factuality.

Stage entry :func:`run` appends :class:`Event` records to ``rec.extra["events"]``;
:func:`factuality` scores any spaCy token in MEANTIME's scheme.
"""

from claimgraph.events.extract import (
    TABLE,
    Event,
    event_codes,
    extract_doc,
    find_triggers,
    plover_coding,
    run,
)
from claimgraph.events.factuality import factuality

__all__ = [
    "TABLE",
    "Event",
    "event_codes",
    "extract_doc",
    "factuality",
    "find_triggers",
    "plover_coding",
    "run",
]
