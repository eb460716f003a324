"""bench/faults: the site under load while its worker is killed and its Redis restarted.

    .venv/bin/python bench/faults/run.py                # 60 s of load, about 3 minutes in all
    .venv/bin/python bench/faults/run.py --seconds 20   # a shorter run
    (--readers 50 --uploaders 5 --postgres postgres://postgres@127.0.0.1:5432 --settle 180)

It needs a local PostgreSQL server where it may create a database (psql), redis-server,
and the virtualenv of `make test` (requirements-dev.txt: it uses the test helpers of
specialmeeting/testing.py). One command, on loopback only, sets everything up and
removes it again:

1. a PostgreSQL database of its own (created on the local server, ``--postgres``, and
   dropped at the end), ``migrate``, ``collectstatic`` and ``load_demo``; a Redis server
   of its own on a free port; nothing shared is touched;
2. gunicorn (2 sync workers), a celery worker (2 processes) and celery beat, as
   subprocesses, on the production settings (DEBUG off) with short task time limits
   (faults_settings.py), so that work lost with a killed worker is taken over within
   half a minute instead of the production five minutes and a half;
3. for ``--seconds``: 50 readers fetch the public pages and every PDF those pages link,
   5 uploaders signed in as the demo delegates submit PDF statements through the form
   (CSRF and all), and CTED staff (this process, through the services) publish a revised
   programme every 10 s, so the worker renders the annotated agenda again and again;
4. meanwhile the worker is killed (SIGKILL, with its pool) twice, each time while it
   renders, and started again 2 s later; and Redis is stopped and started again once
   (down 3 s, losing every queued message);
5. once the load stops, it waits for the outbox to finish the work, then checks and
   prints: every accepted upload is stored with the sha256 of what was sent and its text
   extracted and receipts sent; every render finished, with no duplicate version; no
   request got a 5xx or lost its connection; every PDF body served during the run is
   the version's file (its sha256), opens (pypdfium2) and has the version's page count;
   a PDF link that answered 404 was to a version replaced since its page was fetched
   (only the newest version of a language is public).

Results go to bench/results/faults-<time>.json (not versioned); the exit status is 0
when every check passes. The run's folder (logs) is kept when a check fails.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import hashlib
import http.client
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
for _path in (str(BASE_DIR), str(BENCH_DIR)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from specialmeeting.testing import (  # noqa: E402 - after the path is set
    BeatProcess,
    GunicornProcess,
    HttpClient,
    RedisServer,
    WorkerProcess,
    sign_in,
)

DEMO_PASSWORD = "demo-delegate-2016"  # noqa: S105 - the demo's, printed by load_demo
PDF_LINK = re.compile(r'href="(/files/document/(\d+)/[^"]+\.pdf)"')
STAFF_EVERY_SECONDS = 10.0
WORKER_DOWN_SECONDS = 2.0
REDIS_DOWN_SECONDS = 3.0


def bench_env(var_dir: Path, database_url: str, redis_url: str) -> dict[str, str]:
    """The environment of this process and of every process it starts."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "faults_settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "ACCOUNT_DEFAULT_HTTP_PROTOCOL": "http",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "STATIC_ROOT": str(var_dir / "static"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CACHE_KEY_PREFIX": "bench-faults",
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(var_dir / "mail"),
        # The sweeper runs often and lost messages are sent again soon: the run is short.
        "OUTBOX_SWEEP_SECONDS": "5",
        "OUTBOX_REDISPATCH_SECONDS": "15",
        "OUTBOX_LEASE_MARGIN_SECONDS": "5",
        "PYTHONPATH": os.pathsep.join([str(BASE_DIR), str(BENCH_DIR)]),
    }


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- What the clients saw ----------------------------------------------------------------


class Record:
    """Everything the readers and uploaders saw, shared by their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.seconds: dict[str, list[float]] = collections.defaultdict(list)
        self.connection_errors: list[str] = []
        self.server_errors: list[str] = []
        # The PDF links each page showed when it was last fetched (path -> version id).
        self.pdf_links: dict[str, dict[str, int]] = {}
        self.pdf_not_found: collections.Counter = collections.Counter()
        self.pdf_fetches = 0
        self.pdf_bodies: dict[tuple[int, str], bytes] = {}
        self.pdf_served: collections.Counter = collections.Counter()
        self.accepted: list[dict] = []
        self.refused: list[str] = []

    def response(self, kind: str, method: str, path: str, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[kind][status] += 1
            self.seconds[kind].append(seconds)
            if status >= 500:
                self.server_errors.append(f"{method} {path} {status}")

    def error(self, kind: str, method: str, path: str, exc: Exception) -> None:
        with self.lock:
            self.statuses[kind]["connection error"] += 1
            self.connection_errors.append(f"{method} {path}: {type(exc).__name__}: {exc}")

    def links(self, page: str, html: str) -> None:
        found = {m.group(1): int(m.group(2)) for m in PDF_LINK.finditer(html)}
        with self.lock:
            self.pdf_links[page] = found

    def pdf(self, version_id: int, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()
        with self.lock:
            self.pdf_fetches += 1
            self.pdf_served[(version_id, digest)] += 1
            self.pdf_bodies.setdefault((version_id, digest), body)


def timed(record: Record, kind: str, method: str, path: str, send, *args, **kwargs):
    """``send(*args, **kwargs)``; record its status and time, or its connection error."""
    started = time.monotonic()
    try:
        response = send(*args, **kwargs)
    except (OSError, http.client.HTTPException) as exc:
        record.error(kind, method, path, exc)
        return None
    record.response(kind, method, path, response.status, time.monotonic() - started)
    return response


def reader(record: Record, base_url: str, pages: list[str], stop: threading.Event) -> None:
    client = HttpClient(base_url, timeout=120)
    chance = random.Random()  # noqa: S311 - a load pattern, not a secret
    while not stop.is_set():
        with record.lock:
            links = sorted(
                {(k, v) for found in record.pdf_links.values() for k, v in found.items()}
            )
        if links and chance.random() < 0.3:
            path, version_id = chance.choice(links)
            response = timed(record, "pdf", "GET", path, client.get, path)
            if response is not None and response.status == 200:
                record.pdf(version_id, response.body)
            elif response is not None and response.status == 404:
                with record.lock:
                    record.pdf_not_found[version_id] += 1
        else:
            page = chance.choice(pages)
            response = timed(record, "page", "GET", page, client.get, page)
            if response is not None and response.status == 200:
                record.links(page, response.text)


def uploader(
    record: Record, base_url: str, number: int, account: dict, stop: threading.Event
) -> None:
    from pypdf import PdfReader, PdfWriter

    base = PdfReader(io.BytesIO(account["pdf"]))
    client = HttpClient(base_url, timeout=120)
    path = f"/my-delegation/delegations/{account['delegation_id']}/submit/"
    sent = 0
    signed_in = False
    while not stop.is_set():
        if not signed_in:
            try:
                sign_in(client, account["email"], DEMO_PASSWORD)
                signed_in = True
            except (AssertionError, OSError, http.client.HTTPException) as exc:
                record.error("sign-in", "POST", "/accounts/login/", exc)
                time.sleep(1)
                continue
        sent += 1
        title = f"SAMPLE bench statement {number}-{sent}"
        writer = PdfWriter(clone_from=base)
        writer.add_metadata({"/Title": title})
        buffer = io.BytesIO()
        writer.write(buffer)
        pdf = buffer.getvalue()
        if timed(record, "upload form", "GET", path, client.get, path) is None:
            continue
        response = timed(
            record,
            "upload",
            "POST",
            path,
            client.post,
            path,
            {"title": title, "language": "en", "placement": ""},
            files={"file": ("statement.pdf", pdf, "application/pdf")},
        )
        if response is None:
            continue
        if response.status == 302 and response.location.startswith("/my-delegation/statements/"):
            statement_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
            with record.lock:
                record.accepted.append(
                    {
                        "statement_id": statement_id,
                        "title": title,
                        "sha256": hashlib.sha256(pdf).hexdigest(),
                    }
                )
        elif response.status < 500:
            errors = re.findall(r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)<', response.text)
            with record.lock:
                record.refused.append(f"{response.status} {title}: {errors[:2]}")


class Staff:
    """CTED staff publishing a revised programme, through the service admin calls."""

    def __init__(self, event):
        from django.contrib.auth import get_user_model

        from agenda.models import AgendaItem

        self.event = event
        self.user = get_user_model().objects.get(email="cted.staff@example.org")
        self.item_id = (
            AgendaItem.objects.filter(session__event=event)
            .order_by("pk")
            .values_list("pk", flat=True)[0]
        )
        self.lock = threading.Lock()
        self.published = 0
        self.refused: list[str] = []

    def publish(self) -> None:
        from django.core.exceptions import ValidationError
        from django.db import transaction

        from agenda import services
        from agenda.models import AgendaItem

        with self.lock, transaction.atomic():
            self.published += 1
            AgendaItem.objects.filter(pk=self.item_id).update(
                annotation_en=f"SAMPLE annotation, revision {self.published} of the bench."
            )
            try:
                services.agenda_publish(event=self.event, label="revised", user=self.user)
            except ValidationError as exc:
                self.refused.append("; ".join(exc.messages))

    def run(self, stop: threading.Event) -> None:
        from django.db import close_old_connections

        try:
            while not stop.wait(STAFF_EVERY_SECONDS):
                self.publish()
        finally:
            close_old_connections()


# --- The run -------------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.var_dir = Path(tempfile.mkdtemp(prefix="bench-faults-"))
        self.database = f"bench_faults_{os.getpid()}"
        self.redis = RedisServer(self.var_dir / "redis")
        self.env: dict[str, str] = {}
        self.web = self.worker = self.beat = None
        self.faults: list[dict] = []

    # Set-up and tear-down

    def setup(self) -> list[dict]:
        self.redis.start()
        server = self.args.postgres.rstrip("/")
        subprocess.run(
            ["psql", f"{server}/postgres", "-q", "-c", f'CREATE DATABASE "{self.database}"'],
            check=True,
        )
        self.env = bench_env(self.var_dir, f"{server}/{self.database}", self.redis.url(0))
        manage(self.env, "migrate", "--noinput", "-v0")
        manage(self.env, "collectstatic", "--noinput", "-v0")
        demo = manage(self.env, "load_demo")
        emails = re.findall(rf"^\s+(\S+@\S+)\s+{re.escape(DEMO_PASSWORD)}\s", demo, re.M)
        os.environ.update(self.env)
        import django

        django.setup()
        return self.accounts(emails)

    def accounts(self, emails: list[str]) -> list[dict]:
        from events.demo import EVENT_2016_SLUG
        from events.models import Event, Membership
        from statements.demo import sample_pdf

        event = Event.objects.get(slug=EVENT_2016_SLUG)
        pdf = sample_pdf(["SAMPLE written statement of the fault benchmark", "", *["Text."] * 30])
        found = []
        for email in emails:
            membership = Membership.objects.filter(
                user__email=email, delegation__event=event, status=Membership.Status.APPROVED
            ).first()
            if membership is not None:
                found.append(
                    {"email": email, "delegation_id": membership.delegation_id, "pdf": pdf}
                )
        if not found:
            raise RuntimeError(
                f"load_demo printed no delegate account with a delegation:\n{emails}"
            )
        return found

    def start_processes(self) -> None:
        media = self.var_dir / "media"
        logs = self.var_dir / "logs"
        logs.mkdir()
        self.worker = WorkerProcess(media, logs / "worker.log", base_env=self.env, concurrency=2)
        self.beat = BeatProcess(logs / "beat.log", base_env=self.env)
        self.web = GunicornProcess(logs / "gunicorn.log", base_env=self.env, workers=2)
        self.worker.start()
        self.beat.start()
        self.web.start()

    def teardown(self, keep: bool) -> None:
        for process in (self.web, self.beat, self.worker, self.redis):
            if process is not None:
                process.stop()
        from django.conf import settings

        if settings.configured:
            from django.db import connections

            connections.close_all()  # DROP DATABASE waits for no one
        server = self.args.postgres.rstrip("/")
        subprocess.run(
            ["psql", f"{server}/postgres", "-q", "-c",
             f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'],
            check=False,
        )  # fmt: skip
        if keep:
            print(f"Logs and files kept in {self.var_dir}")
        else:
            shutil.rmtree(self.var_dir, ignore_errors=True)

    # Faults

    def kill_worker_mid_render(self, staff: Staff, started: float) -> None:
        from events.models import Job
        from events.rendering import RENDER_TASK

        # Jobs of a worker killed before hold a lease still: not a render in progress.
        dead = [f["render_job_running"] for f in self.faults if f.get("render_job_running")]
        staff.publish()
        deadline = time.monotonic() + 15
        running = None
        while time.monotonic() < deadline:
            running = (
                Job.objects.filter(task=RENDER_TASK, status=Job.Status.RUNNING)
                .exclude(pk__in=dead)
                .values_list("pk", flat=True)
                .first()
            )
            if running:
                break
            time.sleep(0.01)
        self.worker.kill()
        self.faults.append(
            {
                "fault": "worker killed (SIGKILL)",
                "at_s": round(time.monotonic() - started, 1),
                "render_job_running": running,
            }
        )
        time.sleep(WORKER_DOWN_SECONDS)
        self.worker.start()

    def restart_redis(self, started: float) -> None:
        self.redis.stop()
        at = time.monotonic() - started
        time.sleep(REDIS_DOWN_SECONDS)
        self.redis.start()
        self.faults.append(
            {
                "fault": "Redis stopped and started",
                "at_s": round(at, 1),
                "down_s": REDIS_DOWN_SECONDS,
            }
        )

    # Load

    def pages(self) -> list[str]:
        from django.urls import reverse, translate_url

        from events.demo import EVENT_2016_SLUG

        slug = EVENT_2016_SLUG
        english = [
            reverse("events:index"),
            reverse("events:home", args=[slug]),
            reverse("events:documents", args=[slug]),
            reverse("agenda:programme", args=[slug]),
            reverse("agenda:panellists", args=[slug]),
            reverse("statements:list", args=[slug]),
        ]
        return english + [translate_url(path, "fr") for path in english[:4]]

    def run(self, accounts: list[dict]) -> tuple[Record, Staff, float]:
        from events.demo import EVENT_2016_SLUG
        from events.models import Event

        record = Record()
        pages = self.pages()
        for path in pages:  # warm up: every gunicorn worker imports and connects
            client = HttpClient(self.web.base_url)
            timed(record, "warm-up", "GET", path, client.get, path)
        staff = Staff(Event.objects.get(slug=EVENT_2016_SLUG))
        stop = threading.Event()
        threads = [
            threading.Thread(target=reader, args=(record, self.web.base_url, pages, stop))
            for _ in range(self.args.readers)
        ]
        threads += [
            threading.Thread(
                target=uploader,
                args=(record, self.web.base_url, n + 1, accounts[n % len(accounts)], stop),
            )
            for n in range(self.args.uploaders)
        ]
        threads.append(threading.Thread(target=staff.run, args=(stop,)))
        seconds = self.args.seconds
        started = time.monotonic()
        for thread in threads:
            thread.start()
        schedule = [
            (0.25, lambda: self.kill_worker_mid_render(staff, started)),
            (0.50, lambda: self.restart_redis(started)),
            (0.75, lambda: self.kill_worker_mid_render(staff, started)),
        ]
        try:
            for fraction, fault in schedule:
                time.sleep(max(0.0, started + fraction * seconds - time.monotonic()))
                fault()
                print(f"  {self.faults[-1]}")
            time.sleep(max(0.0, started + seconds - time.monotonic()))
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=180)
        return record, staff, time.monotonic() - started

    def settle(self, timeout: float) -> float:
        """Wait until the outbox has no work left but the staff digest (due in minutes)."""
        from events.models import Job

        started = time.monotonic()
        while time.monotonic() - started < timeout:
            outstanding = (
                Job.objects.filter(status__in=[Job.Status.PENDING, Job.Status.RUNNING])
                .exclude(task="statements.send_staff_digest")
                .count()
            )
            if not outstanding:
                break
            time.sleep(1)
        return time.monotonic() - started


# --- Checks ------------------------------------------------------------------------------


def check_uploads(record: Record) -> dict:
    from django.core.files.storage import default_storage

    from events.models import Job
    from statements.models import Statement, StatementFile

    stored_ok, text_done, problems = 0, 0, []
    for upload in record.accepted:
        statement = Statement.objects.filter(
            pk=upload["statement_id"], title=upload["title"]
        ).first()
        if statement is None:
            problems.append(f"{upload['title']}: accepted but not saved")
            continue
        current = statement.language_versions.get().current_file
        with default_storage.open(current.file.name, "rb") as handle:
            on_disk = hashlib.sha256(handle.read()).hexdigest()
        if current.sha256 == upload["sha256"] == on_disk:
            stored_ok += 1
        else:
            problems.append(f"{upload['title']}: sha256 sent {upload['sha256']}, stored {on_disk}")
        if current.text_status == StatementFile.TextStatus.DONE:
            text_done += 1
        else:
            problems.append(f"{upload['title']}: text {current.text_status}")
    titles = {u["title"] for u in record.accepted}
    saved = Statement.objects.filter(title__startswith="SAMPLE bench statement").count()
    receipts = Job.objects.filter(
        task="events.send_mail", kwargs__template="statements/mail/receipt"
    )
    receipts_done = receipts.filter(status=Job.Status.DONE).count()
    return {
        "sent": sum(record.statuses["upload"].values()),
        "accepted": len(record.accepted),
        "refused": record.refused,
        "saved_in_database": saved,
        "saved_but_not_acknowledged": saved - len(titles),
        "stored_with_right_sha256": stored_ok,
        "text_extracted": text_done,
        "receipts": receipts.count(),
        "receipts_sent": receipts_done,
        "problems": problems[:20],
    }


def check_renders(started_at: datetime.datetime) -> dict:
    from django.db.models import Count

    from events.models import Document, DocumentVersion, Job
    from events.rendering import RENDER_TASK

    jobs = Job.objects.filter(task=RENDER_TASK, created_at__gte=started_at)
    by_status = collections.Counter(jobs.values_list("status", flat=True))
    rendered = DocumentVersion.objects.filter(
        source=DocumentVersion.Source.RENDERED, created_at__gte=started_at
    )
    duplicates = list(
        DocumentVersion.objects.filter(source=DocumentVersion.Source.RENDERED)
        .values("document_id", "language", "is_draft", "input_hash")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    rendered_ids = {job.kwargs["document_id"] for job in jobs}
    documents = Document.objects.filter(pk__in=rendered_ids)
    return {
        "jobs": jobs.count(),
        "jobs_by_status": dict(by_status),
        "retried_jobs": jobs.filter(attempts__gt=1).count(),
        "versions_made": rendered.count(),
        "duplicate_versions": duplicates,
        "documents_not_ready": [
            f"{d.pk} {d.generator} {d.render_status} {d.render_error[:200]}"
            for d in documents
            if d.render_status != Document.RenderStatus.READY
        ],
    }


def check_pdfs(record: Record) -> dict:
    import pypdfium2

    from events.models import DocumentVersion

    broken = []
    sound_fetches = 0
    for (version_id, digest), body in record.pdf_bodies.items():
        version = DocumentVersion.objects.filter(pk=version_id).first()
        problem = None
        if version is None:
            problem = "no such version"
        elif digest != version.sha256:
            problem = f"{len(body)} bytes whose sha256 is not the version's ({version.size} bytes)"
        else:
            try:
                pdf = pypdfium2.PdfDocument(body)
                try:
                    if len(pdf) != version.page_count:
                        problem = f"{len(pdf)} pages, the version has {version.page_count}"
                finally:
                    pdf.close()
            except pypdfium2.PdfiumError as exc:
                problem = f"does not open: {exc}"
        if problem:
            broken.append(
                f"version {version_id}: {problem} ({record.pdf_served[(version_id, digest)]}×)"
            )
        else:
            sound_fetches += record.pdf_served[(version_id, digest)]
    # A page links the newest version of each language; one fetched just before a new
    # version was published links one that is no longer public (404 by design).
    replaced, missing = 0, []
    for version_id, count in record.pdf_not_found.items():
        version = DocumentVersion.objects.filter(pk=version_id).first()
        newest = (
            DocumentVersion.objects.filter(
                document=version.document_id, language=version.language, is_draft=False
            )
            .order_by("-created_at", "-pk")
            .first()
            if version is not None
            else None
        )
        if newest is not None and newest.pk != version_id:
            replaced += count
        else:
            missing.append(f"version {version_id}: 404 but not replaced ({count}×)")
    return {
        "fetched": record.pdf_fetches,
        "distinct_bodies": len(record.pdf_bodies),
        "sound": sound_fetches,
        "broken": broken,
        "replaced_404": replaced,
        "missing": missing,
    }


def check_jobs() -> dict:
    from events.models import Job

    counts = collections.Counter(Job.objects.values_list("task", "status"))
    failed = list(
        Job.objects.filter(status=Job.Status.FAILED).values("pk", "task", "last_error")[:10]
    )
    return {
        "by_task_and_status": {
            f"{task} {status}": n for (task, status), n in sorted(counts.items())
        },
        "failed": [{**f, "last_error": f["last_error"][-300:]} for f in failed],
    }


def check_faults(faults: list[dict]) -> None:
    """Each render that was running when its worker was killed was done after all."""
    from events.models import Job

    for fault in faults:
        job_id = fault.get("render_job_running")
        if job_id:
            job = Job.objects.get(pk=job_id)
            outcome = f"{job.status}, attempts {job.attempts}"
            if "a newer job with the same key" in job.last_error:
                outcome += ", its work done by the newer render of the same document"
            fault["render_job_after"] = outcome


def report(bench: Bench, record: Record, staff: Staff, results: dict) -> bool:
    args = bench.args
    statuses = {kind: dict(counter) for kind, counter in record.statuses.items()}
    requests = sum(
        sum(v for k, v in c.items() if k != "connection error") for c in record.statuses.values()
    )
    latency = {
        kind: {
            "p50_ms": round(1000 * statistics.median(values), 1),
            "p99_ms": round(1000 * percentile(values, 0.99), 1),
        }
        for kind, values in record.seconds.items()
        if values
    }
    uploads, renders, pdfs = results["uploads"], results["renders"], results["pdfs"]
    print()
    print(
        f"bench/faults: {results['run_s']:.0f} s, {args.readers} readers, {args.uploaders} "
        f"uploaders, gunicorn 2 sync workers, PostgreSQL + Redis, {os.cpu_count()} CPUs"
    )
    for fault in bench.faults:
        print(f"  fault: {fault}")
    print(f"  settled {results['settle_s']:.1f} s after the load stopped")
    print(f"requests: {requests} answered; by kind and status: {statuses}")
    print(f"latency: {latency}")
    print(
        f"uploads: {uploads['accepted']} accepted of {sum(record.statuses['upload'].values())} "
        f"sent; {uploads['stored_with_right_sha256']} stored with the right sha256; "
        f"{uploads['text_extracted']} texts extracted; receipts {uploads['receipts_sent']}/"
        f"{uploads['receipts']} sent; refused {len(uploads['refused'])}; saved but not "
        f"acknowledged {uploads['saved_but_not_acknowledged']}"
    )
    print(
        f"renders: {staff.published} programme publications, {renders['jobs']} render jobs "
        f"{renders['jobs_by_status']} ({renders['retried_jobs']} retried), "
        f"{renders['versions_made']} versions made, duplicates {len(renders['duplicate_versions'])}"
    )
    print(
        f"PDFs served: {pdfs['fetched']} bodies ({pdfs['distinct_bodies']} distinct), "
        f"{pdfs['sound']} sound, broken {len(pdfs['broken'])}; 404 for a version replaced "
        f"since the page was fetched {pdfs['replaced_404']}, for another reason "
        f"{len(pdfs['missing'])}"
    )
    checks = {
        "every accepted upload stored with the right sha256": uploads["accepted"] > 0
        and uploads["stored_with_right_sha256"] == uploads["accepted"],
        "every accepted upload's text extracted and receipts sent": uploads["text_extracted"]
        == uploads["accepted"]
        and uploads["receipts_sent"] == uploads["receipts"],
        "no upload refused, none saved unacknowledged": not uploads["refused"]
        and uploads["saved_but_not_acknowledged"] == 0,
        "every render finished, none failed": renders["jobs"] > 0
        and set(renders["jobs_by_status"]) == {"done"}
        and not renders["documents_not_ready"],
        "no duplicate version": not renders["duplicate_versions"],
        "the renders running at each kill were done after all": all(
            f.get("render_job_after", "done").startswith("done") for f in bench.faults
        ),
        "no request got a 5xx": not record.server_errors,
        "no connection lost": not record.connection_errors,
        "every PDF served was whole and sound": pdfs["fetched"] > 0
        and pdfs["sound"] == pdfs["fetched"],
        "every PDF link answered but those of replaced versions": not pdfs["missing"],
        "no job failed": not results["jobs"]["failed"],
    }
    for what, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {what}")
    for name, items in (
        ("5xx", record.server_errors),
        ("connection errors", record.connection_errors),
        ("refused uploads", uploads["refused"]),
        ("upload problems", uploads["problems"]),
        ("broken PDFs", pdfs["broken"]),
        ("PDF links not found", pdfs["missing"]),
        ("documents not ready", renders["documents_not_ready"]),
        ("duplicate versions", renders["duplicate_versions"]),
        ("failed jobs", results["jobs"]["failed"]),
    ):
        if items:
            print(f"  {name}: {items[:10]}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"faults-{stamp}.json"
    summary = {
        "arguments": vars(args),
        "faults": bench.faults,
        "statuses": statuses,
        "latency": latency,
        "server_errors": record.server_errors,
        "connection_errors": record.connection_errors[:50],
        "programme_publications": staff.published,
        **results,
        "checks": checks,
    }
    path.write_text(json.dumps(summary, indent=2, default=str))
    print(f"Written to {path.relative_to(BASE_DIR)}")
    return all(checks.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long the load lasts")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--uploaders", type=int, default=5)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server where the bench creates (and drops) its database",
    )
    parser.add_argument("--settle", type=int, default=180, help="longest wait for the outbox")
    args = parser.parse_args()

    bench = Bench(args)
    passed = False
    try:
        print(
            f"Setting up in {bench.var_dir}: database {bench.database}, "
            f"Redis on port {bench.redis.port}"
        )
        accounts = bench.setup()
        bench.start_processes()
        print(
            f"Running {args.seconds} s: {args.readers} readers, {args.uploaders} uploaders "
            f"({', '.join(a['email'] for a in accounts)}), staff publishing every "
            f"{STAFF_EVERY_SECONDS:.0f} s"
        )
        from django.utils import timezone

        started_at = timezone.now()
        record, staff, run_s = bench.run(accounts)
        print("Load stopped; waiting for the outbox to finish the work")
        settle_s = bench.settle(args.settle)
        check_faults(bench.faults)
        results = {
            "run_s": run_s,
            "settle_s": settle_s,
            "uploads": check_uploads(record),
            "renders": check_renders(started_at),
            "pdfs": check_pdfs(record),
            "jobs": check_jobs(),
        }
        passed = report(bench, record, staff, results)
    finally:
        bench.teardown(keep=not passed)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
