"""Redis (broker and cache) down or hung while a delegate submits a statement.

Real processes: gunicorn (2 sync workers), a celery worker and celery beat, all on a
redis-server of the test's own (another port), which the test stops or freezes; nothing
else is touched. The promise: the statement is saved, the delegate sees success and no
request fails or hangs; once Redis is back, the work the statement needs (text
extraction, receipts) is done by the worker without anyone acting, each job once.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
import uuid

import pytest

from events.models import Job
from events.tests.factories import PASSWORD, DelegationFactory
from specialmeeting.testing import (
    BeatProcess,
    GunicornProcess,
    HttpClient,
    RedisServer,
    WorkerProcess,
    sign_in,
    wait_for,
)
from statements.models import Statement, StatementFile
from statements.tests import files
from statements.tests.helpers import delegate, open_event

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A request while Redis is down gets its answer within this. Refused: at once; hung: one
# socket timeout of the broker (3 s) and one of the cache (1 s). Were each of the
# statement's jobs to wait its own timeout, it would take 10 s or more.
REQUEST_SECONDS = 9.0


class Site:
    """The site's processes on a Redis of their own, and what the test sent them."""

    def __init__(self, redis, web, worker, beat):
        self.redis, self.web, self.worker, self.beat = redis, web, worker, beat
        self.responses = []
        self.http = RecordingClient(self)

    def logs(self) -> str:
        return (
            "\n".join(
                f"--- {name} ---\n{process.log()[-4000:]}"
                for name, process in (("gunicorn", self.web), ("worker", self.worker))
            )
            + f"\n--- beat ---\n{self.beat.log()[-1500:]}"
        )


class RecordingClient(HttpClient):
    """Keeps every status the site answered, and how long it took."""

    def __init__(self, site: Site):
        super().__init__(site.web.base_url, timeout=60)
        self.site = site

    def request(self, method, path, **kwargs):
        started = time.monotonic()
        response = super().request(method, path, **kwargs)
        self.site.responses.append(
            (method, path, response.status, round(time.monotonic() - started, 2))
        )
        return response


@pytest.fixture
def site(worker_media_root, tmp_path):
    redis = RedisServer(tmp_path / "redis")
    env = {
        "REDIS_URL": redis.url(0),
        "CELERY_BROKER_URL": redis.url(0),
        "CACHE_KEY_PREFIX": f"faults-{uuid.uuid4().hex[:8]}",
        "MEDIA_ROOT": str(worker_media_root),
        # Beat sweeps often, so the test need not wait the production 30 s.
        "OUTBOX_SWEEP_SECONDS": "2",
        "OUTBOX_REDISPATCH_SECONDS": "5",
    }
    with contextlib.ExitStack() as stack:
        stack.enter_context(redis)
        web = GunicornProcess(tmp_path / "gunicorn.log", env=env, workers=2)
        worker = WorkerProcess(worker_media_root, tmp_path / "worker.log", env=env)
        beat = BeatProcess(tmp_path / "beat.log", env=env)
        for process in (worker, beat, web):  # gunicorn last: start() waits for it
            stack.enter_context(process)
        found = Site(redis, web, worker, beat)
        yield found
        sys.stdout.write(f"\n{found.logs()}\nresponses: {found.responses}\n")


def _submission(site: Site, delegation, title: str, words: str):
    """Submit a PDF statement through the form; returns (response, elapsed, pdf)."""
    client = site.http
    path = f"/my-delegation/delegations/{delegation.pk}/submit/"
    page = client.get(path)
    assert page.status == 200, page.text[:2000]
    pdf = files.text_pdf(words)
    started = time.monotonic()
    response = client.post(
        path,
        {"title": title, "language": "en", "placement": "", "delivered_by": ""},
        files={"file": ("statement.pdf", pdf, "application/pdf")},
    )
    return response, time.monotonic() - started, pdf


def _saved_and_shown(site: Site, response, title: str, pdf: bytes) -> Statement:
    """The delegate was sent to the statement's page, which says it was submitted."""
    assert response.status == 302, response.text[:3000]
    assert response.location.startswith("/my-delegation/statements/")
    page = site.http.get(response.location)
    assert page.status == 200
    assert "Your statement was submitted." in page.text
    statement = Statement.objects.get(title=title)
    stored = statement.language_versions.get().current_file
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    with stored.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == stored.sha256
    return statement


def _jobs_of(statement: Statement):
    stored = statement.language_versions.get().current_file
    extract = Job.objects.get(task="statements.extract_text", kwargs={"file_id": stored.pk})
    receipts = Job.objects.filter(
        task="events.send_mail", kwargs__template="statements/mail/receipt"
    ).filter(kwargs__context__statement_title=statement.title)
    return extract, list(receipts)


def _all_done(jobs):
    def check():
        fresh = [Job.objects.get(pk=job.pk) for job in jobs]
        failed = [j for j in fresh if j.status == Job.Status.FAILED]
        assert not failed, [j.last_error for j in failed]
        return fresh if all(j.status == Job.Status.DONE for j in fresh) else None

    return check


def _waiting_in_the_outbox(statement: Statement) -> list[Job]:
    """Nothing reached the broker: every job of the statement waits for the sweeper."""
    extract, receipts = _jobs_of(statement)
    assert receipts, "a receipt goes to the delegation's focal points"
    jobs = [extract, *receipts]
    assert all(j.status == Job.Status.PENDING for j in jobs)
    assert all(j.dispatched_at is None for j in jobs)
    return jobs


def _processed_once_redis_is_back(jobs: list[Job], words: str) -> None:
    extract = jobs[0]
    # Nobody acts: beat's sweeper sends them and the worker runs each once.
    done = wait_for(_all_done(jobs), timeout=90, what="the statement's jobs after Redis is back")
    assert all(j.attempts == 1 for j in done), [(j.task, j.attempts) for j in done]
    stored = StatementFile.objects.get(pk=extract.kwargs["file_id"])
    assert stored.text_status == StatementFile.TextStatus.DONE
    assert words in stored.text
    # The staff digest waits its five minutes, as it does when Redis is up.
    digest = Job.objects.get(task="statements.send_staff_digest")
    assert digest.status == Job.Status.PENDING


def _no_server_errors(site: Site) -> None:
    assert not [r for r in site.responses if r[2] >= 500], site.responses
    assert '" 500 ' not in site.web.log()


def test_statement_submitted_while_redis_is_down_is_processed_once_it_is_back(site):
    delegation = DelegationFactory(event=open_event())
    user = delegate(delegation)
    assert site.http.get("/").status == 200

    site.redis.stop()
    # Public pages, sign-in (rate limits live in the cache) and the upload all work.
    assert site.http.get("/").status == 200
    sign_in(site.http, user.email, PASSWORD)
    words = "Redis was down when this statement arrived"
    response, elapsed, pdf = _submission(site, delegation, "Sent while Redis was down", words)
    statement = _saved_and_shown(site, response, "Sent while Redis was down", pdf)
    assert elapsed < REQUEST_SECONDS, f"the submission took {elapsed:.1f} s"

    jobs = _waiting_in_the_outbox(statement)
    site.redis.start()
    _processed_once_redis_is_back(jobs, words)
    _no_server_errors(site)


def test_statement_submitted_while_redis_hangs_is_processed_once_it_answers(site):
    delegation = DelegationFactory(event=open_event())
    user = delegate(delegation)
    sign_in(site.http, user.email, PASSWORD)
    assert site.http.get("/my-delegation/").status == 200

    # Frozen: connections are accepted and never answered, so every client times out.
    site.redis.pause()
    words = "Redis did not answer when this statement arrived"
    response, elapsed, pdf = _submission(site, delegation, "Sent while Redis hung", words)
    statement = _saved_and_shown(site, response, "Sent while Redis hung", pdf)
    assert elapsed < REQUEST_SECONDS, f"the submission took {elapsed:.1f} s"
    assert site.http.get("/").status == 200

    jobs = _waiting_in_the_outbox(statement)
    site.redis.resume()
    _processed_once_redis_is_back(jobs, words)
    _no_server_errors(site)
