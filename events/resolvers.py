"""Who may download the events app's files (registered with ``events.files``)."""

from django.http import Http404

from . import selectors
from .files import ServedFile, safe_filename
from .models import DocumentVersion


def _staff_version(request, pk: int) -> DocumentVersion | None:
    if request.user.is_authenticated and request.user.has_perm("events.view_documentversion"):
        return DocumentVersion.objects.select_related("document").filter(pk=pk).first()
    return None


def _version_for(request, pk: int) -> tuple[DocumentVersion, bool]:
    """The version and whether it is public; staff also see unpublished ones."""
    try:
        return selectors.public_document_version(pk=pk), True
    except Http404:
        version = _staff_version(request, pk)
        if version is None:
            raise
        return version, False


def document_file(request, pk: int) -> ServedFile:
    version, public = _version_for(request, pk)
    document = version.document
    stem = safe_filename(document.symbol or document.title)
    return ServedFile(
        name=version.file.name,
        filename=f"{stem}-{version.language}.pdf",
        content_type=version.content_type,
        etag=version.sha256,
        public=public,
    )


def document_thumbnail(request, pk: int) -> ServedFile:
    version, public = _version_for(request, pk)
    if not version.thumbnail:
        raise Http404("No thumbnail yet.")
    return ServedFile(
        name=version.thumbnail.name,
        filename=f"thumbnail-{version.pk}.png",
        content_type="image/png",
        etag=f"thumb-{version.sha256}",
        public=public,
    )
