"""People's photos: checked by decoding, resized, served by who may see them."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image

from agenda import services
from agenda.models import PersonPhoto
from agenda.photos import MAX_PHOTO_BYTES, THUMBNAIL_SIZE
from agenda.tests.factories import (
    PersonFactory,
    RoleAssignmentFactory,
    image_bytes,
    image_upload,
    plain_user,
)
from events.files import file_url
from specialmeeting.testing import stored_files

pytestmark = pytest.mark.django_db

SVG = b"""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(1)</script><rect width="10" height="10"/></svg>"""


def test_photo_png_accepted_and_resized_to_a_thumbnail():
    person = PersonFactory()
    photo = services.person_photo_set(person=person, uploaded_file=image_upload(size=(2000, 1000)))
    person.refresh_from_db()
    assert person.photo == photo
    assert photo.content_type == "image/png"
    assert (photo.width, photo.height) == (THUMBNAIL_SIZE[0], THUMBNAIL_SIZE[0] // 2)
    with photo.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert stored.format == "PNG"
        assert stored.size == (photo.width, photo.height)
    assert photo.file.name.endswith(".png")


def test_photo_jpeg_accepted():
    upload = SimpleUploadedFile("portrait.jpeg", image_bytes("JPEG"), content_type="image/jpeg")
    photo = services.person_photo_set(person=PersonFactory(), uploaded_file=upload)
    assert photo.content_type == "image/jpeg"
    assert photo.file.name.endswith(".jpg")


def test_photo_png_named_jpg_accepted_by_its_content():
    upload = SimpleUploadedFile("portrait.jpg", image_bytes("PNG"), content_type="image/jpeg")
    photo = services.person_photo_set(person=PersonFactory(), uploaded_file=upload)
    assert photo.content_type == "image/png"


def test_photo_whose_person_cannot_be_saved_leaves_no_file(monkeypatch):
    # The file is written before the rows: if they then fail, the file goes too.
    person = PersonFactory()

    def refuse(*args, **kwargs):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(type(person), "save", refuse)
    with pytest.raises(DatabaseError):
        services.person_photo_set(person=person, uploaded_file=image_upload())

    assert (PersonPhoto.objects.count(), stored_files()) == (0, [])


def test_photo_svg_refused():
    upload = SimpleUploadedFile("portrait.svg", SVG, content_type="image/svg+xml")
    with pytest.raises(ValidationError) as info:
        services.person_photo_set(person=PersonFactory(), uploaded_file=upload)
    assert info.value.messages == [
        "This file is not a JPEG or PNG photo. Save the photo as JPEG or PNG and retry."
    ]
    assert PersonPhoto.objects.count() == 0


def test_photo_html_named_png_refused():
    upload = SimpleUploadedFile(
        "portrait.png", b"<!doctype html><script>alert(1)</script>", content_type="image/png"
    )
    with pytest.raises(ValidationError) as info:
        services.person_photo_set(person=PersonFactory(), uploaded_file=upload)
    assert info.value.messages == [
        "This file is not a JPEG or PNG photo. Save the photo as JPEG or PNG and retry."
    ]


def test_photo_gif_refused():
    upload = SimpleUploadedFile("portrait.gif", image_bytes("GIF"), content_type="image/gif")
    with pytest.raises(ValidationError):
        services.person_photo_set(person=PersonFactory(), uploaded_file=upload)


def test_photo_oversize_refused():
    data = image_bytes("PNG") + b"\0" * MAX_PHOTO_BYTES
    upload = SimpleUploadedFile("portrait.png", data, content_type="image/png")
    with pytest.raises(ValidationError) as info:
        services.person_photo_set(person=PersonFactory(), uploaded_file=upload)
    assert info.value.code == "too_large"
    assert info.value.messages[0].startswith("The photo is 5.0")
    assert info.value.messages[0].endswith("the limit is 5.0\xa0MB. Reduce its size and retry.")


def test_photo_truncated_png_refused():
    upload = SimpleUploadedFile("portrait.png", image_bytes("PNG")[:60])
    with pytest.raises(ValidationError) as info:
        services.person_photo_set(person=PersonFactory(), uploaded_file=upload)
    assert info.value.code in {"unreadable", "wrong_type"}


def test_photo_not_public_before_publication(client):
    person = PersonFactory()
    photo = services.person_photo_set(person=person, uploaded_file=image_upload())
    response = client.get(file_url("person-photo", photo.pk, "photo.png"))
    assert response.status_code == 404
    client.force_login(plain_user())
    assert client.get(file_url("person-photo", photo.pk, "photo.png")).status_code == 404


def test_photo_served_to_staff_before_publication(client, staff):
    photo = services.person_photo_set(person=PersonFactory(), uploaded_file=image_upload())
    client.force_login(staff)
    response = client.get(file_url("person-photo", photo.pk, "photo.png"))
    response.close()
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-cache"


def test_photo_public_once_a_revision_shows_it(client):
    role = RoleAssignmentFactory()
    photo = services.person_photo_set(person=role.person, uploaded_file=image_upload())
    services.agenda_publish(event=role.item.session.event, label="provisional")
    response = client.get(file_url("person-photo", photo.pk, "photo.png"))
    assert response.status_code == 200
    assert response["ETag"] == f'"{photo.sha256}"'
    assert response["Cache-Control"] == "public, max-age=300"
    body = b"".join(response.streaming_content)
    response.close()
    with photo.file.open("rb") as fh:
        assert body == fh.read()


def test_photo_replaced_after_publication_stays_private_until_next_revision(client):
    role = RoleAssignmentFactory()
    first = services.person_photo_set(person=role.person, uploaded_file=image_upload())
    services.agenda_publish(event=role.item.session.event, label="provisional")
    second = services.person_photo_set(
        person=role.person, uploaded_file=image_upload(colour="#aa0000")
    )
    first_response = client.get(file_url("person-photo", first.pk, "a.png"))
    second_response = client.get(file_url("person-photo", second.pk, "a.png"))
    assert (first_response.status_code, second_response.status_code) == (200, 404)
    first_response.close()
