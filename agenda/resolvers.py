"""Who may download people's photos (registered with ``events.files``)."""

from django.http import Http404

from events.files import ServedFile

from .models import PersonPhoto


def person_photo(request, pk: int) -> ServedFile:
    """Public once a published revision has shown the photo; staff see every photo."""
    photo = PersonPhoto.objects.filter(pk=pk).first()
    if photo is None:
        raise Http404("No such photo.")
    public = photo.published_at is not None
    if not public and not (
        request.user.is_authenticated and request.user.has_perm("agenda.view_person")
    ):
        raise Http404("No such photo.")
    extension = "png" if photo.content_type == "image/png" else "jpg"
    return ServedFile(
        name=photo.file.name,
        filename=f"photo-{photo.pk}.{extension}",
        content_type=photo.content_type,
        etag=photo.sha256,
        public=public,
    )
