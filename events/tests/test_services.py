"""Writes of the events app (events.services): document versions, thumbnails, events."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from events import services
from events.models import DocumentVersion, Event, Job
from specialmeeting.testing import stored_files

from .factories import (
    DocumentFactory,
    DocumentVersionFactory,
    EventFactory,
    UserFactory,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_document_version_create_records_file_facts():
    document = DocumentFactory()
    user = UserFactory()
    data = pdf_bytes(pages=3)

    version = services.document_version_create(
        document=document,
        language="fr",
        uploaded_file=pdf_upload("Déclaration (finale).pdf", data=data),
        user=user,
    )

    version.refresh_from_db()
    assert (version.size, version.sha256, version.page_count) == (
        len(data),
        hashlib.sha256(data).hexdigest(),
        3,
    )
    assert (version.language, version.content_type, version.source, version.created_by) == (
        "fr",
        "application/pdf",
        DocumentVersion.Source.UPLOADED,
        user,
    )
    assert version.original_name == "Déclaration (finale).pdf"
    with version.file.open("rb") as stored:
        assert stored.read() == data


def test_document_version_create_server_chooses_the_name():
    document = DocumentFactory()

    version = services.document_version_create(
        document=document,
        language="en",
        uploaded_file=pdf_upload("../../etc/passwd.pdf"),
    )

    assert re.fullmatch(rf"documents/{document.pk}/[0-9a-f]{{32}}\.pdf", version.file.name)
    assert stored_files() == [Path(version.file.name)]


def test_document_version_create_enqueues_thumbnail_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        version = DocumentVersionFactory()

    job = Job.objects.get()
    assert (job.task, job.kwargs, job.status) == (
        "events.make_document_thumbnail",
        {"version_id": version.pk},
        Job.Status.PENDING,
    )
    # One dispatch after commit (the page cache's token bumps run after commit too).
    assert len([c for c in callbacks if c.__module__ != "events.pagecache"]) == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.pdf", b"", "The file is empty. Choose the file again."),
        (
            "statement.pdf",
            b"PK\x03\x04 a word processor file, not a PDF",
            "This file is not a PDF document. Export it as PDF and upload it again.",
        ),
        (
            "statement.txt",
            b"Plain text pretending to be a statement.",
            "This file is not a PDF document. Export it as PDF and upload it again.",
        ),
        (
            "locked.pdf",
            _encrypted_pdf(),
            "This PDF is password-protected. Save it without a password and upload it again.",
        ),
    ],
    ids=["empty", "zip-named-pdf", "text", "encrypted"],
)
def test_document_version_create_bad_file_refused_and_nothing_stored(name, data, message):
    document = DocumentFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.document_version_create(
            document=document,
            language="en",
            uploaded_file=SimpleUploadedFile(name, data, "application/pdf"),
        )

    assert excinfo.value.messages == [message]
    assert DocumentVersion.objects.count() == 0
    assert Job.objects.count() == 0
    assert stored_files() == []


def test_document_version_create_broken_pdf_refused_with_reason():
    document = DocumentFactory()
    broken = SimpleUploadedFile("broken.pdf", b"%PDF-1.7\nnot really a PDF\n", "application/pdf")

    with pytest.raises(ValidationError) as excinfo:
        services.document_version_create(document=document, language="en", uploaded_file=broken)

    [message] = excinfo.value.messages
    assert message.startswith("This file could not be read as a PDF (")
    assert message.endswith("). Export it again as PDF and retry.")
    assert stored_files() == []


def test_document_version_create_invalid_row_leaves_no_file():
    document = DocumentFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.document_version_create(
            document=document, language="xx", uploaded_file=pdf_upload()
        )

    assert list(excinfo.value.message_dict) == ["language"]
    assert DocumentVersion.objects.count() == 0
    assert stored_files() == []


def test_document_version_make_thumbnail_makes_a_png():
    version = DocumentVersionFactory()

    services.document_version_make_thumbnail(version_id=version.pk)

    version.refresh_from_db()
    with version.thumbnail.open("rb") as fh:
        image = Image.open(fh)
        image.load()
    assert (image.format, image.width) == ("PNG", services.THUMBNAIL_WIDTH)
    # An A4 page keeps its proportions.
    assert image.height == round(services.THUMBNAIL_WIDTH * 842 / 595)


def test_document_version_make_thumbnail_twice_changes_nothing():
    version = DocumentVersionFactory()
    first = services.document_version_make_thumbnail(version_id=version.pk)
    files_after_first = stored_files()

    second = services.document_version_make_thumbnail(version_id=version.pk)

    assert second.thumbnail.name == first.thumbnail.name
    assert stored_files() == files_after_first
    assert len(files_after_first) == 2  # the PDF and its thumbnail


def test_document_version_make_thumbnail_unknown_version_is_none():
    assert services.document_version_make_thumbnail(version_id=987654) is None


def test_event_make_current_moves_the_flag():
    previous = EventFactory(is_current=True)
    event = EventFactory()

    services.event_make_current(event=event)

    assert list(Event.objects.filter(is_current=True)) == [event]
    previous.refresh_from_db()
    assert previous.is_current is False


def test_event_make_current_again_keeps_it_current():
    event = EventFactory(is_current=True)

    services.event_make_current(event=event)

    assert list(Event.objects.filter(is_current=True)) == [event]
