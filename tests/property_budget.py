"""How many examples a property test tries.

Each test states its full count; `make test` tries a third of it (never fewer than 20), which
keeps the whole suite quick on a two-core machine, and `make thorough` (OIADRAFT_THOROUGH=1)
tries every example. Hypothesis keeps each failing example it finds in `.hypothesis/` and tries
it first on the next run, whichever count is in force, so a failure once seen is not lost.
"""

from __future__ import annotations

import os

THOROUGH = os.environ.get("OIADRAFT_THOROUGH") == "1"


def examples(full: int) -> int:
    """The number of examples to try for a test whose full count is `full`."""
    return full if THOROUGH else min(full, max(20, full // 3))
