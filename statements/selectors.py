"""Reads that carry rules. "Published" is defined here, once (``published_statements``),
and the public pages, downloads, feed and search all start from it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from events.models import Delegation, Event, Membership, Organisation

from . import search
from .models import Language, LanguageVersion, Statement, StatementFile, StatementLogEntry

# --- What the public may see ---------------------------------------------------------


def published_statements(*, event: Event) -> QuerySet[Statement]:
    """The statements of ``event`` that the public may see: published (an embargo has
    passed once its periodic task published it), in a published event."""
    return Statement.objects.filter(
        event=event,
        event__is_published=True,
        status=Statement.Status.PUBLISHED,
        published_at__lte=timezone.now(),
    )


def has_published_statements(event: Event) -> bool:
    """Whether ``event`` has a statement to show (its navigation links the page then)."""
    return published_statements(event=event).exists()


def _with_versions(statements: QuerySet[Statement], *, event: bool = True) -> QuerySet[Statement]:
    """Statements with everything a list shows, in a bounded number of queries; without
    the extracted texts (a statement's text can be hundreds of kilobytes). ``event``
    False when the caller has the event already (the public pages of one event)."""
    related = ["delegation__organisation", "agenda_item__session", "session"]
    return statements.select_related(*related, *(["event"] if event else [])).prefetch_related(
        _versions_prefetch()
    )


def _versions_prefetch() -> Prefetch:
    return Prefetch(
        "language_versions",
        queryset=LanguageVersion.objects.select_related("current_file")
        .defer("search_text", "current_file__text")
        .order_by("language"),
    )


def _as_listed(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """Statements with only the columns the public list shows: an agenda item or a
    session carries its annotation and every text in six languages, an organisation
    its names in six. Translated columns in the active language and in English (the
    fallback), so that no row reads a deferred column later."""
    return (
        statements.select_related("delegation__organisation", "agenda_item", "session")
        .only(
            "title",
            "delivered_by",
            "check_against_delivery",
            "published_at",
            "delegation__organisation__kind",
            *_translated("delegation__organisation__", "name"),
            *_translated("agenda_item__", "title"),
            *_translated("session__", "title"),
        )
        .prefetch_related(_versions_prefetch())
    )


@dataclass(frozen=True)
class StatementFilters:
    """The public list's filters, from the query string (unknown values ignored)."""

    kind: str = ""
    delegation: int | None = None
    agenda_item: int | None = None
    language: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params) -> StatementFilters:
        def number(name: str) -> int | None:
            value = (params.get(name) or "").strip()
            return int(value) if value.isdigit() else None

        kind = params.get("kind", "")
        language = params.get("language", "")
        return cls(
            kind=kind if kind in Organisation.Kind.values else "",
            delegation=number("delegation"),
            agenda_item=number("item"),
            language=language if language in Language.values else "",
            q=(params.get("q") or "").strip()[:200],
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.delegation or self.agenda_item or self.language or self.q)


def search_statements(statements: QuerySet[Statement], query: str) -> QuerySet[Statement]:
    """Statements whose title or extracted text matches ``query``.

    Every term must occur in a language version's normalised text (a substring match:
    case- and accent-insensitive on any database, and what matches Chinese). On
    PostgreSQL a version also matches by full-text search with its language's
    configuration (stemmed: "terroristes" finds "terrorisme").
    """
    words = search.terms(query)
    if not words:
        return statements
    versions = LanguageVersion.objects.filter(statement=OuterRef("pk"))
    match = Q()
    for word in words:
        match &= Q(search_text__contains=word)
    if connection.vendor == "postgresql":
        # to_tsvector(config, text) @@ websearch_to_tsquery(config, query), with the
        # version's own configuration. Plain functions (not SearchVector, whose config
        # is not relabelled inside a subquery).
        config = Func(F("search_config"), template="%(expressions)s::regconfig")
        vector = Func(config, F("search_text"), function="to_tsvector")
        tsquery = Func(config, Value(" ".join(words)), function="websearch_to_tsquery")
        match |= Q(
            Func(
                vector,
                tsquery,
                template="%(expressions)s",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
        )
    return statements.filter(Exists(versions.filter(match)))


def public_statements(*, event: Event, filters: StatementFilters) -> QuerySet[Statement]:
    """Published statements of ``event`` matching ``filters``, newest first."""
    statements = published_statements(event=event)
    if filters.kind:
        statements = statements.filter(delegation__organisation__kind=filters.kind)
    if filters.delegation:
        statements = statements.filter(delegation_id=filters.delegation)
    if filters.agenda_item:
        statements = statements.filter(agenda_item_id=filters.agenda_item)
    if filters.language:
        statements = statements.filter(
            Exists(
                LanguageVersion.objects.filter(statement=OuterRef("pk"), language=filters.language)
            )
        )
    if filters.q:
        statements = search_statements(statements, filters.q)
    return _as_listed(statements).order_by("-published_at", "-pk")


@dataclass(frozen=True)
class Choice:
    """An option of a filter: its value (a row's id, or a code) and its label in the
    active language (``{% select_options %}`` renders them)."""

    value: int | str
    label: str


@dataclass(frozen=True)
class FilterOptions:
    kinds: list[Choice] = field(default_factory=list)
    delegations: list[Choice] = field(default_factory=list)
    agenda_items: list[Choice] = field(default_factory=list)
    languages: list[Choice] = field(default_factory=list)


def _translated(prefix: str, name: str) -> list[str]:
    """The lookups of a translated field: in the active language, then in English."""
    from django.conf import settings
    from django.utils.translation import get_language
    from modeltranslation.utils import build_localized_fieldname

    languages = dict.fromkeys([get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE])
    return [prefix + build_localized_fieldname(name, language) for language in languages]


def public_filter_options(*, event: Event) -> FilterOptions:
    """The values the public list can be filtered by: only those with published
    statements. Three queries whatever the number of statements (each with its
    published statements as an uncorrelated subquery, which SQLite runs once instead
    of once per delegation or item), read as values: a list of 300 delegations costs
    no model instances."""
    from agenda.models import AgendaItem

    published = published_statements(event=event)
    names = _translated("organisation__", "name")
    delegations = (
        Delegation.objects.filter(pk__in=published.values("delegation_id"))
        .order_by("organisation__sort_order", names[-1])
        .values_list("pk", "organisation__kind", *names)
    )
    present_kinds = set()
    delegation_choices = []
    for pk, kind, *labels in delegations:
        present_kinds.add(kind)
        delegation_choices.append(Choice(pk, next((n for n in labels if n), "")))
    kinds = [Choice(v, label) for v, label in Organisation.Kind.choices if v in present_kinds]
    items = (
        AgendaItem.objects.filter(pk__in=published.values("agenda_item_id"))
        .order_by("session__date", "session__start_time", "session__order", "order", "pk")
        .values_list("pk", *_translated("", "title"))
    )
    present_languages = set(
        LanguageVersion.objects.filter(statement__in=published)
        .order_by()  # the default ordering would make the distinct rows one per version
        .values_list("language", flat=True)
        .distinct()
    )
    languages = [Choice(v, label) for v, label in Language.choices if v in present_languages]
    return FilterOptions(
        kinds,
        delegation_choices,
        [Choice(pk, next((t for t in titles if t), "")) for pk, *titles in items],
        languages,
    )


def public_statement(*, event: Event, pk: int) -> Statement:
    statement = _with_versions(published_statements(event=event), event=False).filter(pk=pk).first()
    if statement is None:
        raise Http404("No such statement.")
    return statement


def public_statement_file(*, pk: int) -> StatementFile:
    """A file the public may download: the current file of a language version of a
    published statement (earlier files of that version are not public)."""
    found = (
        StatementFile.objects.select_related(
            "language_version__statement__delegation__organisation",
            "language_version__statement__event",
        )
        .filter(pk=pk, language_version__current_file=F("pk"))
        .first()
    )
    if found is None:
        raise Http404("No such file.")
    statement = found.language_version.statement
    if not published_statements(event=statement.event).filter(pk=statement.pk).exists():
        raise Http404("No such file.")
    return found


def feed_statements(*, event: Event, limit: int = 50) -> list[Statement]:
    return list(_with_versions(published_statements(event=event)).order_by("-published_at")[:limit])


# --- What delegates and staff may see ------------------------------------------------


def is_approved_member(*, user, delegation_id: int) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, delegation_id=delegation_id, status=Membership.Status.APPROVED
        ).exists()
    )


def can_see_statement(*, user, statement: Statement) -> bool:
    """Staff who review statements, and the approved members of its delegation."""
    if not user.is_authenticated:
        return False
    if user.has_perm("statements.view_statement"):
        return True
    return is_approved_member(user=user, delegation_id=statement.delegation_id)


def statement_file_for(*, user, pk: int) -> tuple[StatementFile, bool]:
    """A statement file and whether it is public; 404 unless this user may see it."""
    try:
        return public_statement_file(pk=pk), True
    except Http404:
        found = (
            StatementFile.objects.select_related(
                "language_version__statement__delegation__organisation"
            )
            .filter(pk=pk)
            .first()
        )
        if found is None or not can_see_statement(
            user=user, statement=found.language_version.statement
        ):
            raise
        return found, False


def user_memberships(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related(
        "delegation__event", "delegation__organisation"
    )


def member_delegations(*, user) -> QuerySet[Delegation]:
    """The delegations ``user`` acts for (approved memberships)."""
    return (
        Delegation.objects.filter(
            memberships__user=user, memberships__status=Membership.Status.APPROVED
        )
        .select_related("event", "organisation")
        .order_by("-event__start_date", "organisation__name")
    )


def member_delegation(*, user, pk: int) -> Delegation:
    delegation = member_delegations(user=user).filter(pk=pk).first()
    if delegation is None:
        raise Http404("No such delegation.")
    return delegation


def statements_of_delegations(*, delegations: list[Delegation]) -> QuerySet[Statement]:
    """Every statement of these delegations, whatever its status, newest first."""
    return _with_versions(Statement.objects.filter(delegation__in=delegations)).order_by(
        "-submitted_at", "-pk"
    )


def member_statement(*, user, pk: int) -> Statement:
    """A statement of a delegation ``user`` acts for, with every file; 404 otherwise."""
    statement = (
        Statement.objects.select_related(
            "event", "delegation__organisation", "agenda_item", "session"
        )
        .filter(
            pk=pk,
            delegation__memberships__user=user,
            delegation__memberships__status=Membership.Status.APPROVED,
        )
        .prefetch_related(
            Prefetch(
                "language_versions",
                queryset=LanguageVersion.objects.order_by("language").prefetch_related(
                    Prefetch(
                        "files",
                        queryset=StatementFile.objects.select_related("created_by").order_by(
                            "-created_at", "-pk"
                        ),
                    )
                ),
            )
        )
        .first()
    )
    if statement is None:
        raise Http404("No such statement.")
    return statement


def statement_history(*, statement: Statement) -> list[StatementLogEntry]:
    return list(statement.log.select_related("actor", "file").order_by("created_at", "pk"))


def focal_point_emails(*, delegation: Delegation) -> list[str]:
    return list(
        Membership.objects.filter(
            delegation=delegation,
            role=Membership.Role.FOCAL_POINT,
            status=Membership.Status.APPROVED,
            user__is_active=True,
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


# --- The deadline ----------------------------------------------------------------------


def submission_deadline(*, delegation: Delegation) -> datetime.datetime | None:
    """Until when ``delegation`` may submit: staff's extension for it if any, otherwise
    the event's statement deadline; None when there is none."""
    return delegation.deadline_extended_until or delegation.event.statement_deadline


def submissions_open(*, delegation: Delegation, now: datetime.datetime | None = None) -> bool:
    deadline = submission_deadline(delegation=delegation)
    return deadline is None or (now or timezone.now()) <= deadline


def next_publication(event: Event):
    """When the next published statement of ``event`` becomes visible by itself (a
    publication time in the future), or None. The page cache expires then."""
    from django.db.models import Min

    return Statement.objects.filter(
        event=event, status=Statement.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(t=Min("published_at"))["t"]
