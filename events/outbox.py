"""The outbox: background work that no broker outage or killed worker can lose.

1. ``enqueue`` writes a Job row in the caller's transaction and asks for a dispatch
   once that transaction commits, so a task never runs before its data is visible
   and a rolled-back change leaves no job behind.
2. ``dispatch`` sends the job's id to the broker. If the broker is down or hangs the
   job stays pending and nothing is raised to the user: publishing makes one attempt
   with short timeouts (CELERY_BROKER_TRANSPORT_OPTIONS), and after a failure this
   process leaves the broker alone for BROKER_RETRY_AFTER_SECONDS, so a request that
   enqueues several jobs waits on at most one timeout.
3. The worker runs an ``OutboxTask``: it first *claims* the job (an atomic update that
   gives it a lease), runs the task's service, and records the outcome. A duplicate
   message finds the job claimed or done and does nothing, so tasks run once.
4. ``sweep`` (Celery beat, every OUTBOX_SWEEP_SECONDS) re-dispatches pending jobs that
   are due and running jobs whose lease expired (a killed worker), with backoff, up to
   OUTBOX_MAX_ATTEMPTS. A lease lasts the task's hard time limit plus
   OUTBOX_LEASE_MARGIN_SECONDS.

kombu's filesystem transport deletes a message when a worker takes it, and Redis only
redelivers unacknowledged messages after its visibility timeout (an hour), so
``acks_late`` alone would lose or delay work: the Job row is the source of truth.
"""

from __future__ import annotations

import datetime
import logging
import time
import traceback
from functools import partial

from celery import Task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)

# After the broker could not be reached, dispatches of this process skip it for this
# long (the sweeper sends those jobs), instead of each waiting on a timeout.
BROKER_RETRY_AFTER_SECONDS = 5.0
_broker_down_until = 0.0


class PermanentJobError(Exception):
    """Raised by a service when retrying cannot help (bad input, a template error)."""


def _task_name(task: Task | str) -> str:
    return task if isinstance(task, str) else task.name


def enqueue(
    task: Task | str,
    *,
    dedupe_key: str = "",
    delay: datetime.timedelta | None = None,
    **kwargs,
) -> Job:
    """Record a job for ``task`` with ``kwargs`` (JSON values, ids not objects).

    Call it inside the transaction that makes the change the job needs. With a
    ``dedupe_key``, a job still pending under that key is returned instead of adding
    another (a debounce: many quick changes, one run).
    """
    run_after = timezone.now() + (delay or datetime.timedelta(0))
    name = _task_name(task)
    if dedupe_key:
        existing = Job.objects.filter(dedupe_key=dedupe_key, status=Job.Status.PENDING).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                task=name, kwargs=kwargs, dedupe_key=dedupe_key, run_after=run_after
            )
    except IntegrityError:
        # Another process enqueued the same key in between: join its job.
        return Job.objects.get(dedupe_key=dedupe_key, status=Job.Status.PENDING)
    transaction.on_commit(partial(dispatch, job.pk), robust=True)
    return job


def dispatch(job_id: int) -> bool:
    """Send a pending job to the broker. Returns False (and logs) if it could not.

    Never raises for a broker error and never waits on more than one connection or
    socket timeout: the job stays pending (``dispatched_at`` empty) and ``sweep`` sends
    it once the broker is back.
    """
    global _broker_down_until
    from specialmeeting.celery import app

    job = Job.objects.filter(pk=job_id, status=Job.Status.PENDING).first()
    if job is None:
        return False
    if time.monotonic() < _broker_down_until:
        logger.info("job %s not dispatched (the broker was unreachable): will be swept", job.pk)
        return False
    countdown = max(0.0, (job.run_after - timezone.now()).total_seconds())
    try:
        app.send_task(job.task, args=[job.pk], countdown=countdown or None, retry=False)
    except Exception as exc:  # the broker is down: the sweeper sends it later
        _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
        logger.warning("job %s not dispatched, will be swept: %s", job.pk, exc)
        return False
    Job.objects.filter(pk=job.pk).update(dispatched_at=timezone.now())
    return True


def claim(job_id: int, *, lease_seconds: float) -> Job | None:
    """Take the job for this worker, or return None if it is not ours to run."""
    now = timezone.now()
    claimable = Q(status=Job.Status.PENDING, run_after__lte=now) | Q(
        status=Job.Status.RUNNING, lease_expires_at__lt=now
    )
    taken = Job.objects.filter(claimable, pk=job_id).update(
        status=Job.Status.RUNNING,
        lease_expires_at=now + datetime.timedelta(seconds=lease_seconds),
        attempts=F("attempts") + 1,
    )
    return Job.objects.get(pk=job_id) if taken else None


def mark_done(job: Job) -> None:
    Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.DONE,
        finished_at=timezone.now(),
        lease_expires_at=None,
        last_error="",
    )


def mark_failed(job: Job, error: str) -> None:
    """The job failed for good: it is never run again unless staff ask."""
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED,
        finished_at=timezone.now(),
        lease_expires_at=None,
        last_error=error[-5000:],
    )


def backoff(attempts: int) -> datetime.timedelta:
    """10 s, 20 s, 40 s ... capped at an hour."""
    return datetime.timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))


def mark_retry(job: Job, error: str) -> None:
    """Put the job back, due after a backoff, or fail it after the last attempt.

    A job whose dedupe key another job has taken meanwhile (a change made while this
    one ran: the debounce's next run) is not put back: that pending job does the same
    work, so this one is closed as done, with a note of why.
    """
    if job.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        mark_failed(job, error)
        return
    try:
        with transaction.atomic():
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.PENDING,
                run_after=timezone.now() + backoff(job.attempts),
                lease_expires_at=None,
                dispatched_at=None,
                last_error=error[-5000:],
            )
    except IntegrityError:  # one pending job per dedupe key: another one is waiting
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE,
            finished_at=timezone.now(),
            lease_expires_at=None,
            last_error=(
                f"{error[-4000:]}\nNot retried: a newer job with the same key "
                f"({job.dedupe_key}) is pending and does this work."
            ),
        )
        logger.info("job %s superseded by the pending job of key %s", job.pk, job.dedupe_key)
        return
    transaction.on_commit(partial(dispatch, job.pk), robust=True)


def requeue(jobs) -> int:
    """Run finished or failed jobs again now (staff's "run again"); returns how many."""
    count = 0
    for job in jobs.exclude(status=Job.Status.RUNNING):
        if (
            job.dedupe_key
            and Job.objects.filter(dedupe_key=job.dedupe_key, status=Job.Status.PENDING)
            .exclude(pk=job.pk)
            .exists()
        ):
            continue  # an equivalent job is already waiting
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.PENDING,
            run_after=timezone.now(),
            attempts=0,
            dispatched_at=None,
            finished_at=None,
        )
        transaction.on_commit(partial(dispatch, job.pk), robust=True)
        count += 1
    return count


def sweep() -> int:
    """Recover lost work: expired leases back to pending, due jobs re-dispatched.

    Returns how many jobs were dispatched.
    """
    now = timezone.now()
    lost = Job.objects.filter(status=Job.Status.RUNNING, lease_expires_at__lt=now)
    for job in lost:
        try:
            mark_retry(job, "The worker's lease expired (worker lost or killed).")
        except Exception:  # one bad row must not stop the sweep of all the others
            logger.exception("lost job %s could not be put back; swept again later", job.pk)
    stale = now - datetime.timedelta(seconds=settings.OUTBOX_REDISPATCH_SECONDS)
    due = Job.objects.filter(status=Job.Status.PENDING, run_after__lte=now).filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=stale)
    )
    sent = 0
    for job_id in due.values_list("pk", flat=True)[:500]:
        sent += dispatch(job_id)
    return sent


class OutboxTask(Task):
    """Base class of every background task: the message carries only a Job id.

    The task function itself takes the job's keyword arguments (ids), re-fetches what
    it needs and calls one service.
    """

    # Errors that retrying cannot mend, in addition to PermanentJobError.
    permanent_errors: tuple[type[BaseException], ...] = ()

    def lease_seconds(self) -> float:
        limit = self.time_limit or settings.CELERY_TASK_TIME_LIMIT
        return limit + settings.OUTBOX_LEASE_MARGIN_SECONDS

    def __call__(self, job_id: int):
        job = claim(job_id, lease_seconds=self.lease_seconds())
        if job is None:
            logger.info("job %s already claimed, done or not due: skipped", job_id)
            return None
        try:
            result = self.run(**job.kwargs)
        except (PermanentJobError, *self.permanent_errors) as exc:
            logger.error("job %s (%s) failed for good: %s", job.pk, job.task, exc)
            mark_failed(job, f"{type(exc).__name__}: {exc}")
        except Exception:  # SoftTimeLimitExceeded included: retried with backoff
            logger.exception("job %s (%s) failed, will retry", job.pk, job.task)
            mark_retry(job, traceback.format_exc())
        else:
            mark_done(job)
            return result
        return None
