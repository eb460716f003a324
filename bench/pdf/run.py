"""bench/pdf: how fast the worker renders the annotated agenda, and how soon a published
revision is downloadable.

    .venv/bin/python bench/pdf/run.py                    # everything (about a minute)
    .venv/bin/python bench/pdf/run.py --sizes 10,50 --no-worker

It works in a throwaway folder (a fresh SQLite database, the embedded broker's queue and
the media; see bench_settings.py), never in the project's own database, and reports:

1. render time: for the demo agenda and synthetic agendas of 10, 50, 100 and 500 items,
   each in a fresh process that renders the public PDF twice the way the worker does
   (``events.rendering.document_render``: HTML, PDF, checks, storage, a new version);
   the first render is cold (imports, fonts), the second is the warm worker's figure;
2. peak memory: the ``ru_maxrss`` of that process;
3. publish to downloadable: with a real ``celery worker`` process running, the time from
   ``agenda.services.agenda_publish`` (what admin's Publish button calls) until the new
   PDF is served by the file view (``/files/document/<pk>/<name>``, Django's test client).

Results are printed as a table and written to bench/results/ (not versioned). Targets:
50 items in at most 1 s warm; 500 items in at most 10 s and 400 MB; publish to
downloadable in at most 10 s. The test suite never runs this.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
SIZES = [10, 50, 100, 500]
TARGETS = {"warm_50_s": 1.0, "warm_500_s": 10.0, "rss_500_mb": 400.0, "publish_s": 10.0}
ITEMS_PER_SESSION = 5
SESSIONS_PER_DAY = 4
SLOTS = [((9, 0), (10, 30)), ((10, 45), (12, 15)), ((13, 30), (15, 0)), ((15, 15), (16, 45))]


def bench_env(var_dir: Path) -> dict[str, str]:
    """The environment of this process and of every process it starts."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "PYTHONPATH": os.pathsep.join(
            [str(BASE_DIR), str(BENCH_DIR), os.environ.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep),
    }
    return env


def setup_django(var_dir: Path) -> None:
    os.environ.update(bench_env(var_dir))
    (var_dir / "static").mkdir(exist_ok=True)  # STATIC_ROOT, which whitenoise expects
    for path in (str(BASE_DIR), str(BENCH_DIR)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


# --- Data -----------------------------------------------------------------------------------


# A synthetic item is shaped like the demo agenda's items, a little richer: a title, a
# two-sentence annotation and two panellists; each session (five items) has a moderator
# and a rapporteur. ``--heavy`` items also carry a list of guiding questions and a third
# panellist (about twice the text per item).
ANNOTATION = (
    "The panellists present {topic}, drawing on the experience of their institutions. "
    "Participants are invited to share *good practices* and lessons learned."
)
HEAVY_ANNOTATION = (
    "The panellists present {topic}, drawing on the experience of their institutions. "
    "Participants are invited to share *good practices* and lessons learned, in line with "
    "Security Council resolutions and international human rights law.\n\n"
    "Guiding questions:\n\n"
    "- What are the main challenges in {topic}?\n"
    "- Which measures have proved effective, and how can cooperation be strengthened?"
)
TOPICS = [
    "trends in the use of information and communications technologies",
    "the gathering and sharing of digital evidence",
    "cooperation between Governments and the private sector",
    "counter-narratives and the role of civil society",
    "the protection of human rights and fundamental freedoms online",
]


def make_synthetic_event(size: int, heavy: bool = False):
    """An event whose programme has ``size`` items, with people, published once."""
    from agenda import services
    from agenda.models import AgendaItem, Person, RoleAssignment, Session
    from events.models import Event, Organisation

    sessions_needed = math.ceil(size / ITEMS_PER_SESSION)
    days = math.ceil(sessions_needed / SESSIONS_PER_DAY)
    start = datetime.date(2016, 11, 28)
    event = Event.objects.create(
        slug=f"bench-{size}",
        title_en=f"Benchmark meeting with {size} agenda items on the exploitation of ICTs",
        short_title_en=f"Benchmark {size}",
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        venue_en="United Nations Headquarters",
        city_en="New York",
        is_published=True,
    )
    states = list(Organisation.objects.filter(kind="member_state").order_by("pk")[:40])
    people = Person.objects.bulk_create(
        [
            Person(
                honorific_en="Ms." if n % 2 else "Mr.",
                given_name=f"Given{n}",
                family_name=f"Family{n}",
                position_en="Director, National Counter-Terrorism Centre",
                organisation=states[n % len(states)] if states else None,
                is_cted_expert=n < 5,
            )
            for n in range(60)
        ]
    )
    experts, others = people[:5], people[5:]
    sessions = Session.objects.bulk_create(
        [
            Session(
                event=event,
                kind=Session.Kind.THEMATIC,
                title_en=f"Thematic segment {s + 1}: {TOPICS[s % len(TOPICS)]}",
                date=start + datetime.timedelta(days=s // SESSIONS_PER_DAY),
                start_time=datetime.time(*SLOTS[s % SESSIONS_PER_DAY][0]),
                end_time=datetime.time(*SLOTS[s % SESSIONS_PER_DAY][1]),
                room_en=f"Conference Room {1 + s % 4}",
                order=s,
            )
            for s in range(sessions_needed)
        ]
    )
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                session=sessions[n // ITEMS_PER_SESSION],
                title_en=f"Presentations and discussion on {TOPICS[n % len(TOPICS)]} ({n + 1})",
                annotation_en=(HEAVY_ANNOTATION if heavy else ANNOTATION).format(
                    topic=TOPICS[n % len(TOPICS)]
                ),
                order=n % ITEMS_PER_SESSION,
            )
            for n in range(size)
        ]
    )
    confirmed = RoleAssignment.Status.CONFIRMED
    roles = []
    for s, session in enumerate(sessions):
        roles.append(RoleAssignment(person=others[s % len(others)], session=session,
                                    role="moderator", status=confirmed))  # fmt: skip
        roles.append(RoleAssignment(person=experts[s % len(experts)], session=session,
                                    role="rapporteur", status=confirmed, order=1))  # fmt: skip
    for n, item in enumerate(items):
        for k in range(3 if heavy else 2):
            person = others[(n * 3 + k + 1) % len(others)]
            roles.append(RoleAssignment(person=person, item=item, role="panellist",
                                        status=confirmed, order=k))  # fmt: skip
    RoleAssignment.objects.bulk_create(roles)
    services.agenda_publish(event=event, label="provisional")
    return event


def prepare(var_dir: Path, sizes: list[int], heavy: bool = False) -> dict[str, int]:
    """Migrate, load the demo, make the synthetic agendas; returns document ids."""
    from django.core.management import call_command

    import events.demo
    from agenda import demo as agenda_demo
    from agenda import generators
    from events.models import Document

    call_command("migrate", verbosity=0, interactive=False)
    events.demo.load()
    agenda_demo.load()
    documents = {
        "demo": Document.objects.get(
            event__slug=agenda_demo.EVENT_SLUG, generator=generators.ANNOTATED_AGENDA
        ).pk
    }
    for size in sizes:
        event = make_synthetic_event(size, heavy)
        documents[str(size)] = Document.objects.get(
            event=event, generator=generators.ANNOTATED_AGENDA
        ).pk
    forget_queued_jobs()
    return documents


def forget_queued_jobs() -> None:
    """Drop the jobs setting up queued (renders, thumbnails): the benchmark runs its own."""
    from django.conf import settings

    from events.models import Job
    from specialmeeting.celery import app

    Job.objects.filter(status__in=[Job.Status.PENDING, Job.Status.RUNNING]).update(
        status=Job.Status.DONE
    )
    try:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)
    except Exception:  # noqa: S110 - the queue may not exist yet
        pass


# --- 1 and 2: render time and peak memory, in a fresh process per agenda --------------------


def render_one(document_id: int) -> dict:
    """Render the document's public English PDF twice as the worker does; report timings."""
    from events import rendering
    from events.models import DocumentVersion

    timings, cpu = [], []
    version = None
    for _attempt in range(2):
        if version is not None:  # same input, same version: remove it to render again
            version.file.delete(save=False)
            DocumentVersion.objects.filter(pk=version.pk).delete()
        started, started_cpu = time.perf_counter(), time.process_time()
        version = rendering.document_render(document_id=document_id, language="en")
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    # Where the warm time goes: the HTML (queries and template), then WeasyPrint.
    from events.models import Document

    document = Document.objects.get(pk=document_id)
    render_pdf = rendering.render_pdf
    started = time.perf_counter()
    render_input = rendering.generator_for(document).build(document, "en", False)
    html = render_input.html()
    html_seconds = time.perf_counter() - started
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        started = time.perf_counter()
        render_pdf(html, render_input.metadata, tmp.name)
        pdf_seconds = time.perf_counter() - started
    # The pipeline's own check of the PDF: its page count, read back from the file.
    with version.file.open("rb") as handle, tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(handle.read())
        tmp.flush()
        started = time.perf_counter()
        rendering._page_count(tmp.name)
        page_count_seconds = time.perf_counter() - started
    items = html.count('class="item"')
    return {
        "first_s": round(timings[0], 3),
        "warm_s": round(timings[1], 3),
        "warm_cpu_s": round(cpu[1], 3),
        "html_s": round(html_seconds, 3),
        "weasyprint_s": round(pdf_seconds, 3),
        "page_count_s": round(page_count_seconds, 3),
        "pages": version.page_count,
        "bytes": version.size,
        "items": items,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def measure_renders(var_dir: Path, documents: dict[str, int]) -> dict[str, dict]:
    results = {}
    for name, document_id in documents.items():
        command = [
            sys.executable,
            __file__,
            "--render-one",
            str(document_id),
            "--var",
            str(var_dir),
        ]
        completed = subprocess.run(
            command,
            env=bench_env(var_dir),
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise SystemExit(f"render of {name} failed:\n{completed.stderr[-4000:]}")
        results[name] = json.loads(completed.stdout.strip().splitlines()[-1])
        row = results[name]
        print(
            f"  {name:>5}: {row['items']:>3} items, {row['pages']:>3} pages, "
            f"first {row['first_s']:.2f} s, warm {row['warm_s']:.2f} s, "
            f"peak {row['peak_rss_mb']:.0f} MB",
            flush=True,
        )
    return results


# --- 3: publish to downloadable, with a real worker ----------------------------------------


class Worker:
    """A `celery worker` process, as `make run` starts it (prefork, one child here)."""

    def __init__(self, var_dir: Path):
        self.log_path = var_dir / "worker.log"
        self.var_dir = var_dir
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> float:
        from django.conf import settings

        started = time.perf_counter()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "specialmeeting", "worker",
                 "--pool=prefork", "--concurrency=1", "--without-gossip", "--without-mingle",
                 "--loglevel=INFO", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE],
                cwd=BASE_DIR,
                env=bench_env(self.var_dir),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        while time.perf_counter() - started < timeout:
            if " ready." in self.log():
                return time.perf_counter() - started
            if self.process.poll() is not None:
                raise SystemExit(f"the worker exited:\n{self.log()[-4000:]}")
            time.sleep(0.1)
        raise SystemExit(f"the worker did not start:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)


def publish_and_download(document_id: int, n: int, timeout: float = 120) -> float:
    """Change an item title, publish a revised revision, time until the file view serves
    the new PDF."""
    from django.test import Client

    from agenda import services
    from agenda.models import AgendaItem
    from events.models import Document, DocumentVersion

    document = Document.objects.select_related("event").get(pk=document_id)
    item = AgendaItem.objects.filter(session__event=document.event).order_by("pk").first()
    item.title_en = f"{item.title_en.split(' [')[0]} [publication {n}]"
    item.save()
    known = set(DocumentVersion.objects.filter(document=document).values_list("pk", flat=True))
    client = Client()
    started = time.perf_counter()
    services.agenda_publish(event=document.event, label="revised")
    while time.perf_counter() - started < timeout:
        newest = (
            DocumentVersion.objects.filter(document=document, language="en", is_draft=False)
            .order_by("-created_at", "-pk")
            .first()
        )
        if newest is not None and newest.pk not in known:
            response = client.get(f"/files/document/{newest.pk}/en.pdf")
            if response.status_code == 200:
                body = b"".join(response.streaming_content)
                response.close()
                if body.startswith(b"%PDF"):
                    return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"publication {n}: no downloadable PDF after {timeout:.0f} s")


def measure_publishing(var_dir: Path, document_id: int, publications: int) -> dict:
    from django.conf import settings

    forget_queued_jobs()
    worker = Worker(var_dir)
    try:
        startup = worker.start()
        cold = publish_and_download(document_id, 1)
        warm = [publish_and_download(document_id, n) for n in range(2, 2 + publications)]
    except BaseException:
        sys.stderr.write(worker.log()[-4000:])
        raise
    finally:
        worker.stop()
    broker = settings.CELERY_BROKER_URL.split("://")[0]
    return {
        "broker": broker,
        "worker_start_s": round(startup, 2),
        "first_s": round(cold, 2),
        "warm_median_s": round(statistics.median(warm), 2),
        "warm_max_s": round(max(warm), 2),
        "warm_all_s": [round(w, 2) for w in warm],
    }


# --- Report -----------------------------------------------------------------------------------


def report(renders: dict, publishing: dict | None) -> str:
    lines = [
        "| Agenda | Items | Pages | First render (s) | Warm render (s) | Warm render, CPU (s) "
        "| HTML (s) | WeasyPrint (s) | Page count (s) | Peak memory (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in renders.items():
        label = "demo (2016)" if name == "demo" else f"synthetic, {name} items"
        lines.append(
            f"| {label} | {row['items']} | {row['pages']} | {row['first_s']:.2f} "
            f"| {row['warm_s']:.2f} | {row['warm_cpu_s']:.2f} | {row['html_s']:.2f} "
            f"| {row['weasyprint_s']:.2f} "
            f"| {row['page_count_s']:.2f} | {row['peak_rss_mb']:.0f} |"
        )
    if publishing:
        lines += [
            "",
            f"Publish to downloadable ({publishing['broker']} broker, one prefork worker): "
            f"first after the worker starts {publishing['first_s']:.2f} s, then median "
            f"{publishing['warm_median_s']:.2f} s, worst {publishing['warm_max_s']:.2f} s "
            f"(of {len(publishing['warm_all_s'])}).",
        ]
    checks = []
    if "50" in renders:
        checks.append(("50 items warm ≤ 1 s", renders["50"]["warm_s"] <= TARGETS["warm_50_s"]))
    if "500" in renders:
        checks.append(("500 items ≤ 10 s", renders["500"]["warm_s"] <= TARGETS["warm_500_s"]))
        checks.append(
            ("500 items ≤ 400 MB", renders["500"]["peak_rss_mb"] <= TARGETS["rss_500_mb"])
        )
    if publishing:
        worst = max(publishing["first_s"], publishing["warm_max_s"])
        checks.append(("publish to downloadable ≤ 10 s", worst <= TARGETS["publish_s"]))
    lines += ["", "Targets: " + "; ".join(f"{n}: {'met' if ok else 'MISSED'}" for n, ok in checks)]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--no-worker", action="store_true", help="skip publish to download")
    parser.add_argument("--publications", type=int, default=3, help="warm publications timed")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway folder")
    parser.add_argument(
        "--heavy", action="store_true", help="items with twice the text (guiding questions)"
    )
    parser.add_argument("--render-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--var", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.render_one:
        setup_django(Path(args.var))
        print(json.dumps(render_one(args.render_one)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    var_dir = Path(tempfile.mkdtemp(prefix="specialmeeting-bench-pdf-"))
    try:
        setup_django(var_dir)
        print(f"Preparing the demo and agendas of {sizes} items in {var_dir} …", flush=True)
        documents = prepare(var_dir, sizes, args.heavy)
        print("Rendering (a fresh process per agenda):", flush=True)
        renders = measure_renders(var_dir, documents)
        publishing = None
        if not args.no_worker:
            print("Publishing with a real worker running …", flush=True)
            publishing = measure_publishing(var_dir, documents["demo"], args.publications)
        table = report(renders, publishing)
        print("\n" + table)
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        out = RESULTS_DIR / f"pdf-{stamp}.json"
        out.write_text(
            json.dumps(
                {
                    "when": stamp,
                    "machine": {
                        "python": platform.python_version(),
                        "platform": platform.platform(),
                        "cpus": os.cpu_count(),
                    },
                    "heavy_items": args.heavy,
                    "renders": renders,
                    "publishing": publishing,
                    "table": table,
                },
                indent=2,
            )
        )
        print(f"\nWritten to {out.relative_to(BASE_DIR)}")
    finally:
        if args.keep:
            print(f"Kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
