"""Upload fuzzing: a corpus of more than a thousand malformed and hostile files
(``fuzz_corpus``, generated from a seed at test time) goes through the upload check
with a long-lived, resource-limited probe (``events.uploads.ProbeServer``); none may be
accepted, and each must be refused with the message a delegate reads. One file of each
family also goes through the real delegate upload view. The seed is fixed so that the
suite is repeatable; ``UPLOAD_FUZZ_SEED=<n>`` runs another corpus.
"""

from __future__ import annotations

import collections
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from events.tests import fuzz_corpus
from events.tests.factories import DelegationFactory
from events.uploads import DOCX, ODT, PDF, ProbeServer, UploadCheckError, inspect_upload
from specialmeeting.testing import wait_for
from statements.models import LanguageVersion, Statement, StatementFile
from statements.tests.helpers import delegate, open_event, stored_files

SEED = int(os.environ.get("UPLOAD_FUZZ_SEED", "2016"))
ALL = (PDF, DOCX, ODT)
BROWSER_TYPES = {"pdf": PDF, "docx": DOCX, "odt": ODT}

# How the message a delegate reads begins, for each refusal.
MESSAGES = {
    "empty": "The file is empty. Choose the file again.",
    "program": "This file is a program, not a document. Choose your statement's file.",
    "wrong_type": "This file is not a PDF, Word (.docx) or OpenDocument (.odt) document. ",
    "html": "This file contains web page (HTML) code as well as a document, which is not safe",
    "encrypted": "This PDF is password-protected. Save it without a password and upload it",
    "encrypted_package": "This document is password-protected. Save it without a password",
    "old_or_encrypted_office": "This is a password-protected or old-format (.doc) Word file.",
    "no_pages": "This PDF has no pages.",
    "macro": "This document contains macros (it is a macro-enabled file).",
    "zip_bomb": "This file unpacks to far more data than a document would",
    "too_complex": "This file could not be checked: reading it took too long or needed too",
    "unreadable": "This file could not be read as a ",
}


class CorpusFile(File):
    """A file of the corpus on disk, handed over as an upload streamed to disk is."""

    def temporary_file_path(self) -> str:
        return self.name


def _refusal_problem(case, error: ValidationError) -> str | None:
    """What is wrong with a refusal, or None: one message, in the delegate's words,
    among the refusals this family may get, never an internal error's."""
    messages = error.messages
    if len(messages) != 1:
        return f"{len(messages)} messages"
    message = messages[0]
    if error.code not in case.codes:
        return f"refused as {error.code!r}, expected one of {sorted(case.codes)}: {message}"
    if not message.startswith(MESSAGES[error.code]) or not message.endswith("."):
        return f"not the {error.code!r} message: {message}"
    if "(unexpected " in message or "%(" in message or "Traceback" in message:
        return f"an internal error shown to the user: {message}"
    return None


def _inspect(path: Path, checker):
    with path.open("rb") as handle:
        return inspect_upload(CorpusFile(handle, name=str(path)), allowed=ALL, checker=checker)


def test_fuzz_corpus_every_malformed_file_refused_by_the_long_lived_probe(tmp_path):
    started = time.monotonic()
    cases = list(fuzz_corpus.corpus(SEED))
    generated = time.monotonic() - started
    families = collections.Counter(case.family for case in cases)
    problems, codes = [], collections.Counter()

    with ProbeServer() as server:
        # The control: sound documents (those the mutations start from, and ones sound
        # in ways a stricter check could wrongly refuse) are accepted.
        sound = fuzz_corpus.sound_documents(SEED)
        for name, data in sound.items():
            (tmp_path / name).write_bytes(data)
        accepted_sound = {name: _inspect(tmp_path / name, server.check).extension for name in sound}
        for case in cases:
            path = tmp_path / case.name
            path.write_bytes(case.data)
            try:
                inspected = _inspect(path, server.check)
            except ValidationError as error:
                codes[error.code] += 1
                problem = _refusal_problem(case, error)
            else:
                problem = f"ACCEPTED as {inspected.content_type}"
            if problem:
                problems.append(f"{case.label}: {problem}")
            path.unlink()
        starts, failures = server.starts, server.failures

    elapsed = time.monotonic() - started
    print(
        f"\n{len(cases)} files in {len(families)} families, seed {SEED}: generated in "
        f"{generated:.1f} s, checked in {elapsed - generated:.1f} s; probe processes "
        f"started {starts}, files that killed one {failures}; refusals {dict(codes)}"
    )
    assert accepted_sound == {name: name.rsplit(".", 1)[1] for name in sound}
    assert len(sound) >= 10
    assert len(cases) >= 1000 and len(families) >= 30
    assert min(families.values()) >= 30
    assert problems == []
    assert sum(codes.values()) == len(cases)


def test_corpus_is_the_same_for_the_same_seed_and_different_for_another():
    first = [(c.name, c.data) for c in fuzz_corpus.corpus(7, per_family=6)]
    again = [(c.name, c.data) for c in fuzz_corpus.corpus(7, per_family=6)]
    other = [(c.name, c.data) for c in fuzz_corpus.corpus(8, per_family=6)]

    assert first == again
    assert sum(a != b for a, b in zip(first, other, strict=True)) > len(first) // 2


# --- The long-lived probe: a file that kills it is refused, the next file is checked ------


@pytest.fixture
def documents(tmp_path):
    paths = {}
    for name, data in fuzz_corpus.sound_documents(SEED).items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


def test_probe_server_file_over_the_cpu_limit_refused_and_the_next_checked(
    settings, tmp_path, documents
):
    settings.UPLOAD_CHECK_SECONDS = 1
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(fuzz_corpus.slow_pdf())

    with ProbeServer() as server:
        first = _inspect(documents["statement.pdf"], server.check)
        started = time.monotonic()
        with pytest.raises(ValidationError) as excinfo:
            _inspect(slow, server.check)
        took = time.monotonic() - started
        after = _inspect(documents["statement.docx"], server.check)
        counts = (server.starts, server.failures)

    assert (first.extension, first.page_count) == ("pdf", 2)
    assert excinfo.value.code == "too_complex"
    assert excinfo.value.messages[0].startswith(MESSAGES["too_complex"])
    assert took < 4
    assert after.extension == "docx"
    assert counts == (2, 1)


def test_probe_server_file_over_the_memory_limit_refused_and_the_next_checked(
    settings, tmp_path, documents
):
    settings.UPLOAD_CHECK_MEMORY_MB = 48  # the probe needs about 20 MB, the file 40 MB more
    hungry = tmp_path / "hungry.docx"
    hungry.write_bytes(fuzz_corpus.memory_hungry_docx(SEED))

    with ProbeServer() as server:
        with pytest.raises(ValidationError) as excinfo:
            _inspect(hungry, server.check)
        after = _inspect(documents["statement.odt"], server.check)
        counts = (server.starts, server.failures)

    assert excinfo.value.code == "too_complex"
    assert after.extension == "odt"
    # The probe answered (no failure) and ended itself; a new one took the next file.
    assert counts == (2, 0)


def test_probe_server_that_stops_answering_is_killed_and_replaced(settings, documents):
    settings.UPLOAD_CHECK_SECONDS = 1

    with ProbeServer() as server:
        _inspect(documents["statement.pdf"], server.check)
        stopped = server.pid
        os.kill(stopped, signal.SIGSTOP)  # hung: no CPU used, no answer
        with pytest.raises(UploadCheckError, match=r"^the check took more than 1 s$"):
            server.check("inspect", "pdf", str(documents["statement.pdf"]))
        after = server.check("inspect", "pdf", str(documents["statement-1.5.pdf"]))
        replaced = server.pid

    assert after == {"ok": True, "type": "pdf", "pages": 1, "flags": []}
    assert replaced != stopped
    with pytest.raises(ProcessLookupError):
        os.kill(stopped, 0)


def test_probe_server_that_died_between_files_is_restarted_for_the_next(documents):
    with ProbeServer() as server:
        _inspect(documents["statement.pdf"], server.check)
        os.kill(server.pid, signal.SIGKILL)
        wait_for(lambda: server.pid is None, timeout=10, interval=0.05, what="the probe to die")
        after = _inspect(documents["statement.docx"], server.check)
        counts = (server.starts, server.failures)

    assert after.extension == "docx"
    assert counts == (2, 0)


def test_probe_server_recycled_after_max_requests_without_losing_a_file(documents):
    with ProbeServer(max_requests=2) as server:
        results = [
            _inspect(documents[name], server.check).extension
            for name in ("statement.pdf", "statement.docx", "statement.odt", "statement.pdf")
        ]
        counts = (server.starts, server.failures)

    assert results == ["pdf", "docx", "odt", "pdf"]
    assert counts == (2, 0)


def test_probe_server_ends_its_process_on_close(documents):
    server = ProbeServer()
    _inspect(documents["statement.pdf"], server.check)
    pid = server.pid

    server.close()

    assert server.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


# --- Through the delegate's upload view -------------------------------------------------------


@pytest.mark.django_db
def test_delegate_upload_of_one_file_of_each_family_refused_with_a_form_error(client):
    delegation = DelegationFactory(event=open_event())
    client.force_login(delegate(delegation))
    url = reverse("delegates:submit", args=[delegation.pk])
    problems = []

    samples = fuzz_corpus.samples(SEED)
    for case in samples:
        extension = case.name.rsplit(".", 1)[1]
        upload = SimpleUploadedFile(case.name, case.data, BROWSER_TYPES[extension])
        response = client.post(url, {"title": "A statement", "language": "en", "file": upload})
        if response.status_code != 200:
            problems.append(f"{case.label}: status {response.status_code}")
            continue
        errors = response.context["form"].errors.as_data().get("file", [])
        if len(errors) != 1:
            problems.append(f"{case.label}: file errors {errors}")
            continue
        [error] = errors
        problem = _refusal_problem(case, error)
        if problem is None and escape(error.messages[0]) not in response.content.decode():
            problem = "the message is not on the page"
        if problem:
            problems.append(f"{case.label}: {problem}")

    assert len(samples) == len(fuzz_corpus.FAMILIES) >= 30
    assert problems == []
    assert (
        Statement.objects.count(),
        LanguageVersion.objects.count(),
        StatementFile.objects.count(),
        stored_files(),
    ) == (0, 0, 0, [])
