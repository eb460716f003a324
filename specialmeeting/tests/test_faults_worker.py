"""A worker lost (killed) while it ran a job whose key a newer job has taken meanwhile.

Staff saved again while the killed worker rendered: the render's dedupe key is held by
a new pending job. The sweeper must still recover everything else, the lost job must
not be put back beside its successor (one pending job per key), and the successor does
the work. Found by bench/faults; the real kill mid-render is in events/tests/test_worker.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from events import outbox
from events.models import Job
from events.tasks import make_document_thumbnail

pytestmark = pytest.mark.django_db

KEY = "render:1:en:public"


def _lost_job(**fields) -> Job:
    """A job a killed worker had claimed: running, its lease run out."""
    return Job.objects.create(
        task="events.render_document",
        kwargs={"document_id": 1, "language": "en", "draft": False},
        status=Job.Status.RUNNING,
        attempts=1,
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
        **fields,
    )


def test_sweep_closes_a_lost_job_whose_key_a_newer_job_holds(django_capture_on_commit_callbacks):
    lost = _lost_job(dedupe_key=KEY)
    newer = outbox.enqueue("events.render_document", dedupe_key=KEY, document_id=1, language="en")
    other_lost = _lost_job()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.sweep()
    lost.refresh_from_db()
    assert lost.status == Job.Status.DONE
    assert "a newer job with the same key" in lost.last_error
    assert lost.lease_expires_at is None
    # The newer job is the one pending under the key, and it was sent to the broker.
    newer.refresh_from_db()
    assert (newer.status, newer.dedupe_key) == (Job.Status.PENDING, KEY)
    assert newer.dispatched_at is not None
    # The sweep went on with the other lost job.
    other_lost.refresh_from_db()
    assert other_lost.status == Job.Status.PENDING
    assert "lease expired" in other_lost.last_error


def test_sweep_recovers_a_lost_job_whose_key_is_free(django_capture_on_commit_callbacks):
    lost = _lost_job(dedupe_key=KEY)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.sweep()
    lost.refresh_from_db()
    assert (lost.status, lost.dedupe_key) == (Job.Status.PENDING, KEY)
    assert lost.dispatched_at is not None


def test_failing_job_whose_key_a_newer_job_holds_is_closed_not_raised():
    from events.tests.factories import DocumentVersionFactory

    version = DocumentVersionFactory()
    version.file.storage.delete(version.file.name)  # the run fails: the file is gone
    key = f"thumbnail:{version.pk}"
    kwargs = {"version_id": version.pk}
    job = Job.objects.create(
        task=make_document_thumbnail.name,
        kwargs=kwargs,
        dedupe_key=key,
        status=Job.Status.RUNNING,
        attempts=1,
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    newer = Job.objects.create(task=make_document_thumbnail.name, kwargs=kwargs, dedupe_key=key)
    make_document_thumbnail(job.pk)  # takes over the lapsed lease and fails; nothing raised
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 2)
    assert "FileNotFoundError" in job.last_error
    assert "a newer job with the same key" in job.last_error
    assert Job.objects.get(pk=newer.pk).status == Job.Status.PENDING
