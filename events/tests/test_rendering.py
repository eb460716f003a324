"""The PDF renderer, its URL fetcher, and the render pipeline of rendered documents."""

import base64
import io
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from events import outbox, rendering
from events.generators import CONCEPT_NOTE
from events.models import Document, DocumentVersion, Event, EventPage, Job
from events.pdf import RENDER_ORIGIN, PdfMetadata, SafeURLFetcher, render_pdf
from events.selectors import public_documents
from specialmeeting.testing import stored_files

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

# --- the fetcher, directly -----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"file://{__file__}",
        "http://example.org/logo.png",
        "https://example.org/logo.png",
        "https://127.0.0.1:8000/static/css/site.css",
        "ftp://example.org/x",
        f"{RENDER_ORIGIN}static/../../../../etc/passwd",
        f"{RENDER_ORIGIN}static/%2e%2e/%2e%2e/etc/passwd",
        f"{RENDER_ORIGIN}etc/passwd",
        f"{RENDER_ORIGIN}static/does-not-exist.png",
        f"{RENDER_ORIGIN}media/../settings.py",
        "data:image/svg+xml;base64," + base64.b64encode(b"<svg></svg>").decode(),
        "data:image/png;base64," + "A" * (400 * 1024),
        "data:image/png;base64,!!!not base64!!!",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses_anything_but_our_files(url):
    with pytest.raises(FatalURLFetchingError):
        SafeURLFetcher().fetch(url)


def test_fetcher_serves_our_static_stylesheet():
    response = SafeURLFetcher().fetch(f"{RENDER_ORIGIN}static/pdf/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.django_db
def test_fetcher_serves_a_stored_image_through_storage():
    name = default_storage.save("photos/dot.png", ContentFile(PNG_1PX))
    response = SafeURLFetcher().fetch(f"{RENDER_ORIGIN}media/{name}")
    assert (response.content_type, response.read()) == ("image/png", PNG_1PX)


@pytest.mark.django_db
def test_fetcher_refuses_a_stored_svg_even_named_png():
    name = default_storage.save("photos/evil.png", ContentFile(b"<svg onload='x'></svg>"))
    with pytest.raises(FatalURLFetchingError):
        SafeURLFetcher().fetch(f"{RENDER_ORIGIN}media/{name}")


def test_fetcher_accepts_a_small_png_data_url():
    url = "data:image/png;base64," + base64.b64encode(PNG_1PX).decode()
    assert SafeURLFetcher().fetch(url).content_type == "image/png"


def test_render_with_a_forbidden_image_fails_instead_of_fetching(tmp_path):
    html = '<html lang="en"><title>x</title><p>Hi</p><img src="file:///etc/passwd" alt=""></html>'
    with pytest.raises(FatalURLFetchingError):
        render_pdf(html, PdfMetadata(title="x", language="en"), tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists() or (tmp_path / "out.pdf").stat().st_size == 0


# --- the pipeline ----------------------------------------------------------------------


@pytest.fixture
def concept_note(db):
    from events.tests.factories import EventFactory, EventPageFactory

    event = EventFactory(title_en="Preventing the exploitation of ICTs")
    EventPageFactory(event=event, title_en="I. Introduction", body_en="1\\. First paragraph.")
    EventPageFactory(event=event, title_en="II. Objective", body_en="2\\. Second paragraph.")
    return Document.objects.create(
        event=event,
        kind=Document.Kind.CONCEPT_NOTE,
        title_en="Concept note",
        generator=CONCEPT_NOTE,
        published_at=event.created_at,
    )


def _text(version: DocumentVersion) -> str:
    with version.file.open("rb") as fh:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(fh.read())).pages)


def test_render_concept_note_makes_a_public_pdf_version(concept_note):
    version = rendering.document_render(document_id=concept_note.pk, language="en")
    assert (version.source, version.language, version.is_draft) == ("rendered", "en", False)
    assert version.page_count >= 1
    text = _text(version)
    assert text.index("I. Introduction") < text.index("1. First paragraph.")
    assert text.index("1. First paragraph.") < text.index("II. Objective")
    concept_note.refresh_from_db()
    assert concept_note.render_status == Document.RenderStatus.READY
    assert [v.pk for v in public_documents(event=concept_note.event)[0].versions] == [version.pk]


def test_render_same_input_makes_no_new_version(concept_note):
    first = rendering.document_render(document_id=concept_note.pk, language="en")
    again = rendering.document_render(document_id=concept_note.pk, language="en")
    assert again.pk == first.pk
    assert DocumentVersion.objects.count() == 1


def test_a_render_of_the_same_input_finishing_meanwhile_makes_no_duplicate(
    concept_note, monkeypatch
):
    """Two renders of one input at once (a re-sent job beside a retried one): the one
    that stores second finds the other's version and adds none."""
    real_render = rendering.render_pdf
    finished_meanwhile = []

    def render_while_another_finishes(html, metadata, path):
        if not finished_meanwhile:
            monkeypatch.setattr(rendering, "render_pdf", real_render)
            finished_meanwhile.append(
                rendering.document_render(document_id=concept_note.pk, language="en")
            )
        real_render(html, metadata, path)

    monkeypatch.setattr(rendering, "render_pdf", render_while_another_finishes)

    second = rendering.document_render(document_id=concept_note.pk, language="en")

    assert second.pk == finished_meanwhile[0].pk
    assert DocumentVersion.objects.filter(document=concept_note).count() == 1


def test_render_after_a_change_adds_a_version_and_keeps_the_old(concept_note):
    first = rendering.document_render(document_id=concept_note.pk, language="en")
    EventPage.objects.filter(event=concept_note.event, order=0).update(body_en="Changed text.")
    EventPage.objects.filter(title_en="I. Introduction").update(body_en="Changed text.")
    second = rendering.document_render(document_id=concept_note.pk, language="en")
    assert second.pk != first.pk
    assert DocumentVersion.objects.filter(pk=first.pk).exists()
    assert "Changed text." in _text(second)


def test_render_failure_keeps_the_previous_version_public(concept_note, settings):
    first = rendering.document_render(document_id=concept_note.pk, language="en")
    EventPage.objects.filter(title_en="I. Introduction").update(body_en="Changed again.")
    broken = rendering.Generator(
        key="broken",
        label="broken",
        complete_languages=lambda d, draft: ["en"],
        build=lambda d, lang, draft: rendering.RenderInput(
            template="pdf/no-such-template.html",
            context={},
            metadata=PdfMetadata(title="x", language=lang),
        ),
    )
    rendering.register(broken)
    Document.objects.filter(pk=concept_note.pk).update(generator="broken")
    with pytest.raises(outbox.PermanentJobError):
        rendering.document_render(document_id=concept_note.pk, language="en")
    concept_note.refresh_from_db()
    assert concept_note.render_status == Document.RenderStatus.FAILED
    assert "TemplateDoesNotExist" in concept_note.render_error
    assert [v.pk for v in public_documents(event=concept_note.event)[0].versions] == [first.pk]


def test_render_whose_version_row_cannot_be_saved_leaves_no_file(concept_note, monkeypatch):
    first = rendering.document_render(document_id=concept_note.pk, language="en")
    files_before = stored_files()
    EventPage.objects.filter(title_en="I. Introduction").update(body_en="Changed text.")

    def refuse(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(DocumentVersion, "save", refuse)
    with pytest.raises(DatabaseError):
        rendering.document_render(document_id=concept_note.pk, language="en")

    assert list(DocumentVersion.objects.values_list("pk", flat=True)) == [first.pk]
    assert stored_files() == files_before


def test_draft_render_is_never_public(concept_note, client):
    draft = rendering.document_render(document_id=concept_note.pk, language="en", draft=True)
    assert draft.is_draft
    assert "DRAFT" in _text(draft)
    assert public_documents(event=concept_note.event) == []
    response = client.get(f"/files/document/{draft.pk}/en.pdf")
    assert response.status_code == 404


def test_draft_enqueue_is_debounced(concept_note):
    for _ in range(20):
        rendering.document_render_enqueue(document=concept_note, draft=True)
    assert Job.objects.filter(task=rendering.RENDER_TASK).count() == 1


def test_enqueue_renders_only_complete_languages(concept_note):
    EventPage.objects.filter(event=concept_note.event).update(title_fr="Titre", body_fr="Texte")
    assert rendering.document_render_enqueue(document=concept_note) != []
    languages = set(Job.objects.values_list("kwargs__language", flat=True))
    assert languages == {"en"}  # the event's title has no French yet
    Event.objects.filter(pk=concept_note.event_id).update(title_fr="Prévenir l'exploitation")
    Job.objects.all().delete()
    rendering.document_render_enqueue(document=Document.objects.get(pk=concept_note.pk))
    assert set(Job.objects.values_list("kwargs__language", flat=True)) == {"en", "fr"}


def test_markdown_with_file_and_http_urls_renders_without_fetching(concept_note):
    EventPage.objects.filter(title_en="I. Introduction").update(
        body_en=(
            '![x](file:///etc/passwd) <img src="http://example.org/a.png"> '
            "[link](http://example.org/redirect) "
            '<img src="https://render.specialmeeting.invalid/media/../../etc/passwd">'
        )
    )
    # Any of these fetched would fail the render (the fetcher's errors are fatal).
    version = rendering.document_render(document_id=concept_note.pk, language="en")
    assert version.page_count >= 1


@pytest.mark.parametrize(
    ("language", "title", "body"),
    [
        ("ar", "منع استغلال تكنولوجيا المعلومات", "نص الفقرة الأولى"),
        ("zh-hans", "防止利用信息和通信技术", "第一段的文字"),
        ("ru", "Предотвращение использования ИКТ", "Текст первого пункта"),
    ],
)
def test_render_non_latin_text_extracts_back_as_typed(concept_note, language, title, body):
    suffix = language.replace("-", "_")
    Event.objects.filter(pk=concept_note.event_id).update(**{f"title_{suffix}": title})
    EventPage.objects.filter(event=concept_note.event).update(
        **{f"title_{suffix}": title, f"body_{suffix}": body}
    )
    version = rendering.document_render(document_id=concept_note.pk, language=language)
    with version.file.open("rb") as fh:
        data = fh.read()
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert body in extracted
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == language


def _xmp(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def test_rendered_pdf_is_pdf_ua_with_fonts_embedded_and_sound_structure(concept_note, tmp_path):
    version = rendering.document_render(document_id=concept_note.pk, language="en")
    path = tmp_path / "out.pdf"
    with version.file.open("rb") as fh:
        path.write_bytes(fh.read())
    reader = PdfReader(path)
    assert 'pdfuaid:part="1"' in _xmp(path.read_bytes())
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title.startswith("Concept note: ")
    assert reader.metadata.author
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows, fonts.stdout
    assert all(row.split()[-5] == "yes" for row in rows), fonts.stdout  # the "emb" column
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
