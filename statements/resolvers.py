"""Who may download statement files (registered with ``events.files``).

The public gets the current file of each language version of a published statement;
the delegation's approved members and CTED staff get every file of every version.
Anyone else gets 404, as if the file did not exist.
"""

from events.files import ServedFile, safe_filename

from . import selectors
from .models import StatementFile


def download_name(stored: StatementFile) -> str:
    statement = stored.language_version.statement
    stem = safe_filename(f"{statement.delegation.organisation.name}-{statement.title}"[:100])
    return f"{stem}-{stored.language_version.language}.{stored.extension}"


def statement_file(request, pk: int) -> ServedFile:
    stored, public = selectors.statement_file_for(user=request.user, pk=pk)
    return ServedFile(
        name=stored.file.name,
        filename=download_name(stored),
        content_type=stored.content_type,
        etag=stored.sha256,
        public=public,
        # A PDF opens in the browser; a word-processor file is saved.
        inline=stored.content_type == "application/pdf",
    )
