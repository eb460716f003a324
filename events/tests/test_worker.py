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
