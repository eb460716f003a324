"""Request size limits: 413 before the body is read when Content-Length is over the
limit, and as soon as a streamed file crosses it otherwise, leaving nothing behind."""

import io

import pytest
from django.urls import reverse

from events.tests.factories import DelegationFactory
from statements.models import Statement

from . import files
from .helpers import delegate, open_event, stored_files

pytestmark = pytest.mark.django_db

BOUNDARY = "----statement-boundary"


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


class CountingBody(io.BytesIO):
    """A request body that counts how much of it was read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def multipart(fields: dict[str, str], file_name: str, file_data: bytes) -> bytes:
    parts = []
    for name, value in fields.items():
        parts.append(
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{file_name}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + file_data
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


@pytest.fixture
def member_client(client):
    delegation = DelegationFactory(event=open_event())
    client.force_login(delegate(delegation))
    client.delegation = delegation
    return client


def test_upload_over_the_limit_by_content_length_refused_413_unread(member_client, settings):
    url = reverse("delegates:submit", args=[member_client.delegation.pk])

    response = member_client.generic(
        "POST",
        url,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(settings.UPLOAD_MAX_BYTES * 3),
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "larger than the limit of 20.0\xa0MB" in response.content.decode()
    assert "Content-Security-Policy" in response


def test_upload_over_the_limit_while_streaming_stopped_413_nothing_left(
    member_client, settings, tmp_path
):
    # Content-Length is within the allowance, but the file itself is over the limit.
    settings.UPLOAD_MAX_BYTES = 100_000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    data = files.big_pdf(150_000)
    body = CountingBody(multipart({"title": "Too big", "language": "en"}, "big.pdf", data))
    url = reverse("delegates:submit", args=[member_client.delegation.pk])

    response = member_client.generic(
        "POST",
        url,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(len(body.getvalue())),
        **{"wsgi.input": body},
    )

    assert response.status_code == 413
    # Reading stopped once the limit was crossed: the rest was never read.
    assert body.bytes_read < len(body.getvalue())
    assert list((tmp_path / "uploads").iterdir()) == []
    assert (Statement.objects.count(), stored_files()) == (0, [])


def test_upload_under_the_limit_streams_to_a_temporary_file(member_client, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    data = files.text_pdf("A small statement")
    url = reverse("delegates:submit", args=[member_client.delegation.pk])

    response = member_client.post(
        url,
        {"title": "Small", "language": "en", "file": files.upload(data, "small.pdf")},
    )

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("delegates:statement", args=[statement.pk])
    # Even a small file went to a temporary file (none is kept in memory), now moved.
    assert list((tmp_path / "uploads").iterdir()) == []
    assert statement.language_versions.get().current_file.size == len(data)
