from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override


def _in_language(request, path: str, code: str) -> str:
    """This page's URL in language ``code``: reversed from the match the request was
    routed by (``translate_url`` would resolve the path again for each language)."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return translate_url(path, code)
    with override(code):
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return translate_url(path, code)
    query = urlsplit(path).query
    return f"{url}?{query}" if query else url


def site(request):
    """The language switcher: this same page in each of the six languages."""
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": _in_language(request, path, code),
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return {"language_links": links}
