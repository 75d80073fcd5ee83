"""Search in a real browser (issue 6): the header box's autocomplete as an ARIA 1.2 combobox used
with the keyboard only, the search page with a facet, and the zero-results answer – axe-clean,
also with the suggestion list open.

The engine is whatever the test settings configure (the database engine on SQLite); the contract
suite in tests/search runs the same cases on Elasticsearch."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

ABH_URL = "/verzeichnis/organisation/abh-kreis/"
ABH_NAME = "Ausländerbehörde Kreis Herford"


def _header_box(page):
    return page.get_by_role("search", name="Im Portal suchen").get_by_role(
        "combobox", name="Im Portal suchen"
    )


def test_abh_in_the_header_box_suggests_the_auslaenderbehoerde_chosen_by_keyboard(
    demo_site, browser_page, axe
):
    page = browser_page
    page.goto("/")
    box = _header_box(page)
    # The combobox pattern: a collapsed combobox that controls a (hidden) listbox.
    listbox_id = box.get_attribute("aria-controls")
    assert listbox_id
    listbox = page.locator(f"#{listbox_id}")
    expect(listbox).to_have_attribute("role", "listbox")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(listbox).to_be_hidden()

    requests = []
    page.on(
        "request",
        lambda request: "/suche/vorschlaege" in request.url and requests.append(request.url),
    )
    box.focus()
    page.keyboard.type("ABH")  # faster than the debounce: not one request per key

    target = listbox.get_by_role("option", name=re.compile(ABH_NAME))
    expect(target).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    asked = [parse_qs(urlsplit(url).query)["q"] for url in requests]
    # One request, as a rule; a busy machine may let the debounce pass once between two keys.
    assert len(asked) < 3 and asked[-1] == ["ABH"], asked
    # The number of suggestions is announced in a polite live region of the search form.
    live_region = page.get_by_role("search", name="Im Portal suchen").get_by_role("status")
    expect(live_region).not_to_be_empty()
    axe(page)  # the open list, too

    options = listbox.get_by_role("option")
    names = options.all_inner_texts()
    position = next(i for i, name in enumerate(names) if ABH_NAME in name)
    target_id = target.get_attribute("id")

    # Arrow keys move the active option; focus stays in the box (aria-activedescendant).
    for _ in range(position + 1):
        box.press("ArrowDown")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-activedescendant", target_id)
    expect(target).to_have_attribute("aria-selected", "true")
    expect(listbox.locator("[aria-selected=true]")).to_have_count(1)

    # Escape closes the list and forgets the active option; ArrowDown opens it again.
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    expect(box).to_have_value("ABH")
    for _ in range(position + 1):
        box.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-activedescendant", target_id)

    with page.expect_navigation():
        box.press("Enter")
    assert urlsplit(page.url).path == ABH_URL
    expect(page.get_by_role("heading", level=1)).to_contain_text(ABH_NAME)
    axe(page)


def test_typing_on_replaces_stale_suggestions(demo_site, browser_page):
    page = browser_page
    page.goto("/")
    box = _header_box(page)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    box.focus()
    page.keyboard.type("ABH", delay=40)
    expect(listbox.get_by_role("option").first).to_be_visible()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant")

    # New input: the old active option is gone, so aria-activedescendant must not point at it.
    page.keyboard.type(" Kreis Herford Zzyzx", delay=10)
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    # Below two characters there is nothing to suggest.
    box.fill("")
    page.keyboard.type("A")
    page.wait_for_timeout(400)
    expect(listbox).to_be_hidden()


def test_search_page_narrows_by_a_facet(demo_site, browser_page, axe):
    page = browser_page
    page.goto("/")
    box = _header_box(page)
    box.fill("Duldung")
    with page.expect_navigation():
        box.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Duldung"]
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    results = page.locator("ol.results > li")
    expect(results.first).to_be_visible()
    heading = page.locator("#results-heading")
    total = int(re.search(r"\d+", heading.inner_text()).group())
    assert total >= 2
    axe(page)

    # The "kind" facet: choose the kind with the fewest hits that is not all of them.
    facets = page.locator(".search-facets nav")
    expect(facets.first).to_be_visible()
    links = page.locator(".search-facets a")
    counts = [int(re.search(r"\((\d+)\)", text).group(1)) for text in links.all_inner_texts()]
    candidates = [(count, i) for i, count in enumerate(counts) if 0 < count < total]
    assert candidates, counts
    count, index = min(candidates)
    facet = links.nth(index)
    with page.expect_navigation():
        facet.click()
    chosen = page.locator(".search-facets a[aria-current=true]")
    expect(chosen).to_have_count(1)
    expect(heading).to_contain_text(str(count))
    expect(results.first).to_be_visible()
    assert results.count() <= count
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Duldung"]
    axe(page)

    # Choosing it again removes the filter.
    with page.expect_navigation():
        chosen.click()
    expect(page.locator(".search-facets a[aria-current=true]")).to_have_count(0)
    expect(heading).to_contain_text(str(total))


def test_zero_results_offer_the_finder_the_glossary_and_the_desk(demo_site, browser_page, axe):
    page = browser_page
    response = page.goto("/suche/?q=Zzyzxquark")
    assert response.status == 200
    expect(page.locator("ol.results")).to_have_count(0)
    empty = page.locator(".search-empty")
    expect(empty).to_be_visible()
    expect(empty.locator("a[href='/verzeichnis/wer-ist-zustaendig/']")).to_be_visible()
    expect(empty.locator("a[href='/wissen/glossar/']")).to_be_visible()
    expect(empty.locator("a[href^='tel:']")).to_be_visible()
    expect(empty.locator("a[href^='mailto:']")).to_be_visible()
    axe(page)

    for href in ["/verzeichnis/wer-ist-zustaendig/", "/wissen/glossar/"]:
        with page.expect_navigation():
            page.locator(f".search-empty a[href='{href}']").click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)
        page.go_back()
