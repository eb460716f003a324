"""The file view (/files/<kind>/<pk>/<name>): who may download documents and thumbnails."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.http import FileResponse
from django.utils import timezone

from events import services
from events.files import file_url
from events.models import Document

from .factories import (
    DocumentVersionFactory,
    UserFactory,
    cted_staff_user,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

HIDDEN = [
    {"published_at": None},
    {"published_at": timezone.now() + datetime.timedelta(hours=1)},
    {"distribution": Document.Distribution.LIMITED},
    {"event__is_published": False},
]
HIDDEN_IDS = ["unpublished", "future", "limited", "event-unpublished"]


def _hidden_version(overrides):
    return DocumentVersionFactory(**{f"document__{k}": v for k, v in overrides.items()})


def _vary(response) -> list[str]:
    return [name.strip() for name in response.headers.get("Vary", "").split(",")]


def _with_thumbnail(version):
    return services.document_version_make_thumbnail(version_id=version.pk)


def test_document_file_public_version_served(client):
    data = pdf_bytes(pages=2)
    version = DocumentVersionFactory(
        document__symbol="S/2016/1234", language="fr", uploaded_file=pdf_upload(data=data)
    )

    response = client.get(file_url("document", version.pk, "fr.pdf"))

    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert response.streaming is True
    assert response.getvalue() == data
    assert {
        name: response.headers[name]
        for name in (
            "Content-Type",
            "ETag",
            "X-Content-Type-Options",
            "Content-Disposition",
            "Cache-Control",
        )
    } == {
        "Content-Type": "application/pdf",
        "ETag": f'"{version.sha256}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": 'inline; filename="S-2016-1234-fr.pdf"',
        "Cache-Control": "public, max-age=300",
    }
    assert response.headers["Content-Length"] == str(len(data))


def test_document_file_public_does_not_vary_on_cookie(client):
    version = DocumentVersionFactory()

    response = client.get(file_url("document", version.pk, "en.pdf"))

    response.close()
    assert "Cookie" not in _vary(response)


def test_document_file_name_in_url_does_not_matter(client):
    version = DocumentVersionFactory(document__title_en="Concept note")

    response = client.get(file_url("document", version.pk, "anything.pdf"))

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'inline; filename="Concept-note-en.pdf"'
    response.close()


def test_document_file_matching_etag_is_304(client):
    version = DocumentVersionFactory()

    response = client.get(
        file_url("document", version.pk, "en.pdf"),
        headers={"If-None-Match": f'"other", "{version.sha256}"'},
    )

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == f'"{version.sha256}"'


def test_document_file_other_etag_is_200(client):
    version = DocumentVersionFactory()

    response = client.get(
        file_url("document", version.pk, "en.pdf"), headers={"If-None-Match": '"stale"'}
    )

    assert response.status_code == 200
    response.close()


@pytest.mark.parametrize("overrides", HIDDEN, ids=HIDDEN_IDS)
def test_document_file_not_public_is_404(client, overrides):
    version = _hidden_version(overrides)

    response = client.get(file_url("document", version.pk, "en.pdf"))

    assert response.status_code == 404


def test_document_file_superseded_version_is_404(client):
    old = DocumentVersionFactory(language="en")
    new = DocumentVersionFactory(document=old.document, language="en")

    old_response = client.get(file_url("document", old.pk, "en.pdf"))
    new_response = client.get(file_url("document", new.pk, "en.pdf"))

    assert (old_response.status_code, new_response.status_code) == (404, 200)
    new_response.close()


def test_document_file_unknown_version_is_404(client):
    assert client.get(file_url("document", 987654, "en.pdf")).status_code == 404


def test_document_file_unknown_kind_is_404(client):
    version = DocumentVersionFactory()

    response = client.get(f"/files/statement-secret/{version.pk}/en.pdf")

    assert response.status_code == 404


def test_document_file_post_refused(client):
    version = DocumentVersionFactory()

    response = client.post(file_url("document", version.pk, "en.pdf"))

    assert response.status_code == 405


def test_document_file_missing_from_storage_is_404(client):
    version = DocumentVersionFactory()
    version.file.storage.delete(version.file.name)

    response = client.get(file_url("document", version.pk, "en.pdf"))

    assert response.status_code == 404


@pytest.mark.parametrize("overrides", HIDDEN, ids=HIDDEN_IDS)
def test_document_file_not_public_served_privately_to_staff(client, overrides):
    data = pdf_bytes()
    version = DocumentVersionFactory(
        uploaded_file=pdf_upload(data=data),
        **{f"document__{k}": v for k, v in overrides.items()},
    )
    client.force_login(cted_staff_user())

    response = client.get(file_url("document", version.pk, "en.pdf"))

    assert response.status_code == 200
    assert response.getvalue() == data
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in _vary(response)


def test_document_file_superseded_served_privately_to_user_with_permission(client):
    old = DocumentVersionFactory()
    DocumentVersionFactory(document=old.document, language=old.language)
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_documentversion"))
    client.force_login(user)

    response = client.get(file_url("document", old.pk, "en.pdf"))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    response.close()


def test_document_file_not_public_refused_to_delegate(client):
    version = _hidden_version({"published_at": None})
    client.force_login(UserFactory())

    response = client.get(file_url("document", version.pk, "en.pdf"))

    assert response.status_code == 404


def test_document_thumbnail_public_served(client):
    version = _with_thumbnail(DocumentVersionFactory())

    response = client.get(file_url("document-thumbnail", version.pk, "thumbnail.png"))

    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    body = response.getvalue()
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    assert {
        name: response.headers[name]
        for name in ("Content-Type", "ETag", "X-Content-Type-Options", "Cache-Control")
    } == {
        "Content-Type": "image/png",
        "ETag": f'"thumb-{version.sha256}"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=300",
    }
    assert response.headers["Content-Disposition"] == (
        f'inline; filename="thumbnail-{version.pk}.png"'
    )


def test_document_thumbnail_matching_etag_is_304(client):
    version = _with_thumbnail(DocumentVersionFactory())

    response = client.get(
        file_url("document-thumbnail", version.pk, "thumbnail.png"),
        headers={"If-None-Match": f'"thumb-{version.sha256}"'},
    )

    assert response.status_code == 304


def test_document_thumbnail_not_made_yet_is_404(client):
    version = DocumentVersionFactory()

    response = client.get(file_url("document-thumbnail", version.pk, "thumbnail.png"))

    assert response.status_code == 404


@pytest.mark.parametrize("overrides", HIDDEN, ids=HIDDEN_IDS)
def test_document_thumbnail_not_public_is_404(client, overrides):
    version = _with_thumbnail(_hidden_version(overrides))

    response = client.get(file_url("document-thumbnail", version.pk, "thumbnail.png"))

    assert response.status_code == 404


def test_document_thumbnail_superseded_is_404(client):
    old = _with_thumbnail(DocumentVersionFactory())
    DocumentVersionFactory(document=old.document, language=old.language)

    response = client.get(file_url("document-thumbnail", old.pk, "thumbnail.png"))

    assert response.status_code == 404


def test_document_thumbnail_not_public_served_privately_to_staff(client):
    version = _with_thumbnail(_hidden_version({"published_at": None}))
    client.force_login(cted_staff_user())

    response = client.get(file_url("document-thumbnail", version.pk, "thumbnail.png"))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in _vary(response)
    response.close()
