"""A 20 MB upload through a real gunicorn worker raises its resident memory by less
than 10 MB: the body streams to a temporary file, is hashed and scanned in chunks,
parsed in a subprocess, and moved into storage, never read into memory whole."""

import hashlib
import http.client
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from events.tests.factories import DelegationFactory
from specialmeeting.testing import GunicornProcess
from statements.models import Statement

from . import files
from .helpers import delegate, open_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BOUNDARY = "----memory-test-boundary"
MB = 1024 * 1024


def _status_kb(pid: int, field: str) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1))


def _worker_pid(master: int) -> int | None:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0]) if children else None


def _request(server: GunicornProcess, method, path, *, body=None, headers=None):
    """A request with a streamed body (``HttpClient`` sends bodies it holds whole)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def _multipart_file(path: Path, fields: dict[str, str], file_name: str, data_path: Path) -> int:
    with open(path, "wb") as out:
        for name, value in fields.items():
            out.write(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        out.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        )
        with open(data_path, "rb") as data:
            while chunk := data.read(MB):
                out.write(chunk)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return path.stat().st_size


def _upload(server, cookies, csrf, path, data_path, name, title, tmp_path) -> tuple[int, str]:
    body_path = tmp_path / f"{name}.body"
    length = _multipart_file(
        body_path,
        {"csrfmiddlewaretoken": csrf, "title": title, "language": "en"},
        name,
        data_path,
    )
    with open(body_path, "rb") as body:
        response, _content = _request(
            server,
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                "Content-Length": str(length),
                "Cookie": cookies,
                "Host": "127.0.0.1",
            },
        )
    return response.status, response.getheader("Location", "")


def test_20_mb_upload_raises_web_worker_memory_by_less_than_10_mb(worker_media_root, tmp_path):
    delegation = DelegationFactory(event=open_event())
    user = delegate(delegation)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    path = reverse("delegates:submit", args=[delegation.pk])

    server = GunicornProcess(
        tmp_path / "gunicorn.log",
        workers=1,
        timeout=120,
        env={"MEDIA_ROOT": str(worker_media_root)},
    )
    with server:
        response, content = _request(
            server, "GET", path, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
        )
        assert response.status == 200
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
        csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
        cookies = f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={csrf_cookie}"

        # Warm up: the same path with a small file, so that every module is loaded.
        small = tmp_path / "small.pdf"
        small.write_bytes(files.text_pdf("A small statement"))
        status, _location = _upload(
            server, cookies, csrf, path, small, "small.pdf", "Small", tmp_path
        )
        assert status == 302, server.log()[-3000:]

        big = tmp_path / "big.pdf"
        big.write_bytes(files.big_pdf(20 * MB))
        assert big.stat().st_size <= 20 * MB
        worker = _worker_pid(server.process.pid)
        rss_before = _status_kb(worker, "VmRSS")
        # Reset the worker's peak-RSS counter, so that VmHWM is this upload's peak.
        Path(f"/proc/{worker}/clear_refs").write_text("5")
        status, _location = _upload(
            server, cookies, csrf, path, big, "big.pdf", "Twenty megabytes", tmp_path
        )
        peak = _status_kb(worker, "VmHWM")
        rss_after = _status_kb(worker, "VmRSS")

    assert status == 302, server.log()[-3000:]
    statement = Statement.objects.get(title="Twenty megabytes")
    stored = statement.language_versions.get().current_file
    assert stored.size == big.stat().st_size
    assert stored.sha256 == hashlib.sha256(big.read_bytes()).hexdigest()
    increase_mb = (peak - rss_before) / 1024
    sys.stdout.write(
        f"\n20 MB upload ({stored.size} bytes): worker RSS before {rss_before / 1024:.1f} MB, "
        f"peak during {peak / 1024:.1f} MB (+{increase_mb:.1f} MB), "
        f"after {rss_after / 1024:.1f} MB\n"
    )
    assert increase_mb < 10
