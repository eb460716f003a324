"""The demo programme of the 2016 Special Meeting."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

import events.demo
from agenda import changelog, generators, services
from agenda import demo as agenda_demo
from agenda import snapshot as snapshots
from agenda.models import (
    AgendaItem,
    AgendaRevision,
    ChairsSummary,
    ChairsSummarySection,
    Person,
    RoleAssignment,
    Session,
)
from agenda.tests.helpers import pdf_text, render
from events.models import Document, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    events.demo.load()
    assert agenda_demo.load() == []
    return AgendaRevision.objects.filter(event__slug="ict-2016").order_by("number")


def test_demo_publishes_a_provisional_then_a_revised_revision(loaded):
    assert [(r.number, r.label) for r in loaded] == [(1, "provisional"), (2, "revised")]
    kinds = {c.kind for c in changelog.diff(loaded[0].snapshot, loaded[1].snapshot, "en")}
    assert kinds >= {
        "item_added",
        "item_removed",
        "item_moved",
        "item_retitled",
        "person_added",
        "person_removed",
    }


def test_demo_is_idempotent(loaded):
    counts = (Session.objects.count(), Person.objects.count(), RoleAssignment.objects.count())
    assert agenda_demo.load() == []
    assert loaded.count() == 2
    assert (
        Session.objects.count(),
        Person.objects.count(),
        RoleAssignment.objects.count(),
    ) == counts


def test_demo_days_and_kinds(loaded):
    sessions = loaded[1].snapshot["sessions"]
    assert {s["date"] for s in sessions if s["kind"] == "preparatory"} == {"2016-11-30"}
    assert [s["kind"] for s in sessions if s["date"] == "2016-12-01"] == [
        "opening",
        "thematic",
        "thematic",
        "thematic",
        "other",
        "closing",
    ]


def test_demo_people_are_sample_people_with_cted_rapporteurs(loaded):
    assert all(p.given_name == "SAMPLE" for p in Person.objects.all())
    rapporteurs = RoleAssignment.objects.filter(role="rapporteur").select_related("person")
    assert rapporteurs and all(r.person.is_cted_expert for r in rapporteurs)
    kinds = {p["organisation"]["kind"] for p in loaded[1].snapshot["people"] if p["organisation"]}
    assert kinds == {
        "member_state",
        "observer_state",
        "intergovernmental",
        "un_entity",
        "civil_society",
        "private_sector",
        "academia",
    }


def test_demo_never_speaks_of_the_four_aspects(loaded):
    for revision in loaded:
        assert "four aspects" not in str(revision.snapshot).lower()


def test_demo_programme_page_shows_the_revised_revision_and_its_changes(client, loaded):
    html = client.get(reverse("agenda:programme", kwargs={"slug": "ict-2016"})).content.decode()
    assert "Revision 2, published 25 November 2016" in html
    assert "What changed since revision 1" in html
    assert "SAMPLE item: industry self-regulation initiatives" in html
    earlier = client.get(reverse("agenda:revision", kwargs={"slug": "ict-2016", "number": 1}))
    assert earlier.status_code == 200


# --- The six UN languages --------------------------------------------------------------

SIX = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code.replace("-", "_") for code in SIX if code != "en"]
# Words that a Latin-script demo text may hold in a PDF in another script: the SAMPLE
# marker, the SAMPLE people's names (names are not translated), the time zone's name.
LATIN_ALLOWED = {
    "SAMPLE", "CTED", "Expert", "Panellist", "Committee", "Chair", "Vice", "Keynote",
    "Speaker", "A", "B", "C", "D", "E", "F", "G", "H", "America", "New_York", "UTC",
}  # fmt: skip


def _pdf_words(version) -> tuple[str, set[str]]:
    """The PDF's text (without the bidi controls pdftotext adds) and its Latin words
    that are not allowed in another script."""
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", "", pdf_text(version))
    return text, set(re.findall(r"[A-Za-z_]+", text)) - LATIN_ALLOWED


def _event():
    return Event.objects.get(slug="ict-2016")


def test_demo_agenda_complete_in_six_languages(loaded):
    document = Document.objects.get(event=_event(), generator=generators.ANNOTATED_AGENDA)

    assert generators.agenda_complete_languages(document, draft=False) == SIX
    assert generators.agenda_complete_languages(document, draft=True) == SIX
    for revision in loaded:
        data = snapshots.read(revision.snapshot)
        assert generators.agenda_complete_languages_of(data) == SIX, revision.number


def test_demo_summary_complete_in_six_languages(loaded):
    summary = ChairsSummary.objects.get(event=_event())
    document = services.chairs_summary_document(summary=summary)

    assert generators.summary_complete_languages(document, draft=True) == SIX
    # Once published, its headings are the published revision's: complete too.
    titles = generators.published_titles(summary.event)
    sections = list(summary.sections.all())
    assert generators.summary_complete_languages_of(summary, sections, titles) == SIX


def test_demo_programme_texts_in_six_languages(loaded):
    """Every session's title and room, every item's title and annotation, every
    person's position and biography and the summary's texts: in every language, never
    left as English, and still marked SAMPLE where the English is."""
    rows = [
        *[(s, ("title", "room")) for s in Session.objects.filter(event=_event())],
        *[(i, ("title", "annotation")) for i in AgendaItem.objects.filter(session__event=_event())],
        *[(p, ("position", "biography")) for p in Person.objects.all()],
        *[(s, ("introduction", "conclusions")) for s in ChairsSummary.objects.all()],
        *[(s, ("text",)) for s in ChairsSummarySection.objects.all()],
    ]
    assert len(rows) > 30
    for obj, fields in rows:
        for field in fields:
            english = getattr(obj, f"{field}_en")
            if field == "annotation" and not english:
                continue  # an item without an annotation has none in any language
            assert english, (obj, field)
            for language in OTHER_LANGUAGES:
                text = getattr(obj, f"{field}_{language}")
                assert text and text.strip(), (obj, field, language)
                if (english, language) != ("SAMPLE director", "es"):
                    assert text != english, (obj, field, language)
                assert ("SAMPLE" in text) == ("SAMPLE" in english), (obj, field, language)


def test_every_demo_text_has_all_five_translations():
    for english, translations in agenda_demo.TRANSLATIONS.items():
        assert sorted(translations) == sorted(OTHER_LANGUAGES), english
        for language, text in translations.items():
            assert text == text.strip() and text, (english, language)
            assert ("SAMPLE" in text) == ("SAMPLE" in english), (english, language)


def test_demo_twice_keeps_one_row_of_everything(loaded):
    def counts():
        return [
            m.objects.count()
            for m in (
                Session,
                AgendaItem,
                Person,
                RoleAssignment,
                ChairsSummary,
                ChairsSummarySection,
            )
        ]

    before = counts()
    events.demo.load()
    assert agenda_demo.load() == []
    assert counts() == before
    assert loaded.count() == 2


def test_demo_loaded_before_it_had_translations_gets_them_but_keeps_staffs(loaded):
    """A database whose demo was loaded in English only: a new load fills in the
    working copy's missing translations and leaves a staff correction alone."""
    event = _event()
    Session.objects.filter(event=event).update(title_fr="", room_ar=None)
    AgendaItem.objects.filter(session__event=event).update(annotation_zh_hans="")
    Person.objects.update(biography_ru="", position_es="")
    ChairsSummarySection.objects.update(text_ar="")
    ChairsSummary.objects.update(conclusions_fr="")
    opening = Session.objects.get(event=event, kind=Session.Kind.OPENING)
    Session.objects.filter(pk=opening.pk).update(title_fr="Ouverture (titre corrigé)")
    snapshots_before = list(loaded.values_list("sha256", flat=True))

    agenda_demo.load()

    assert Session.objects.get(pk=opening.pk).title_fr == "Ouverture (titre corrigé)"
    assert not Session.objects.filter(event=event, title_fr="").exists()
    assert not Session.objects.filter(event=event, room_ar=None).exists()
    assert (
        not AgendaItem.objects.filter(session__event=event, annotation_zh_hans="")
        .exclude(annotation_en="")
        .exists()
    )
    assert not Person.objects.filter(biography_ru="").exists()
    assert not Person.objects.filter(position_es="").exists()
    assert not ChairsSummarySection.objects.filter(text_ar="").exists()
    assert ChairsSummary.objects.get().conclusions_fr.startswith("SAMPLE : ce texte")
    # Published revisions are never touched.
    assert list(loaded.values_list("sha256", flat=True)) == snapshots_before


def test_demo_annotated_agenda_in_arabic_is_all_arabic(loaded):
    document = Document.objects.get(event=_event(), generator=generators.ANNOTATED_AGENDA)

    version = render(document, language="ar")

    text, latin = _pdf_words(version)
    assert "جدول الأعمال" in text
    assert "منع استغلال تكنولوجيا المعلومات والاتصالات" in text
    assert "الروايات المضادة" in text
    assert latin == set()


def test_demo_chairs_summary_in_chinese_is_all_chinese(loaded):
    summary = ChairsSummary.objects.get(event=_event())
    document = services.chairs_summary_document(summary=summary)

    version = render(document, language="zh-hans", draft=True)

    text, latin = _pdf_words(version)
    assert "主席总结" in text
    assert "SAMPLE部分" in text
    assert latin == set()
