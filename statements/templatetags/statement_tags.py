"""Tags of the statements pages."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext

from events.links import file_url, url_with_id
from events.templatetags.site import comma

register = template.Library()


@register.filter
def statement_url(statement, slug: str) -> str:
    """The public page of a statement: ``{{ statement|statement_url:event.slug }}``."""
    return url_with_id("statements:detail", slug, pk=statement.pk)


@register.simple_tag
def statement_downloads(statement):
    """The list of a statement's files, one link per language: 'English (PDF, 120 KB,
    3 pages)'. A tag rather than an include: the list of statements shows 25 of them,
    and as an include they were 40 % of the page's rendering."""
    title_id = f"statement-{statement.pk}-title"
    separator = comma()
    links = []
    for version in statement.language_versions.all():
        stored = version.current_file
        if stored is None:
            continue
        details = f"{stored.extension.upper()}{separator}{filesizeformat(stored.size)}"
        if stored.page_count:
            pages = ngettext("%(pages)s page", "%(pages)s pages", stored.page_count)
            details += separator + pages % {"pages": stored.page_count}
        filename = f"{version.language}.{stored.extension}"
        links.append(
            (
                file_url("statement-file", stored.pk, filename),
                format_html(' hreflang="{}"', version.language)
                if version.language != "other"
                else "",
                stored.content_type,
                title_id,
                version.get_language_display(),
                details,
            )
        )
    items = format_html_join(
        "\n  ",
        '<li><a class="download" href="{}"{} type="{}" aria-describedby="{}">'
        '<span class="download-lang">{}</span> <span class="download-info">({})</span></a></li>',
        links,
    )
    return format_html(
        '<ul class="downloads" aria-label="{}">\n  {}\n</ul>', gettext("Download in"), items
    )
