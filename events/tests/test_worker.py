"""Round trips through a real `celery worker` process, on whichever broker this run has
(Redis in the production pass, kombu's filesystem transport in the embedded pass)."""

import datetime
import subprocess
import sys

import pytest
from django.utils import timezone

from events import outbox
from events.models import DocumentVersion, Job
from specialmeeting.testing import BASE_DIR, subprocess_env, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _job_finished(job_id):
    def check():
        job = Job.objects.get(pk=job_id)
        return job if job.status in (Job.Status.DONE, Job.Status.FAILED) else None

    return check


def _upload_pdf_version():
    from events.tests.factories import DocumentVersionFactory

    version = DocumentVersionFactory()
    return version, Job.objects.get(task="events.make_document_thumbnail")


def test_worker_makes_the_thumbnail_of_an_uploaded_pdf(celery_worker_process):
    version, job = _upload_pdf_version()
    finished = wait_for(_job_finished(job.pk), timeout=90, what="the thumbnail job")
    assert finished.status == Job.Status.DONE, celery_worker_process.log()[-3000:]
    version.refresh_from_db()
    assert version.thumbnail.name.endswith(".png")
    with version.thumbnail.open("rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"


def test_job_enqueued_while_broker_down_runs_once_broker_is_back(celery_worker_process):
    version, first_job = _upload_pdf_version()
    wait_for(_job_finished(first_job.pk), timeout=90, what="the first job")
    DocumentVersion.objects.filter(pk=version.pk).update(thumbnail="")
    # Another process commits a change and its job while the broker is unreachable.
    script = (
        "import django; django.setup()\n"
        "from django.db import transaction\n"
        "from events import outbox\n"
        "with transaction.atomic():\n"
        f"    job = outbox.enqueue('events.make_document_thumbnail', version_id={version.pk})\n"
        "print(job.pk)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=subprocess_env(CELERY_BROKER_URL="redis://127.0.0.1:1/0"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    job = Job.objects.get(pk=int(result.stdout.strip().splitlines()[-1]))
    assert (job.status, job.dispatched_at) == (Job.Status.PENDING, None)
    assert "not dispatched" in result.stderr
    # The broker is back (this process uses the real one): the sweeper sends it.
    assert outbox.sweep() == 1
    finished = wait_for(_job_finished(job.pk), timeout=90, what="the swept job")
    assert finished.status == Job.Status.DONE, celery_worker_process.log()[-3000:]
    version.refresh_from_db()
    assert version.thumbnail


def test_job_of_a_worker_that_died_is_recovered_by_the_sweeper(celery_worker_process):
    version, job = _upload_pdf_version()
    wait_for(_job_finished(job.pk), timeout=90, what="the first job")
    DocumentVersion.objects.filter(pk=version.pk).update(thumbnail="")
    # A worker took this job and died: running, with a lease that has run out.
    lost = Job.objects.create(
        task="events.make_document_thumbnail",
        kwargs={"version_id": version.pk},
        status=Job.Status.RUNNING,
        attempts=1,
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    outbox.sweep()
    lost.refresh_from_db()
    assert lost.status == Job.Status.PENDING
    assert "lease expired" in lost.last_error
    # Sent again with its backoff (10 s after a first attempt) as the countdown.
    assert lost.dispatched_at is not None
    finished = wait_for(_job_finished(lost.pk), timeout=90, what="the recovered job")
    assert (finished.status, finished.attempts) == (Job.Status.DONE, 2)


def _concept_note_with_long_text():
    from events import rendering
    from events.generators import CONCEPT_NOTE
    from events.models import Document
    from events.tests.factories import EventFactory, EventPageFactory

    event = EventFactory(title_en="A long concept note")
    paragraph = "A sentence of the concept note, long enough to wrap over a line or two. " * 12
    for n in range(1, 40):
        EventPageFactory(event=event, title_en=f"Section {n}", body_en=f"{n}\\. {paragraph}")
    document = Document.objects.create(
        event=event,
        kind=Document.Kind.CONCEPT_NOTE,
        title_en="Concept note",
        generator=CONCEPT_NOTE,
        published_at=timezone.now(),
    )
    return document, rendering


def test_publish_to_ready_pdf_through_a_real_worker(celery_worker_process):
    from events.models import Document
    from events.selectors import public_documents

    document, rendering = _concept_note_with_long_text()
    (job_id,) = rendering.document_render_enqueue(document=document)
    finished = wait_for(_job_finished(job_id), timeout=120, what="the render")
    assert finished.status == Job.Status.DONE, celery_worker_process.log()[-3000:]
    document.refresh_from_db()
    assert document.render_status == Document.RenderStatus.READY
    (public,) = public_documents(event=document.event)
    assert [v.language for v in public.versions] == ["en"]
    assert public.versions[0].page_count > 3


def _served_pdf_is_sound(client, version) -> None:
    """The file view serves exactly the version's file: its hash, a PDF that opens,
    with the version's page count."""
    import hashlib

    import pypdfium2

    response = client.get(f"/files/document/{version.pk}/{version.language}.pdf")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    response.close()
    assert hashlib.sha256(body).hexdigest() == version.sha256
    pdf = pypdfium2.PdfDocument(body)
    try:
        assert len(pdf) == version.page_count
    finally:
        pdf.close()


def _files_of(document, media_root) -> set[str]:
    """The rendered files in storage (thumbnails aside): each must belong to a version."""
    folder = media_root / "documents" / str(document.pk)
    return {str(p.relative_to(media_root)) for p in folder.glob("*.pdf")}


def test_worker_killed_mid_render_publishes_once_after_recovery(
    celery_worker_process, tmp_path, client
):
    from events.models import Document, EventPage
    from events.selectors import public_documents
    from specialmeeting.testing import WorkerProcess

    document, rendering = _concept_note_with_long_text()
    (first_job,) = rendering.document_render_enqueue(document=document)
    wait_for(_job_finished(first_job), timeout=120, what="the first render")
    (previous,) = public_documents(event=document.event)[0].versions
    # Staff change the text and publish again; the worker dies rendering it.
    EventPage.objects.filter(event=document.event, title_en="Section 1").update(
        body_en="1\\. The corrected first section."
    )
    (job_id,) = rendering.document_render_enqueue(document=document)
    wait_for(
        lambda: Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).exists(),
        timeout=90,
        interval=0.02,
        what="the render to start",
    )
    celery_worker_process.kill()  # SIGKILL to the worker and its pool, mid-render
    assert Job.objects.get(pk=job_id).status == Job.Status.RUNNING
    # Nothing half-written is public: the previous version still is, whole.
    (public,) = public_documents(event=document.event)
    assert [v.pk for v in public.versions] == [previous.pk]
    _served_pdf_is_sound(client, previous)
    assert _files_of(document, celery_worker_process.media_root) == {previous.file.name}
    # Time passes: the dead worker's lease runs out; the sweeper puts the job back.
    Job.objects.filter(pk=job_id).update(lease_expires_at=timezone.now())
    outbox.sweep()
    Job.objects.filter(pk=job_id).update(run_after=timezone.now())
    second = WorkerProcess(celery_worker_process.media_root, tmp_path / "worker2.log").start()
    try:
        outbox.sweep()
        finished = wait_for(_job_finished(job_id), timeout=120, what="the recovered render")
        assert finished.status == Job.Status.DONE, second.log()[-3000:]
        assert finished.attempts == 2
    finally:
        second.stop()
    # Exactly one new version, sound, and no stray file beside the two versions.
    versions = DocumentVersion.objects.filter(document=document, is_draft=False)
    assert versions.count() == 2
    (public,) = public_documents(event=document.event)
    (newest,) = public.versions
    assert newest.pk != previous.pk
    _served_pdf_is_sound(client, newest)
    assert _files_of(document, celery_worker_process.media_root) == {
        previous.file.name,
        newest.file.name,
    }
    document.refresh_from_db()
    assert document.render_status == Document.RenderStatus.READY
