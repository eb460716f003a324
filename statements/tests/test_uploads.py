"""The upload check, on real files: what is accepted (and flagged), what is refused and
why, and that nothing at all is stored for a refused file."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat

from events.models import Job
from events.tests.factories import DelegationFactory, DocumentFactory
from events.uploads import DOCX, ODT, PDF, inspect_upload
from statements.models import LanguageVersion, Statement, StatementFile, StatementLogEntry

from . import files
from .helpers import delegate, open_event, stored_files, submit

pytestmark = pytest.mark.django_db

ALL = (PDF, DOCX, ODT)
WRONG_TYPE = (
    "This file is not a PDF, Word (.docx) or OpenDocument (.odt) document. Save or export "
    "it in one of these formats and upload it again."
)


@pytest.mark.parametrize(
    ("data", "content_type", "extension", "pages", "flags"),
    [
        (files.text_pdf("A statement", pages=3), PDF, "pdf", 3, ()),
        (files.docx_bytes("A statement", pages=4), DOCX, "docx", 4, ()),
        (files.docx_bytes("A statement", pages=None), DOCX, "docx", None, ()),
        (files.docx_bytes("A statement", hyperlink=True), DOCX, "docx", 2, ()),
        (files.odt_bytes("A statement", pages=5), ODT, "odt", 5, ()),
        (files.odt_bytes("A statement", pages=None), ODT, "odt", None, ()),
        (
            files.docx_bytes("x", tracked_changes=True, comments=True, external_reference=True),
            DOCX,
            "docx",
            2,
            ("comments", "external_references", "tracked_changes"),
        ),
        (
            files.odt_bytes("x", tracked_changes=True, comments=True, external_reference=True),
            ODT,
            "odt",
            1,
            ("comments", "external_references", "tracked_changes"),
        ),
    ],
    ids=[
        "pdf",
        "docx",
        "docx-no-page-count",
        "docx-with-hyperlink",
        "odt",
        "odt-no-page-count",
        "docx-flagged",
        "odt-flagged",
    ],
)
def test_inspect_upload_valid_documents_described(data, content_type, extension, pages, flags):
    # The name and the browser's type say PDF: only the content counts.
    inspected = inspect_upload(files.upload(data, "statement.pdf", PDF), allowed=ALL)

    assert (
        inspected.content_type,
        inspected.extension,
        inspected.page_count,
        inspected.flags,
        inspected.size,
    ) == (content_type, extension, pages, flags, len(data))


REFUSED = [
    ("empty.pdf", b"", "The file is empty. Choose the file again."),
    (
        "program.pdf",
        files.EXECUTABLE,
        "This file is a program, not a document. Choose your statement's file.",
    ),
    ("page.pdf", files.HTML_PAGE, WRONG_TYPE),
    (
        "polyglot.pdf",
        files.polyglot_pdf(),
        "This file contains web page (HTML) code as well as a document, which is not safe to "
        "publish. Export the document again as PDF, Word (.docx) or OpenDocument (.odt) and "
        "upload it again.",
    ),
    (
        "bomb.docx",
        files.zip_bomb_docx(),
        "This file unpacks to far more data than a document would (it looks like a “zip "
        "bomb”). Save the document again from your word processor, or export it as PDF, and "
        "upload it again.",
    ),
    (
        "macros.docx",
        files.docx_bytes("x", main_type=files.WORD_MACRO_MAIN, macro=True),
        "This document contains macros (it is a macro-enabled file). Save it as a plain .docx "
        "or .odt document, or export it as PDF, and upload it again.",
    ),
    (
        "macros.odt",
        files.odt_bytes("x", macro=True),
        "This document contains macros (it is a macro-enabled file). Save it as a plain .docx "
        "or .odt document, or export it as PDF, and upload it again.",
    ),
    (
        "locked.pdf",
        files.encrypted_pdf(),
        "This PDF is password-protected. Save it without a password and upload it again.",
    ),
    (
        "old.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "This is a password-protected or old-format (.doc) Word file. Save it as .docx "
        "without a password, or export it as PDF, and upload it again.",
    ),
    (
        "sheet.odt",
        files.odt_bytes("x", mimetype="application/vnd.oasis.opendocument.spreadsheet"),
        WRONG_TYPE,
    ),
    ("archive.docx", files.docx_bytes("x")[:400], None),
    ("notes.txt", "Заявление, просто текст".encode(), WRONG_TYPE),
]
REFUSED_IDS = [
    "empty",
    "executable-named-pdf",
    "html-named-pdf",
    "pdf-html-polyglot",
    "zip-bomb-docx",
    "docm-named-docx",
    "odt-with-macros",
    "encrypted-pdf",
    "doc-or-encrypted-docx",
    "spreadsheet-named-odt",
    "truncated-docx",
    "plain-text",
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED, ids=REFUSED_IDS)
def test_statement_submit_bad_file_refused_and_nothing_stored(name, data, message):
    delegation = DelegationFactory(event=open_event())
    user = delegate(delegation)
    jobs_before = Job.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        submit(delegation, user, file=files.upload(data, name))

    [text] = excinfo.value.messages
    if message is None:  # a damaged package: the reason comes from the zip reader
        assert text.startswith("This file could not be read as a document (")
    else:
        assert text == message
    assert (
        Statement.objects.count(),
        LanguageVersion.objects.count(),
        StatementFile.objects.count(),
        StatementLogEntry.objects.count(),
        Job.objects.count() - jobs_before,
    ) == (0, 0, 0, 0, 0)
    assert stored_files() == []


def test_statement_submit_oversize_file_refused_and_nothing_stored(settings):
    settings.UPLOAD_MAX_BYTES = 50_000
    delegation = DelegationFactory(event=open_event())

    data = files.big_pdf(60_000)

    with pytest.raises(ValidationError) as excinfo:
        submit(delegation, file=files.upload(data))

    assert excinfo.value.messages == [
        f"The file is {filesizeformat(len(data))}; the limit is 48.8\xa0KB. "
        "Reduce its size and retry."
    ]
    assert (Statement.objects.count(), stored_files()) == (0, [])


def test_statement_submit_row_not_saved_leaves_no_file(monkeypatch):
    # The file is written before its row: if the row then fails, the file goes too.
    delegation = DelegationFactory(event=open_event())

    def refuse(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(StatementFile, "save", refuse)
    with pytest.raises(DatabaseError):
        submit(delegation, file=files.upload(files.text_pdf("A statement")))

    assert (Statement.objects.count(), stored_files()) == (0, [])


def test_statement_submit_pdf_that_makes_the_parser_loop_stopped_by_the_time_limit(settings):
    settings.UPLOAD_CHECK_SECONDS = 2
    delegation = DelegationFactory(event=open_event())
    started = time.monotonic()

    with pytest.raises(ValidationError) as excinfo:
        submit(delegation, file=files.upload(files.looping_pdf()))

    assert time.monotonic() - started < 10
    assert excinfo.value.code == "too_complex"
    assert excinfo.value.messages == [
        "This file could not be checked: reading it took too long or needed too much memory "
        "(it may be damaged or unusually complex). Save or export it again, or send it as "
        "PDF, and retry."
    ]
    assert (Statement.objects.count(), stored_files()) == (0, [])


def test_inspect_upload_parser_out_of_memory_refused(settings):
    # So little memory that the parser cannot even start: refused, not a crash.
    settings.UPLOAD_CHECK_MEMORY_MB = 8

    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(files.upload(files.text_pdf("x")), allowed=ALL)

    assert excinfo.value.code == "too_complex"


def test_inspect_upload_document_callers_still_pdf_only():
    """events' documents accept PDF only, with their own message."""
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(files.upload(files.docx_bytes("x"), "a.pdf"), allowed=(PDF,))

    assert excinfo.value.messages == [
        "This file is not a PDF document. Export it as PDF and upload it again."
    ]


def test_document_version_create_polyglot_refused():
    from events import services as event_services

    with pytest.raises(ValidationError):
        event_services.document_version_create(
            document=DocumentFactory(),
            language="en",
            uploaded_file=files.upload(files.polyglot_pdf()),
        )
    assert stored_files() == []


def test_statement_submit_stores_under_a_server_made_name_keeping_the_original_name():
    data = files.docx_bytes("A statement")
    statement = submit(file=files.upload(data, "../../etc/Our statement (final).docx", PDF))

    stored = statement.language_versions.get().current_file
    assert stored.file.name.startswith(f"statements/{statement.pk}/")
    assert stored.file.name.endswith(".docx")
    assert "statement" not in stored.file.name.split("/")[-1]
    assert stored.original_name == "Our statement (final).docx"
    assert (stored.content_type, stored.size, stored.page_count) == (DOCX, len(data), 2)
    with stored.file.open("rb") as handle:
        assert handle.read() == data
