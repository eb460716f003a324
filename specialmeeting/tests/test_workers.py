"""The gunicorn worker of the site (specialmeeting.workers, set in gunicorn.conf.py).

Requests are served in a thread whose first frame reserves room on Python's frame stack
(so that no request crosses a stack chunk boundary: the module says why), while the main
thread keeps gunicorn's signals: a request in flight when gunicorn is told to stop is
answered before the worker exits.
"""

from __future__ import annotations

import _thread
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from specialmeeting import workers
from specialmeeting.testing import GunicornProcess, HttpClient, wait_for


def _in_request_thread(target) -> list[BaseException]:
    finished = threading.Event()
    failure: list[BaseException] = []
    _thread.start_new_thread(workers._serve, (target, finished, failure))
    assert finished.wait(10)
    return failure


def test_requests_run_above_the_reserved_room_and_their_processes_get_signals():
    seen = {}

    def target():
        frame = sys._getframe()
        while frame.f_back is not None:
            frame = frame.f_back
        seen["first frame"] = frame.f_code
        # A process started while serving a request (the upload check) can be signalled.
        status = subprocess.run(["cat", "/proc/self/status"], capture_output=True, text=True)
        seen["blocked"] = re.search(r"^SigBlk:\s*(\w+)$", status.stdout, re.MULTILINE).group(1)

    assert _in_request_thread(target) == []
    assert seen["first frame"] is workers._serve.__code__
    assert seen["first frame"].co_stacksize >= workers.ROOM_SLOTS
    assert int(seen["blocked"], 16) == 0


def test_a_failure_of_the_request_loop_is_handed_to_the_main_thread():
    def target():
        raise OSError("the listening socket is gone")

    failure = _in_request_thread(target)
    assert len(failure) == 1
    assert str(failure[0]) == "the listening socket is gone"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_uses_the_worker_and_answers_a_request_in_flight_before_stopping(tmp_path):
    server = GunicornProcess(tmp_path / "gunicorn.log", workers=1)
    with server:
        assert "Using worker: specialmeeting.workers.RoomyStackSyncWorker" in server.log()
        assert HttpClient(server.base_url).get("/").status == 200

        # A request whose last line arrives after gunicorn was told to stop.
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=20)
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(0.5)  # the worker has accepted it and waits for the rest
        server.process.send_signal(signal.SIGTERM)
        wait_for(lambda: "Handling signal: term" in server.log(), timeout=10, what="SIGTERM")
        connection.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        connection.close()
        assert answer.startswith(b"HTTP/1.1 200 OK"), answer[:300]
        assert server.process.wait(timeout=15) == 0
        assert "Worker exiting" in server.log()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_idle_worker_stops_at_once_when_gunicorn_is_told_to(tmp_path):
    """The request loop waits for connections for up to half the worker timeout (60 s
    here); SIGTERM must end that wait, not the arbiter's graceful timeout (30 s)."""
    for attempt in range(3):  # the race it guards against is a matter of timing
        server = GunicornProcess(tmp_path / f"gunicorn-{attempt}.log", workers=1, timeout=120)
        with server:
            assert HttpClient(server.base_url).get("/").status == 200
            time.sleep(0.3)  # back to waiting for the next connection
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            assert server.process.wait(timeout=20) == 0
            assert time.monotonic() - started < 5, server.log()[-2000:]


def test_sigterm_wakes_the_request_loop_after_it_is_told_to_stop():
    """The signal's own byte can wake the request loop before the handler has run in
    the main thread; the handler writes another once ``alive`` is false."""
    import os

    worker = workers.RoomyStackSyncWorker.__new__(workers.RoomyStackSyncWorker)
    worker.alive = True
    worker.PIPE = os.pipe()
    try:
        os.set_blocking(worker.PIPE[0], False)
        worker.handle_exit(signal.SIGTERM, None)
        assert worker.alive is False
        assert os.read(worker.PIPE[0], 16) == b"."
    finally:
        for fd in worker.PIPE:
            os.close(fd)
