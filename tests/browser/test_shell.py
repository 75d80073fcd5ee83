"""The site shell in a real browser: navigation, language switch, skip link, search box, the
accessibility feedback form by keyboard, mobile and print layout – axe-clean on every page."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect


@pytest.fixture
def home(browser_page, demo_site, axe):
    """The demo home page, open in German and axe-checked."""
    response = browser_page.goto("/")
    assert response.status == 200
    axe(browser_page)
    return browser_page


def _local_links(page, selector: str) -> list[str]:
    """The distinct same-origin link targets in ``selector`` (no mailto:, tel: or other sites)."""
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.href)")
    assert hrefs, f"no links in {selector}"
    origin = "/".join(page.url.split("/")[:3]) + "/"
    return list(dict.fromkeys(href for href in hrefs if href.startswith(origin)))


def test_home_page_renders_the_shell_in_german(home):
    assert home.locator("html").get_attribute("lang") == "de"
    assert home.title().endswith("Integration Point Kreis Herford")
    expect(home.get_by_role("banner")).to_be_visible()
    expect(home.get_by_role("main")).to_be_visible()
    expect(home.get_by_role("contentinfo")).to_be_visible()
    expect(home.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
    expect(home.get_by_role("search")).to_be_visible()
    # The stylesheet really loads: without it every contrast check would be meaningless.
    header_colour = home.locator(".site-header").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert header_colour == "rgb(0, 75, 135)"


def test_every_navigation_and_footer_link_answers_and_is_axe_clean(home, axe):
    hrefs = _local_links(home, ".main-nav a[href]") + _local_links(home, ".site-footer a[href]")
    visited = set()
    for href in dict.fromkeys(hrefs):
        response = home.goto(href)
        assert response.status == 200, href
        expect(home.get_by_role("heading", level=1)).to_be_visible()
        axe(home)
        visited.add(urlsplit(href).path)
    # The pages a German public body must have, and the Leichte-Sprache page, are among them.
    required = {"/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/"}
    assert required <= visited, required - visited
    # The Leichte-Sprache link is German whatever the page's language.
    easy = home.get_by_role("contentinfo").locator("a[href='/leichte-sprache/']")
    expect(easy).to_have_attribute("lang", "de")


def test_language_switch_to_english_and_back(home, axe):
    home.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    expect(home.locator("html")).to_have_attribute("lang", "en")
    assert urlsplit(home.url).path.startswith("/en/")
    expect(home.get_by_role("link", name="Skip to content")).to_be_attached()
    nav = home.get_by_role("navigation", name="Main navigation")
    expect(nav).to_be_visible()
    axe(home)

    # Following the navigation keeps the reader in English.
    nav.get_by_role("link").first.click()
    expect(home.locator("html")).to_have_attribute("lang", "en")
    assert urlsplit(home.url).path.startswith("/en/")
    axe(home)

    home.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    expect(home.locator("html")).to_have_attribute("lang", "de")
    assert not urlsplit(home.url).path.startswith("/en/")
    expect(home.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()


def test_keyboard_users_get_a_skip_link_and_visible_focus(home):
    home.keyboard.press("Tab")
    skip = home.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    # Visible when focused (it sits off-screen otherwise).
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    # Every stop of the header shows the 3px focus outline.
    for _ in range(6):
        outline = home.evaluate(
            """() => {
                const el = document.activeElement, s = getComputedStyle(el);
                return [el.outerHTML.slice(0, 60), s.outlineStyle, s.outlineWidth];
            }"""
        )
        assert outline[1:] == ["solid", "3px"], outline
        home.keyboard.press("Tab")
    home.locator(".skip-link").focus()
    home.keyboard.press("Enter")
    expect(home.locator("main#main")).to_be_focused()


def test_search_box_submits_to_the_search_page(home, axe):
    # The header box is a combobox (autocomplete); Enter without a chosen suggestion submits.
    box = home.get_by_role("search", name="Im Portal suchen").get_by_role(
        "combobox", name="Im Portal suchen"
    )
    box.fill("Beschäftigungserlaubnis")
    box.press("Enter")
    home.wait_for_url(re.compile(r"/suche/\?q=Besch"))
    expect(home.get_by_role("heading", level=1)).to_be_visible()
    axe(home)


def test_accessibility_feedback_form_works_with_the_keyboard_only(home, axe):
    home.get_by_role("contentinfo").get_by_role(
        "link", name="Barriere melden"
    ).focus()  # the footer link is on every page
    home.keyboard.press("Enter")
    home.wait_for_url(re.compile(r"/barrierefreiheit/\?seite="))
    axe(home)

    # Sent without a description: the error is announced next to the field, axe-clean.
    home.get_by_role("button", name="Rückmeldung senden").press("Enter")
    expect(home.locator(".field--error")).to_have_count(1)
    axe(home)

    description = home.get_by_role("textbox", name=re.compile("Beschreibung der Barriere"))
    # Tab through the form from the prefilled page field, never touching the mouse.
    home.get_by_role("textbox", name=re.compile("^Seite")).focus()
    home.keyboard.press("Tab")
    expect(description).to_be_focused()
    home.keyboard.type("Der Kontrast der Schaltflächen im Veranstaltungskalender ist zu schwach.")
    home.keyboard.press("Tab")
    home.keyboard.type("Erika Beispiel")
    home.keyboard.press("Tab")
    home.keyboard.type("erika@example.org")
    home.keyboard.press("Tab")
    expect(home.get_by_role("button", name="Rückmeldung senden")).to_be_focused()
    home.keyboard.press("Enter")

    expect(home.get_by_role("heading", level=1)).to_have_text("Vielen Dank für Ihre Rückmeldung")
    # The page's own live region (the search box in the header has another one).
    expect(home.get_by_role("main").get_by_role("status")).to_contain_text("Danke")
    axe(home)

    # The feedback reaches the statement's feedback address, with the page it is about.
    messages = [m for m in mail.outbox if "barrierefreiheit@herford.example" in m.to]
    assert len(messages) == 1, [m.to for m in mail.outbox]
    assert "Kontrast der Schaltflächen" in messages[0].body
    assert "erika@example.org" in messages[0].body


def test_mobile_layout_has_no_horizontal_scrolling_and_print_hides_navigation(home, axe):
    home.set_viewport_size({"width": 375, "height": 740})
    for path in ["/", "/barrierefreiheit/"]:
        home.goto(path)
        overflow = home.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls {overflow}px sideways at 375px"
        axe(home)

    home.emulate_media(media="print")
    for selector in [".main-nav", ".site-search", ".language-switch", ".skip-link"]:
        expect(home.locator(selector)).to_be_hidden()
    expect(home.get_by_role("heading", level=1)).to_be_visible()
