"""events.links: links to rows by string replacement are what reverse() returns."""

import pytest
from django.urls import reverse
from django.utils import translation

from events.links import file_url, url_with_id


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "fr"])
@pytest.mark.parametrize("pk", [1, 7, 10, 987654321, 2**40])
def test_a_link_by_id_is_the_reversed_url(language, pk):
    with translation.override(language):
        for name in ("agenda:person", "agenda:session", "statements:detail"):
            assert url_with_id(name, "ict-2016", pk=pk) == reverse(name, args=["ict-2016", pk])


@pytest.mark.parametrize(
    "filename", ["en.pdf", "zh-hans.docx", "other.odt", "a_b-c.1.pdf", "déclaration.pdf", "a b.pdf"]
)
def test_a_file_link_is_the_reversed_url(filename):
    for kind in ("statement-file", "document"):
        expected = reverse("files:serve", kwargs={"kind": kind, "pk": 42, "filename": filename})
        assert file_url(kind, 42, filename) == expected


def test_a_link_follows_the_script_prefix(settings):
    from django.urls import set_script_prefix

    try:
        set_script_prefix("/meetings/")
        assert url_with_id("agenda:person", "ict-2016", pk=3) == reverse(
            "agenda:person", args=["ict-2016", 3]
        )
        assert url_with_id("agenda:person", "ict-2016", pk=3).startswith("/meetings/")
    finally:
        set_script_prefix("/")
