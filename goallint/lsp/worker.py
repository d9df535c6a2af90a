"""One thread that runs checks, one at a time, and can stop a check that is out of date.

The editor's event loop never waits for a check: it hands the check to this thread and
goes on answering hover, completion and the like from the last result. When a newer
change arrives while an older check is still running, the older check is stopped by
raising ``CheckCancelled`` inside it (at its next Python instruction), so a slow rule
never holds up the findings of the text the person is actually looking at.
"""

from __future__ import annotations

import asyncio
import ctypes
import queue
import threading
from collections.abc import Callable
from typing import Any


class CheckCancelled(BaseException):
    """Raised inside a running check that a newer change has made pointless.

    A BaseException, as KeyboardInterrupt is: the linter turns any Exception a rule raises
    into an E008 finding, and a stop taken for a rule's failure would be remembered as one.
    """


_Job = tuple[int, Callable[[], Any], asyncio.AbstractEventLoop, "asyncio.Future[Any]"]


class CheckWorker:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._guard = threading.Lock()
        self._running: int | None = None  # the generation of the job now running
        self._current: _Job | None = None
        self.cancelled = 0  # how many running checks were stopped, for tests and benchmarks
        self.stopped: int | None = None  # the generation of the last check told to stop
        self.threads = 0  # how many threads have run checks: a new one replaces one that failed
        self._thread = self._start()

    def _start(self) -> threading.Thread:
        self.threads += 1
        thread = threading.Thread(target=self._loop, name="goallint-check", daemon=True)
        thread.start()
        return thread

    def submit(self, generation: int, work: Callable[[], Any]) -> asyncio.Future[Any]:
        """Run ``work`` in the thread; the future gives its result, or None when it was cancelled."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._jobs.put((generation, work, loop, future))
        return future

    def cancel_older(self, generation: int) -> None:
        """Stop the running check if it is for an older generation than ``generation``."""
        with self._guard:
            if self._running is None or self._running >= generation or self._thread.ident is None:
                return
            self.stopped, self._running = self._running, None  # one exception per job
            self.cancelled += 1
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread.ident),
                                                       ctypes.py_object(CheckCancelled))

    def _loop(self) -> None:
        while True:
            try:
                while self._one():  # the loop inside the try: a late exception lands here, never outside
                    pass
                return  # a fresh thread has taken over
            except CheckCancelled:  # arrived just after the job's own work ended
                if self._current is not None:
                    _settle_soon(self._current, None)
                    self._current = None

    def _one(self) -> bool:
        """Run the next job; False when this thread should hand over to a fresh one."""
        job = self._jobs.get()
        self._current = job
        generation, work, _loop, _future = job
        with self._guard:
            self._running = generation
        outcome: Any
        try:
            outcome = work()
        except CheckCancelled:
            outcome = None
        except Exception as exc:
            outcome = exc
        self._running = None
        _settle_soon(job, outcome)
        self._current = None
        if isinstance(outcome, RecursionError):
            # A check has no deep recursion of its own outside the rules (whose failures are
            # findings); a thread whose count of frames has gone wrong is not used again.
            self._thread = self._start()
            return False
        return True


def _settle_soon(job: _Job, outcome: Any) -> None:
    _generation, _work, loop, future = job
    loop.call_soon_threadsafe(_settle, future, outcome)


def _settle(future: asyncio.Future[Any], outcome: Any) -> None:
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
