"""The site with the keyboard alone: the focus is always visible and follows the page,
a statement is submitted without a mouse, and a form's errors are announced and lead to
their fields."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from statements.demo import sample_pdf

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What has the focus, and how it is drawn.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    name: element.getAttribute("name") || "",
    href: element.getAttribute("href") || "",
    text: (element.innerText || element.value || "").trim().slice(0, 60),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
    width: box.width,
    height: box.height,
    inViewport: box.bottom > 0 && box.top < window.innerHeight
      && box.right > 0 && box.left < window.innerWidth,
  };
}"""


def _focused(page) -> dict:
    return page.evaluate(FOCUSED)


def _tab_to(page, predicate, *, limit: int = 80, backwards: bool = False) -> dict:
    """Press Tab until the focused element satisfies ``predicate``; returns it."""
    seen = []
    for _press in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = _focused(page)
        if predicate(focused):
            return focused
        seen.append(focused["id"] or focused["href"] or focused["text"])
    raise AssertionError(f"not reached with {limit} presses of Tab; focus went: {seen}")


def _delegate_who_can_submit(demo):
    """A demo delegate with no statement yet (their page offers the submit link)."""
    from statements.models import Statement

    for account in demo.accounts:
        if (
            account.description.startswith("delegate")
            and not Statement.objects.filter(
                delegation__memberships__user__email=account.email
            ).exists()
        ):
            return account
    raise AssertionError("no demo delegate without statements")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_walk_skip_link_and_visible_focus(demo, open_page, language):
    # Without smooth scrolling (Bootstrap's default), a focused element is in view at once.
    page = open_page(f"keyboard-{language}", reduced_motion="reduce")
    with translation.override(language):
        page.goto(reverse("events:home", args=[demo.event_slug]))

    # The first Tab shows the skip link; Enter takes the focus to the main content.
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["href"] == "#main", skip
    assert skip["inViewport"] and skip["width"] > 20 and skip["height"] > 10, skip
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"

    # Through every focusable element of the page, on a wide screen and on a phone
    # (where the event menu scrolls sideways): each shows a focus ring and is in view.
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(page.url.split("#")[0])
        _walk_the_page(page, f"{language}, {width} px")


def _walk_the_page(page, where: str) -> None:
    stops = []
    for _press in range(150):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] == "body" or (stops and focused["href"] == "#main"):
            break  # past the last element: back to the document
        stops.append(focused)
        label = f"{focused['href'] or focused['id'] or focused['text']} ({where})"
        assert focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2, (
            f"no visible focus on {label}: {focused}"
        )
        assert focused["inViewport"], f"focused but out of view: {label}"
        assert focused["width"] > 0 and focused["height"] > 0, f"invisible stop: {label}"
    else:
        raise AssertionError(f"the focus never came back to the document ({where})")
    hrefs = [stop["href"] for stop in stops]
    # The order follows the page: languages, account, brand, event menu, content, footer.
    assert any(h.startswith(("/fr/", "/ar/", "/ru/")) for h in hrefs[:8]), hrefs[:8]
    nav_programme = next(i for i, h in enumerate(hrefs) if h.endswith("/programme/"))
    footer = next(i for i, h in enumerate(hrefs) if h.startswith("https://www.un.org/"))
    assert nav_programme < footer, hrefs
    assert len(stops) >= 20, hrefs


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "delegate"])
def test_account_menu_arriving_keeps_the_focus(demo, open_page, signed_in):
    """The header's account menu is fetched after the page is shown (the page itself is
    the same for everyone): someone who has already tabbed into it keeps the focus."""
    page = open_page("keyboard-account-menu")
    if signed_in:
        sign_in(page, _delegate_who_can_submit(demo))
    held = []  # the menu's request, answered only once the focus is in the menu
    page.route("**/account-menu/", lambda route: held.append(route))
    page.goto(reverse("events:home", args=[demo.event_slug]))
    sign_in_link = _tab_to(page, lambda f: f["text"] == "Delegates: sign in")
    for _wait in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert len(held) == 1, "the page did not ask for the account menu"
    page.evaluate("window.focusedBefore = document.activeElement")

    assert page.locator(".account-menu").get_attribute("aria-busy") == "true"
    held[0].continue_()
    page.locator(".account-menu:not([aria-busy])").wait_for()
    if signed_in:
        focused = _focused(page)
        assert focused["text"] == "My account", focused
    else:
        # The same menu: nothing is replaced, the very element keeps the focus.
        assert page.evaluate("document.activeElement === window.focusedBefore")
        assert _focused(page)["href"] == sign_in_link["href"]
    assert _focused(page)["outlineWidth"] >= 2


def test_statement_submitted_with_the_keyboard_alone(demo, open_page):
    account = _delegate_who_can_submit(demo)
    content = sample_pdf(["Keyboard statement", "Submitted without a mouse."])
    page = open_page("keyboard-delegate")
    # Listened for from the start: the browser reports a file chooser only when someone
    # is listening when the input opens it.
    choosers = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    sign_in(page, account, next_path=reverse("delegates:home"))

    # From My delegation, Tab to the submit link and follow it with Enter.
    page.goto(reverse("delegates:home"))
    _tab_to(page, lambda f: f["href"].endswith("/submit/"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/submit/$"))

    # Each field in turn, in the order of the page.
    _tab_to(page, lambda f: f["id"] == "id_title")
    page.keyboard.type("Statement typed at the keyboard")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_placement"
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_language"
    page.keyboard.type("English")  # a closed select picks the option that is typed
    assert page.locator("#id_language").input_value() == "en"
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_delivered_by"
    page.keyboard.type("H.E. the Permanent Representative")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_check_against_delivery"
    page.keyboard.press("Space")
    assert page.locator("#id_check_against_delivery").is_checked()
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_file"
    page.keyboard.press("Space")  # opens the file chooser, as Enter would
    for _wait in range(100):
        if choosers:
            break
        page.wait_for_timeout(100)
    assert len(choosers) == 1, "the file input did not open a file chooser"
    choosers[0].set_files(
        files=[{"name": "keyboard.pdf", "mimeType": "application/pdf", "buffer": content}]
    )
    page.keyboard.press("Tab")
    submit = _focused(page)
    assert submit["tag"] == "button" and submit["text"] == "Submit the statement", submit
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/my-delegation/statements/\d+/$"))
    main = page.locator("main")
    assert main.get_by_role("heading", level=1).inner_text() == "Statement typed at the keyboard"
    assert "Your statement was submitted" in main.inner_text()
    details = main.locator("dl").inner_text()
    assert "H.E. the Permanent Representative" in details


def test_form_errors_are_announced_and_lead_to_their_fields(demo, open_page):
    account = _delegate_who_can_submit(demo)
    page = open_page("keyboard-errors")
    sign_in(page, account, next_path=reverse("delegates:home"))
    page.goto(reverse("delegates:home"))
    page.locator("main a[href$='/submit/']").first.click()
    page.wait_for_url(re.compile(r"/submit/$"))

    # Sent empty with Enter: the page comes back with the summary, focused and
    # announced, listing each error as a link.
    _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Submit the statement")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.get_by_role("link")
    targets = [href.lstrip("#") for href in links.evaluate_all("a => a.map(l => l.hash)")]
    assert targets == ["id_title", "id_language", "id_file"], targets

    for number, target in enumerate(targets):
        # Each field is marked invalid and described by its error message.
        field = page.locator(f"#{target}")
        assert field.get_attribute("aria-invalid") == "true", target
        described = field.get_attribute("aria-describedby").split()
        errors = [page.locator(f"#{d}") for d in described if d.endswith("_error")]
        assert errors and errors[0].inner_text().strip() == "This field is required.", target
        # Its link in the summary, followed with Enter, puts the focus in the field.
        summary.focus()
        for _press in range(number + 1):
            page.keyboard.press("Tab")
        assert _focused(page)["href"] == f"#{target}"
        page.keyboard.press("Enter")
        assert _focused(page)["id"] == target
