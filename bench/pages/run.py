"""bench/pages: how fast the public pages are served, cached and uncached.

    make bench-pages                                   # the whole benchmark (~4 minutes)
    .venv/bin/python bench/pages/run.py --seconds 5    # shorter runs per page

One command sets everything up on this machine and tears it down again:

1. a PostgreSQL database of its own (created on the local server, dropped at the end)
   and a Redis server of its own on a free port (``specialmeeting.testing.RedisServer``:
   nothing shared is touched);
2. a realistic event: ``load_demo`` plus generated data, through the services staff and
   delegates use: 50 agenda items in a published programme, 40 panellists, 300 published
   statements, 20 documents; the annotated agenda's PDF rendered by the one renderer;
3. for each page (home, programme, panellists, statements list first page and a filtered
   search, a statement page, the annotated agenda PDF) the SQL queries per request,
   counted in this process with Django's test client, uncached and cached;
4. gunicorn (2 of the site's sync workers, gunicorn.conf.py; the production settings,
   DEBUG off) driven by ``wrk``
   (16 connections, 2 threads) for each page, first with the page cache switched off
   (PAGE_CACHE_SECONDS=0), then on; beside each page, a static file of the same size
   served by the same stack (WhiteNoise in the same gunicorn);
5. requests/s, p50 and p99 latency (wrk), CPU milliseconds per request (the workers'
   user + system CPU time from /proc over the requests served), queries per request.

Results are printed as a table and written to bench/results/pages-<time>.json (not
versioned). Targets (issue 7): programme uncached at most 20 ms CPU per request, cached
at least half the requests/s of the static file; statements list (300 statements) at most
25 ms CPU uncached; p99 under 1 s everywhere at 16 connections.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
RESULTS_DIR = BASE_DIR / "bench" / "results"
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
EVENT = "ict-2016"
TARGETS = {"programme_uncached_cpu_ms": 20, "statements_uncached_cpu_ms": 25, "p99_ms": 1000}
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from specialmeeting.testing import RedisServer, free_port, wait_for  # noqa: E402 - after the path


def answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --- Stage 2 and 3, run in a child process with the bench environment ------------------


def populate() -> dict:
    """Generate the event's data through the services; return the pages to measure."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from agenda import services as agenda_services
    from agenda.models import AgendaItem, Person, RoleAssignment, Session
    from events import rendering
    from events import services as event_services
    from events.models import Delegation, Document, Event, Membership, Organisation
    from statements import services as statement_services
    from statements.demo import sample_pdf

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    event = Event.objects.get(slug=EVENT)
    staff = get_user_model().objects.get(email="cted.staff@example.org")
    started = time.monotonic()

    # The programme: 50 agenda items, 40 panellists with organisations.
    states = list(Organisation.objects.filter(kind="member_state").order_by("sort_order"))
    people = [
        Person.objects.create(
            honorific="Ms." if n % 2 else "Mr.",
            given_name="SAMPLE",
            family_name=f"Panellist {n:02d}",
            position_en="SAMPLE Head of Cybersecurity Policy",
            organisation=states[n],
            biography_en="SAMPLE biography. " * 20,
        )
        for n in range(40)
    ]
    items = AgendaItem.objects.filter(session__event=event).count()
    day = event.end_date
    n = 0
    while items < 50:
        session = Session.objects.create(
            event=event,
            kind="thematic",
            title_en=f"SAMPLE thematic session {n + 1}",
            date=day,
            start_time=datetime.time(9 + n % 8, 0),
            end_time=datetime.time(9 + n % 8, 50),
            room_en="Conference Room 2 (SAMPLE)",
            order=100 + n,
        )
        RoleAssignment.objects.create(
            session=session, person=people[n % 40], role="moderator", status="confirmed"
        )
        for k in range(5):
            item = AgendaItem.objects.create(
                session=session,
                title_en=f"SAMPLE item {items + 1}: international cooperation on ICTs",
                annotation_en="The panellists present *good practices*. " * 4,
                order=k + 1,
            )
            for m in range(2):
                RoleAssignment.objects.create(
                    item=item,
                    person=people[(items * 2 + m) % 40],
                    role="panellist",
                    status="confirmed",
                )
            items += 1
        n += 1
    agenda_services.agenda_publish(event=event, label="final", user=staff)

    # 20 documents, each with an English and a French PDF.
    pdf = sample_pdf(["SAMPLE document for the benchmark", "", *["Text of the document."] * 30])
    have = Document.objects.filter(event=event).count()
    for n in range(have, 20):
        document = Document.objects.create(
            event=event,
            kind="other",
            title_en=f"SAMPLE background document {n + 1}",
            distribution="general",
            published_at=datetime.datetime(2016, 11, 1, tzinfo=datetime.UTC),
            order=n,
        )
        for language in ("en", "fr"):
            upload = SimpleUploadedFile(f"doc-{language}.pdf", pdf, "application/pdf")
            event_services.document_version_create(
                document=document, language=language, uploaded_file=upload, user=staff
            )

    # 300 published statements from as many delegations. The first goes through the
    # services (upload check, storage, publication); the others are copies of its rows
    # with their own delegation, title, agenda item and search text (the upload check
    # and text extraction of 300 files would only slow the set-up down).
    from statements.models import LanguageVersion, Statement, StatementFile
    from statements.services import _refresh_search_text

    statement_pdf = sample_pdf(["SAMPLE written statement", "", *["Text."] * 40])
    items = list(AgendaItem.objects.filter(session__event=event).select_related("session"))
    model = None
    organisations = Organisation.objects.exclude(delegations__event=event).order_by("sort_order")
    for n, organisation in enumerate(organisations[:300]):
        delegation = Delegation.objects.create(event=event, organisation=organisation)
        item = items[n % len(items)]
        title = (
            f"SAMPLE statement {n + 1} of {organisation.name_en} on preventing the misuse of ICTs"
        )
        if model is None:
            user = get_user_model().objects.create_user(
                email="bench.delegate@example.org", password="bench-delegate-password"
            )
            Membership.objects.create(
                user=user, delegation=delegation, role="focal_point", status="approved"
            )
            model = statement_services.statement_submit(
                delegation=delegation,
                user=user,
                title=title,
                language="en",
                uploaded_file=SimpleUploadedFile("s.pdf", statement_pdf, "application/pdf"),
                delivered_by="SAMPLE Ambassador",
                agenda_item=item,
                now=event.statement_deadline - datetime.timedelta(days=1),  # before it
            )
            statement_services.statement_publish(statement=model, user=staff)
            model.refresh_from_db()
            model_version = model.language_versions.get()
            model_file = model_version.current_file
            continue
        statement = Statement.objects.create(
            event=event,
            delegation=delegation,
            agenda_item=item,
            session=item.session,
            title=title,
            delivered_by="SAMPLE Ambassador",
            status=Statement.Status.PUBLISHED,
            published_at=model.published_at,
            submitted_by=model.submitted_by,
        )
        version = LanguageVersion.objects.create(statement=statement, language="en")
        stored = StatementFile.objects.create(
            language_version=version,
            file=model_file.file.name,
            original_name=model_file.original_name,
            content_type=model_file.content_type,
            extension=model_file.extension,
            size=model_file.size,
            sha256=model_file.sha256,
            page_count=model_file.page_count,
            text=model_file.text,
            text_status=model_file.text_status,
        )
        version.current_file = stored
        version.save(update_fields=["current_file"])
        _refresh_search_text(version)
    generated = time.monotonic() - started

    # The annotated agenda PDF, rendered now (no worker in this benchmark).
    agenda = agenda_services.agenda_document(event=event)
    version = rendering.document_render(document_id=agenda.pk, language="en")
    return {
        "generated_s": round(generated, 1),
        "pages": measure_pages(event, version),
    }


def measure_pages(event, agenda_version) -> list[dict]:
    """The URLs, their sizes and their queries per request, uncached and cached."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from events.files import file_url
    from statements.models import Statement

    statement = Statement.objects.filter(event=event, status="published").order_by("pk").first()
    statements_url = reverse("statements:list", args=[event.slug])
    pages = [
        ("home", reverse("events:home", args=[event.slug])),
        ("programme", reverse("agenda:programme", args=[event.slug])),
        ("panellists", reverse("agenda:panellists", args=[event.slug])),
        ("statements", statements_url),
        (
            "statements search",
            reverse("statements:list", args=[event.slug]) + "?q=ICTs&language=en",
        ),
        ("statement", reverse("statements:detail", args=[event.slug, statement.pk])),
        ("agenda PDF", file_url("document", agenda_version.pk, "en.pdf")),
    ]
    client = Client()
    measured = []
    for name, url in pages:
        counts = {}
        for mode, seconds in (("uncached", 0), ("cached", 3600)):
            with override_settings(PAGE_CACHE_SECONDS=seconds):
                client.get(url)  # fills the cache when on
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            counts[mode] = len(queries)
        body = b"".join(response) if response.streaming else response.content
        measured.append({"name": name, "url": url, "bytes": len(body), "queries": counts})
    return measured


# --- Stage 4 and 5 ---------------------------------------------------------------------


class Services:
    """A PostgreSQL database and a Redis server of the benchmark's own."""

    def __init__(self, var_dir: Path):
        self.var_dir = var_dir
        self.database = f"bench_pages_{os.getpid()}"
        self.redis = RedisServer(var_dir / "redis")

    def start(self) -> None:
        self.redis.start()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.database], check=True)

    def stop(self) -> None:
        self.redis.stop()
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force",
             self.database],
            check=False,
        )  # fmt: skip

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "specialmeeting.settings",
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "VAR_DIR": str(self.var_dir),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{self.database}",
            "REDIS_URL": self.redis.url(),
            "PYTHONPATH": str(BASE_DIR),
            **extra,
        }


def manage(services: Services, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=services.env(), check=True)


def worker_cpu_ticks(master: int) -> int:
    """User + system CPU ticks of gunicorn's workers (the master's children)."""
    total = 0
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def parse_wrk(output: str) -> dict:
    def duration_ms(text: str) -> float:
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": round(duration_ms(latency["50"]), 2),
        "p99_ms": round(duration_ms(latency["99"]), 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def drive(port: int, path: str, master: int, seconds: int, connections: int) -> dict:
    url = f"http://127.0.0.1:{port}{path}"
    # A short warm-up, so that every worker has imported and connected.
    subprocess.run(["wrk", "-t2", "-c4", "-d1s", url], capture_output=True, check=True)
    before = worker_cpu_ticks(master)
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    ticks = worker_cpu_ticks(master) - before
    result = parse_wrk(done.stdout)
    result["cpu_ms"] = round(ticks * 1000 / CLOCK_TICKS / max(result["requests"], 1), 2)
    return result


def serve(services: Services, port: int, **env: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "specialmeeting.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"],
        cwd=BASE_DIR,
        env=services.env(**env),
    )  # fmt: skip
    wait_for(lambda: answers(port), timeout=30, interval=0.1, what="gunicorn to listen")
    return process


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="wrk run per page and mode")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--populate-into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate_into:
        args.populate_into.write_text(json.dumps(populate()))
        return 0
    if shutil.which("wrk") is None:
        print("wrk is not installed: `make bench-pages` installs it (Debian package wrk).")
        return 2

    var_dir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    services = Services(var_dir)
    services.start()
    try:
        print(f"Setting up: database {services.database}, Redis on port {services.redis.port}")
        manage(services, "migrate", "--noinput", "-v0")
        manage(services, "collectstatic", "--noinput", "-v0")
        populated = var_dir / "populated.json"
        subprocess.run(
            [PYTHON, __file__, "--populate-into", str(populated)],
            cwd=BASE_DIR,
            env=services.env(),
            check=True,
        )
        data = json.loads(populated.read_text())
        pages = data["pages"]
        print(f"Generated the event's data in {data['generated_s']} s")
        # A static file of the same size as each page, served by the same stack.
        static_dir = var_dir / "static" / "bench"
        static_dir.mkdir(parents=True)
        for page in pages:
            name = re.sub(r"\W+", "-", page["name"]) + ".html"
            (static_dir / name).write_bytes(b"x" * page["bytes"])
            page["static_url"] = f"/static/bench/{name}"

        port = free_port()
        for mode, env in (("uncached", {"PAGE_CACHE_SECONDS": "0"}), ("cached", {})):
            server = serve(services, port, **env)
            try:
                load = (server.pid, args.seconds, args.connections)
                for page in pages:
                    page[mode] = drive(port, page["url"], *load)
                    if mode == "uncached":
                        page["static"] = drive(port, page["static_url"], *load)
                    print(f"  {mode:8} {page['name']}: {page[mode]['rps']:.0f} req/s")
            finally:
                stop(server)
    finally:
        services.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    report(pages, args)
    return 0


def report(pages: list[dict], args) -> None:
    header = (
        "| page | bytes | mode | req/s | p50 ms | p99 ms | CPU ms/req | queries/req |"
        " static file req/s |"
    )
    lines = [header, "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for page in pages:
        for mode in ("uncached", "cached"):
            run = page[mode]
            static = page["static"]["rps"] if mode == "uncached" else ""
            lines.append(
                f"| {page['name']} | {page['bytes']:,} | {mode} | {run['rps']:,.0f} | "
                f"{run['p50_ms']} | {run['p99_ms']} | {run['cpu_ms']} | "
                f"{page['queries'][mode]} | {static if static == '' else f'{static:,.0f}'} |"
            )
    print()
    print(
        f"gunicorn 2 sync workers, PostgreSQL + Redis, wrk {args.connections} connections, "
        f"{args.seconds} s per run, {os.cpu_count()} CPUs"
    )
    print("\n".join(lines))
    failures = [
        (p["name"], m, p[m]["non_2xx"], p[m]["socket_errors"])
        for p in pages
        for m in ("uncached", "cached")
        if p[m]["non_2xx"] or p[m]["socket_errors"]
    ]
    if failures:
        print("Errors:", failures)
    by_name = {p["name"]: p for p in pages}
    checks = {
        "programme uncached CPU ≤ 20 ms": by_name["programme"]["uncached"]["cpu_ms"]
        <= TARGETS["programme_uncached_cpu_ms"],
        "programme cached ≥ half the static file's req/s": by_name["programme"]["cached"]["rps"]
        >= by_name["programme"]["static"]["rps"] / 2,
        "statements list uncached CPU ≤ 25 ms": by_name["statements"]["uncached"]["cpu_ms"]
        <= TARGETS["statements_uncached_cpu_ms"],
        "p99 < 1 s everywhere": all(
            p[m]["p99_ms"] < TARGETS["p99_ms"] for p in pages for m in ("uncached", "cached")
        ),
        "no errors": not failures,
    }
    for what, ok in checks.items():
        print(f"{'PASS' if ok else 'MISS'}  {what}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"pages-{stamp}.json"
    path.write_text(json.dumps({"pages": pages, "checks": checks}, indent=2))
    print(f"Written to {path.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    sys.exit(main())
