"""Work shared with a forked copy of the process: ``[fn(item) for item in items]``, the same
list in the same order, with the later share of the items worked out by a child process on
another core while this process works out the earlier share.

Only where it is safe and pays: a machine with more than one core, a platform whose processes
fork (Linux), no other thread running (a fork copies only the calling thread; one holding a
lock would leave the copy stuck), enough items for the saving to outweigh the fork and the
copying of the results back (they come back pickled through a pipe), and a core that has been
sitting idle: on a machine whose cores are all busy, two processes share what one had and the
copying makes the work slower, not faster. Anything else, or a child that fails in any way (an
error, a signal, a result that cannot be read), and the items are worked out here: the answer
is always the one the plain loop gives, or its error.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Extra = TypeVar("Extra")

LEAST = 256
"""Fewer items than this are worked out here: forking and copying back cost more than they
save (about a hundredth of a second, against a third of a millisecond per part)."""


SPARE = 0.5
"""Cores that must have sat idle, on average, since this module was loaded (see `spare_cores`)
for a fork to be worth it."""


def _idle_seconds() -> float | None:
    """CPU time every core has spent idle since the machine started (idle and waiting for the
    disk, from /proc/stat), or None where that cannot be read."""
    try:
        with open("/proc/stat", "rb") as stat:
            fields = stat.readline().split()
        return (int(fields[4]) + int(fields[5])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _children_seconds() -> float:
    """CPU time of this process's finished children (its own forks among them)."""
    times = os.times()
    return times.children_user + times.children_system


def _mark() -> tuple[float | None, float, float]:
    import time

    return _idle_seconds(), _children_seconds(), time.monotonic()


_SINCE = _mark()
"""Idle time, the children's time and the clock when this module was loaded: in `oiadraft
check`, before the request is split and the vocabulary loaded, so the cores' idleness is
measured over that work (and a child forked since is counted as leaving its core spare)."""


def spare_cores() -> float:
    """How many cores sat idle, or ran a child of this process's, on average, since this
    module was loaded (the whole count of cores where that cannot be measured, or too little
    time has passed to tell)."""
    import time

    idle, children, then = _SINCE
    now_idle = _idle_seconds()
    elapsed = time.monotonic() - then
    if idle is None or now_idle is None or elapsed < 0.05:
        return float(os.cpu_count() or 1)
    return (now_idle - idle + _children_seconds() - children) / elapsed


def can_fork() -> bool:
    """True when a fork is safe and may pay here (see the module docstring)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if (os.cpu_count() or 1) < 2:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def ordered_map(fn: Callable[[Item], Result], items: Sequence[Item], *,
                least: int = LEAST) -> list[Result]:
    """``[fn(item) for item in items]``; with `least` items or more, `can_fork()` and a spare
    core (`spare_cores()`), the second half in a forked child. `fn` must be pure (its result
    depends only on the item and on what was loaded before the call) and its results
    picklable."""
    return _map(fn, items, None, least, 49)[0]


def ordered_map_with(fn: Callable[[Item], Result], items: Sequence[Item],
                     after: Callable[[int, list[Result]], Extra], *, least: int = LEAST,
                     child_share: int = 49) -> tuple[list[Result], list[Extra]]:
    """`ordered_map`, and ``after(start, results)`` for each share of the items, in the
    process that worked the share out, as soon as it has (`start`: the index of the share's
    first item; `results`: its results): the whole list when nothing forked; else the
    earlier share here and the later share in the child, which sends what it gave back
    with its results. So follow-on work on the results is shared between the cores too.
    `after` must be pure and what it gives picklable. `child_share`: the percentage of the
    items the child takes."""
    return _map(fn, items, after, least, child_share)


def _map(fn: Callable[[Item], Result], items: Sequence[Item],
         after: Callable[[int, list[Result]], Extra] | None, least: int,
         child_share: int) -> tuple[list[Result], list[Extra]]:
    if len(items) < max(2, least) or not can_fork() or spare_cores() < SPARE:
        return _share(fn, items, after, 0, [])
    # imported here, not at the top, by a process that may fork: the child inherits it
    import pickle  # noqa: F401

    # the first item here before forking: what it loads and compiles, the child inherits
    first = [fn(items[0])]
    # the child also pickles its share (about a twentieth of working it out): it takes a
    # little under half, so that both are done at about the same time
    middle = 1 + (len(items) - 1) * (100 - child_share) // 100
    later = items[middle:]
    readable, writable = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        return _share(fn, items[1:], after, 0, first)
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        _work_in_child(fn, later, after, middle, readable, writable)
    os.close(writable)
    finished = False
    try:
        first, extras = _share(fn, items[1:middle], after, 0, first)
        with os.fdopen(readable, "rb") as pipe:
            readable = -1
            data = pipe.read()
        finished = True
    finally:
        if readable != -1:
            os.close(readable)
        if not finished:  # an error or an interrupt here: the child's work is not wanted
            os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
    sent = _results(data, status, len(later), after is not None)
    if sent is None:  # the child failed: the plain loop, here (and its error, if any)
        shared, extra = _share(fn, later, after, middle, [])
    else:
        shared, extra = sent
    return first + shared, extras + extra


def _share(fn: Callable[[Item], Result], items: Sequence[Item],
           after: Callable[[int, list[Result]], Extra] | None, start: int,
           done: list[Result]) -> tuple[list[Result], list[Extra]]:
    """`done` with the results of `items` added (one share, from index `start`), and
    ``[after(start, share)]`` ([] without `after`)."""
    done.extend(fn(item) for item in items)
    return done, [after(start, done)] if after is not None else []


def _results(data: bytes, status: int, count: int,
             extra: bool) -> tuple[list, list] | None:
    """The child's results and what its `after` gave (`extra`: it had one), or None when it
    did not finish cleanly with all of them."""
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    import pickle

    try:
        sent = pickle.loads(data)
    except Exception:  # anything unreadable means: work it out here
        return None
    if not isinstance(sent, tuple) or len(sent) != 2:
        return None
    results, extras = sent
    if not isinstance(results, list) or len(results) != count or \
            not isinstance(extras, list) or len(extras) != extra:
        return None
    return results, extras


def _work_in_child(fn: Callable[[Item], Result], items: Sequence[Item],
                   after: Callable[[int, list[Result]], Extra] | None, start: int,
                   readable: int, writable: int) -> None:  # pragma: no cover - in the child
    """Work out `items` (from index `start`) and what `after` gives for them, send both
    pickled and end the process at once (no clean-up: the parent's objects and buffers are
    the parent's to close and flush)."""
    import pickle

    code = 1
    try:
        os.close(readable)
        data = pickle.dumps(_share(fn, items, after, start, []),
                            protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writable, "wb") as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # any failure is reported by the exit status
        code = 1
    finally:
        os._exit(code)
