"""The gunicorn worker of this site: gunicorn's sync worker, serving from a thread whose
Python stack has room for a whole request.

Why: CPython 3.11 keeps Python frames in 16 KiB chunks and unmaps a chunk as soon as the
frame at its start returns (https://github.com/python/cpython/issues/142183, mended in
3.13 and 3.14 by keeping one chunk). A request through the middleware and nested
templates is about 150 frames deep, so a chunk boundary falls somewhere inside it, at a
depth that depends on how deep gunicorn itself is. When it falls inside a loop (the
people of the programme, the 300 options of a filter), every turn of the loop maps and
unmaps 16 KiB and touches fresh pages: 1,500 mmap/munmap pairs per programme page,
measured with strace; 36 ms of CPU per programme page instead of 25, and from 29 to
63 ms for the statements list depending only on the stack depth at which gunicorn called
Django.

This worker runs gunicorn's own request loop (accept, parse, call Django, write) in a
thread whose first frame reserves 256 KiB of frame slots: a thread's first chunk is
sized to fit its first frame and is never freed, so every request is served inside one
chunk and no boundary is ever crossed. The main thread only waits and receives the
signals (Python runs signal handlers there), so graceful and immediate shutdown, reload
and the arbiter's timeout behave as with the sync worker, within half a second.

Used by ``gunicorn.conf.py`` at the top of the project, which gunicorn reads when it is
started there (Procfile, ``make run``, the benchmarks and the fault tests).
"""

from __future__ import annotations

import _thread
import contextlib
import os
import threading

from gunicorn.workers.sync import SyncWorker

# Frame slots (8 bytes each) reserved by the thread's first frame: 256 KiB, room for
# about 1,500 more frames, beyond Python's recursion limit of 1,000.
ROOM_SLOTS = 32_768


def _with_room(func):
    """Make ``func``'s frame ROOM_SLOTS larger (an evaluation stack it never fills)."""
    code = func.__code__
    func.__code__ = code.replace(co_stacksize=code.co_stacksize + ROOM_SLOTS)
    return func


@_with_room
def _serve(target, finished: threading.Event, failure: list[BaseException]) -> None:
    """The first frame of the request thread: runs ``target`` above the reserved room.

    Its signal mask is left alone: processes it starts (the upload check) inherit it,
    and must get their own signals. Python runs gunicorn's handlers in the main thread
    whichever thread a signal interrupts; ``RoomyStackSyncWorker.handle_exit`` then
    wakes the request loop."""
    try:
        target()
    except BaseException as error:  # re-raised in the main thread
        failure.append(error)
    finally:
        finished.set()


class RoomyStackSyncWorker(SyncWorker):
    """gunicorn's sync worker, its request loop in a thread with a roomy stack."""

    def handle_exit(self, sig, frame) -> None:
        """SIGTERM: finish the request in hand, then stop.

        The signal's byte on gunicorn's pipe may wake the request loop before this
        handler has run in the main thread; the loop would then see ``alive`` still
        true and wait for the next connection. A second byte, written once ``alive`` is
        false, wakes it again to see that it must stop.
        """
        super().handle_exit(sig, frame)
        # The pipe may be full: the loop then has a byte to wake up on already.
        with contextlib.suppress(OSError):
            os.write(self.PIPE[1], b".")

    def run(self) -> None:
        finished = threading.Event()
        failure: list[BaseException] = []
        # _thread rather than threading.Thread, so that _serve is the thread's first
        # frame (threading would put its own bootstrap frames first).
        _thread.start_new_thread(_serve, (super().run, finished, failure))
        # Waiting with a timeout lets the main thread run signal handlers promptly, also
        # those of signals the kernel delivered to the request thread.
        while not finished.wait(0.5):
            pass
        if failure:
            raise failure[0]
