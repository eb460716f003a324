"""The gunicorn worker of the site (specialmeeting.workers, set in gunicorn.conf.py).

Requests are served in a thread whose first frame reserves room on Python's frame stack
(so that no request crosses a stack chunk boundary: the module says why), while the main
thread keeps gunicorn's signals: a request in flight when gunicorn is told to stop is
answered before the worker exits.
"""

from __future__ import annotations

import _thread
import signal
import socket
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


def test_requests_run_above_the_reserved_room_with_signals_left_to_the_main_thread():
    seen = {}

    def target():
        frame = sys._getframe()
        while frame.f_back is not None:
            frame = frame.f_back
        seen["first frame"] = frame.f_code
        seen["blocked"] = signal.pthread_sigmask(signal.SIG_BLOCK, [])

    assert _in_request_thread(target) == []
    assert seen["first frame"] is workers._serve.__code__
    assert seen["first frame"].co_stacksize >= workers.ROOM_SLOTS
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGABRT):
        assert sig in seen["blocked"]


def test_a_failure_of_the_request_loop_is_handed_to_the_main_thread():
    def target():
        raise OSError("the listening socket is gone")

    failure = _in_request_thread(target)
    assert len(failure) == 1
    assert str(failure[0]) == "the listening socket is gone"


@pytest.mark.django_db(transaction=True)
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
