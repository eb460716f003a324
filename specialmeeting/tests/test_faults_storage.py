"""The storage is full while a delegate's upload is being stored.

A real gunicorn serves the site with a storage backend that raises ENOSPC part-way
through writing a new file (``specialmeeting.testing.FullDiskStorage``). Submitting a
statement or replacing its file then shows a clear message on the form, and leaves
nothing: no statement, file or job row, and no partial file in storage.
"""

from __future__ import annotations

import errno
import os
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Job
from events.tests.factories import PASSWORD, DelegationFactory
from events.uploads import LimitedTemporaryFileUploadHandler
from specialmeeting.testing import (
    FullDiskStorage,
    GunicornProcess,
    HttpClient,
    full_disk_settings,
    sign_in,
    stored_files,
)
from statements.models import LanguageVersion, Statement, StatementFile, StatementLogEntry
from statements.tests import files
from statements.tests.helpers import delegate, open_event, submit

MESSAGE = "The server could not store the file right now, so nothing was saved."


@pytest.fixture
def full_disk_web(worker_media_root, tmp_path):
    env = {
        "MEDIA_ROOT": str(worker_media_root),
        "CACHE_KEY_PREFIX": f"faults-{uuid.uuid4().hex}",
        **full_disk_settings(tmp_path / "settings", worker_media_root),
    }
    server = GunicornProcess(tmp_path / "gunicorn.log", env=env, workers=1)
    with server:
        yield server
        sys.stdout.write(f"\n--- gunicorn ---\n{server.log()[-6000:]}\n")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_full_storage_refuses_uploads_with_a_message_and_leaves_nothing(
    full_disk_web, worker_media_root
):
    delegation = DelegationFactory(event=open_event())
    user = delegate(delegation)
    # A statement stored before the disk filled up (by this process, normal storage).
    existing = submit(delegation, user, title="Stored before the disk was full")
    before = stored_files(worker_media_root)
    jobs_before = Job.objects.count()
    client = HttpClient(full_disk_web.base_url)
    sign_in(client, user.email, PASSWORD)

    path = f"/my-delegation/delegations/{delegation.pk}/submit/"
    assert client.get(path).status == 200
    response = client.post(
        path,
        {"title": "Sent while the disk was full", "language": "en", "placement": ""},
        files={"file": ("statement.pdf", files.text_pdf("A full disk"), "application/pdf")},
    )
    assert response.status == 200, response.text[:3000]
    assert MESSAGE in response.text
    assert 'value="Sent while the disk was full"' in response.text  # the form is kept

    statement_path = f"/my-delegation/statements/{existing.pk}/"
    assert client.get(statement_path).status == 200
    response = client.post(
        f"{statement_path}files/",
        {"language": "en"},
        files={"file": ("new.pdf", files.text_pdf("A replacement"), "application/pdf")},
    )
    assert response.status == 200, response.text[:3000]
    assert MESSAGE in response.text

    assert list(Statement.objects.values_list("title", flat=True)) == [existing.title]
    assert LanguageVersion.objects.count() == 1
    assert StatementFile.objects.count() == 1
    assert StatementLogEntry.objects.count() == 1
    assert Job.objects.count() == jobs_before
    assert stored_files(worker_media_root) == before  # no partial file
    assert " 500 " not in full_disk_web.log()
    assert "upload not stored, the storage is full" in full_disk_web.log()


class FailingDiskStorage(FullDiskStorage):
    """A disk that fails with an I/O error part-way through a write."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as exc:
            raise OSError(errno.EIO, os.strerror(errno.EIO), exc.filename) from exc


def _storage(settings, backend: str, media: Path) -> None:
    """This process's default storage: ``backend`` on ``media``."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": backend, "OPTIONS": {"location": str(media), "base_url": None}},
    }


@pytest.mark.django_db
def test_other_storage_errors_are_not_disguised_but_leave_nothing_either(settings, tmp_path):
    media = tmp_path / "failing"
    _storage(settings, f"{__name__}.FailingDiskStorage", media)
    delegation = DelegationFactory(event=open_event())
    with pytest.raises(OSError, match="Input/output error"):
        submit(delegation, delegate(delegation), title="Lost to an I/O error")
    assert not Statement.objects.exists()
    assert not StatementFile.objects.exists()
    assert media.is_dir()  # the write began
    assert stored_files(media) == []


@pytest.mark.django_db
def test_a_full_disk_refuses_a_document_with_the_message_and_leaves_nothing(settings, tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events import services
    from events.models import DocumentVersion
    from events.tests.factories import DocumentFactory

    media = tmp_path / "full"
    _storage(settings, "specialmeeting.testing.FullDiskStorage", media)
    document = DocumentFactory()
    upload = SimpleUploadedFile("report.pdf", files.text_pdf("A full disk"), "application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.document_version_create(document=document, language="en", uploaded_file=upload)
    assert refused.value.code == "storage_full"
    assert MESSAGE in refused.value.messages[0]
    assert not DocumentVersion.objects.exists()
    assert not Job.objects.filter(task="events.make_document_thumbnail").exists()
    assert stored_files(media) == []


class FullTemporaryDirectoryHandler(LimitedTemporaryFileUploadHandler):
    """The site's upload handler with a full temporary directory: writing to the
    temporary file raises OSError(ENOSPC), as on a full disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        FullTemporaryDirectoryHandler.files.append(self.file)

        def write(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        self.file.file.write = write  # the temporary file under Django's wrapper

    files: list = []


@pytest.mark.django_db
def test_a_full_temporary_directory_while_an_upload_is_read_answers_503_with_the_message(
    settings,
):
    from django.test import Client

    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.FullTemporaryDirectoryHandler"]
    delegation = DelegationFactory(event=open_event())
    client = Client(raise_request_exception=False)
    client.force_login(delegate(delegation))
    response = client.post(
        f"/my-delegation/delegations/{delegation.pk}/submit/",
        {
            "title": "Sent while the temporary directory was full",
            "language": "en",
            "placement": "",
            "file": SimpleUploadedFile("s.pdf", files.text_pdf("Full"), "application/pdf"),
        },
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert MESSAGE in response.content.decode()
    assert not Statement.objects.exists()
    [temporary] = FullTemporaryDirectoryHandler.files
    assert temporary.closed
    assert not os.path.exists(temporary.name)  # deleted, not left on the full disk
