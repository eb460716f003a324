"""The outbox: jobs recorded with the change, dispatched after commit, swept, leased."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from events import outbox
from events.models import Job
from events.tasks import make_document_thumbnail

pytestmark = pytest.mark.django_db


def _job(**fields) -> Job:
    return Job.objects.create(
        task="events.make_document_thumbnail", kwargs={"version_id": 0}, **fields
    )


def test_enqueue_rolled_back_transaction_leaves_no_job():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(make_document_thumbnail, version_id=1)
        raise RuntimeError("the change failed")
    assert Job.objects.count() == 0


def test_enqueue_dispatches_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = outbox.enqueue(make_document_thumbnail, version_id=1)
        assert Job.objects.get(pk=job.pk).dispatched_at is None
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.task, job.kwargs, job.status) == (
        "events.make_document_thumbnail",
        {"version_id": 1},
        Job.Status.PENDING,
    )
    assert job.dispatched_at is not None


def test_enqueue_same_dedupe_key_joins_the_pending_job():
    first = outbox.enqueue("events.make_document_thumbnail", dedupe_key="thumb:1", version_id=1)
    second = outbox.enqueue("events.make_document_thumbnail", dedupe_key="thumb:1", version_id=1)
    assert first.pk == second.pk
    assert Job.objects.count() == 1


def test_enqueue_same_key_after_the_job_started_adds_a_new_job():
    first = outbox.enqueue("events.make_document_thumbnail", dedupe_key="thumb:1", version_id=1)
    outbox.claim(first.pk, lease_seconds=60)
    second = outbox.enqueue("events.make_document_thumbnail", dedupe_key="thumb:1", version_id=1)
    assert second.pk != first.pk


def test_claim_twice_gives_the_job_once():
    job = _job()
    assert outbox.claim(job.pk, lease_seconds=60).attempts == 1
    assert outbox.claim(job.pk, lease_seconds=60) is None


def test_claim_job_not_due_yet_is_refused():
    job = _job(run_after=timezone.now() + datetime.timedelta(minutes=5))
    assert outbox.claim(job.pk, lease_seconds=60) is None


def test_claim_expired_lease_is_taken_over():
    job = _job()
    outbox.claim(job.pk, lease_seconds=60)
    Job.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - datetime.timedelta(1))
    taken = outbox.claim(job.pk, lease_seconds=60)
    assert taken.attempts == 2


def test_mark_retry_backs_off_and_fails_after_the_last_attempt(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    job = _job()
    claimed = outbox.claim(job.pk, lease_seconds=60)
    before = timezone.now()
    outbox.mark_retry(claimed, "boom")
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.last_error == "boom"
    assert job.run_after >= before + datetime.timedelta(seconds=10)
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    outbox.mark_retry(outbox.claim(job.pk, lease_seconds=60), "boom again")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.last_error) == (Job.Status.FAILED, 2, "boom again")


def test_backoff_doubles_and_is_capped():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert outbox.backoff(30).total_seconds() == 3600


def test_sweep_recovers_expired_lease_and_redispatches(django_capture_on_commit_callbacks):
    lost = _job()
    outbox.claim(lost.pk, lease_seconds=60)
    Job.objects.filter(pk=lost.pk).update(lease_expires_at=timezone.now() - datetime.timedelta(1))
    never_sent = _job()
    recently_sent = _job(dispatched_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        sent = outbox.sweep()
    lost.refresh_from_db()
    assert lost.status == Job.Status.PENDING
    assert "lease expired" in lost.last_error
    # The lost job is sent with a countdown: it runs once its backoff has passed.
    assert lost.run_after > timezone.now()
    assert lost.dispatched_at is not None
    # Of the due jobs, only the one never sent is sent; the recent one is left alone.
    assert sent == 1
    never_sent.refresh_from_db()
    assert never_sent.dispatched_at is not None
    assert Job.objects.get(pk=recently_sent.pk).dispatched_at == recently_sent.dispatched_at


def test_requeue_runs_a_failed_job_again(django_capture_on_commit_callbacks):
    job = _job(status=Job.Status.FAILED, attempts=8, last_error="gone")
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.requeue(Job.objects.all()) == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.PENDING, 0)
    assert job.dispatched_at is not None


def test_task_missing_version_completes_without_error():
    """A job for a version deleted meanwhile is done, not retried for ever."""
    job = _job()
    make_document_thumbnail(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_task_failure_is_recorded_for_retry(settings, tmp_path):
    from events.tests.factories import DocumentVersionFactory

    version = DocumentVersionFactory()
    version.file.storage.delete(version.file.name)  # the file vanished from storage
    job = Job.objects.create(task=make_document_thumbnail.name, kwargs={"version_id": version.pk})
    make_document_thumbnail(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.attempts == 1
    assert "FileNotFoundError" in job.last_error
