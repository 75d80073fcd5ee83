"""The knowledge base in a real browser (issue 4): a volunteer who is not logged in finds the
work-permit procedure through the index filters, reads it and opens the print view (whose print
button must work under the real Content Security Policy); an editor writes a legal change in
the Wagtail admin and submits it, a moderator approves it, and it appears in the Atom feed and
in the index.

axe runs on every public page and fails on serious or critical findings. The Wagtail admin is
Wagtail's own UI: axe runs there too, but only reports (``fail=False``); see
docs/accessibility.md for what it says."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import feedparser
from django.utils import timezone
from playwright.sync_api import expect

from portal.access import Role

PROCEDURE_TITLE = "Beschäftigungserlaubnis bei der Ausländerbehörde beantragen"
PROCEDURE_URL = "/wissen/beschaeftigungserlaubnis-beantragen/"


def test_volunteer_finds_reads_and_prints_the_work_permit_procedure(
    demo_site, browser_page, axe, live_url
):
    page = browser_page
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name="Wissen"
        ).click()
    assert urlsplit(page.url).path == "/wissen/"
    axe(page)

    filters = page.locator("form:has(select[name=art])")
    filters.locator("select[name=art]").select_option("verfahren")
    filters.locator("select[name=thema]").select_option("aufenthalt-beschaeftigung")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()
    assert "art=verfahren" in page.url and "thema=aufenthalt-beschaeftigung" in page.url
    listed = page.locator(".knowledge-list h3")
    expect(listed.first).to_be_visible()
    titles = listed.all_inner_texts()
    assert PROCEDURE_TITLE in titles, titles
    # Only procedures are listed now.
    kinds = set(page.locator(".knowledge-list .knowledge-kind").all_inner_texts())
    assert len(kinds) == 1, kinds
    axe(page)

    with page.expect_navigation():
        page.get_by_role("link", name=PROCEDURE_TITLE).click()
    assert urlsplit(page.url).path == PROCEDURE_URL
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCEDURE_TITLE)
    steps = page.locator("ol.knowledge-steps > li.knowledge-step")
    assert steps.count() >= 3
    # The responsible office comes live from the directory, with its public numbers only.
    expect(page.locator(".knowledge-contact").first).to_contain_text("Ausländerbehörde")
    # Trust: demo notice, review date and sources are on the page.
    expect(page.locator("main")).to_contain_text(re.compile(r"\d{1,2}\. \w+ 20\d\d"))
    # The glossary explains terms where they occur, linking to its entries.
    expect(page.locator("main a.glossary-term").first).to_have_attribute(
        "href", re.compile(r"^/wissen/glossar/#")
    )
    # The feed is discoverable from the page.
    expect(
        page.locator("link[rel=alternate][type='application/atom+xml']").first
    ).to_have_attribute("href", re.compile(r"/wissen/feed/"))
    axe(page)

    with page.expect_navigation():
        page.locator(f"a[href='{PROCEDURE_URL}drucken/']").click()
    assert urlsplit(page.url).path == f"{PROCEDURE_URL}drucken/"
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCEDURE_TITLE)
    expect(page.locator("ol.knowledge-steps > li")).to_have_count(steps.count())
    expect(page.locator(".main-nav")).to_have_count(0)
    expect(page.locator("link[rel=canonical]")).to_have_attribute(
        "href", re.compile(re.escape(PROCEDURE_URL) + "$")
    )
    # On screen: a way back and a print button; on paper: neither.
    controls = page.locator(f"main a[href='{PROCEDURE_URL}'], main button[data-print]")
    expect(controls).to_have_count(2)
    for control in controls.all():
        expect(control).to_be_visible()
    axe(page)
    page.emulate_media(media="print")
    for control in controls.all():
        expect(control).to_be_hidden()
    page.emulate_media(media="screen")

    # The print button works under the site's real CSP (no bypass, no inline handler).
    strict = page.context.browser.new_context(locale="de-DE", base_url=live_url)
    try:
        printing = strict.new_page()
        printing.add_init_script("window.print = () => { window.__printed = true; };")
        violations = []
        printing.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        response = printing.goto(f"{PROCEDURE_URL}drucken/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        printing.locator("main button[data-print]").click()
        printing.wait_for_function("() => window.__printed === true")
        assert violations == []
    finally:
        strict.close()


def test_faq_answers_open_by_keyboard(demo_site, browser_page, axe):
    page = browser_page
    page.goto("/wissen/faq-arbeiten-mit-duldung/")
    question = page.locator("details.knowledge-question").first
    summary = question.locator("summary")
    # Glossary links never end up inside the summary (an interactive element in another).
    expect(summary.locator("a")).to_have_count(0)
    summary.focus()
    page.keyboard.press("Enter")
    expect(question).to_have_attribute("open", "")
    axe(page)


def _admin_create_url() -> str:
    from knowledge.models import KnowledgeIndexPage

    index = KnowledgeIndexPage.objects.get()
    return f"/admin/pages/add/knowledge/legalchangepage/{index.pk}/"


def test_editor_writes_a_legal_change_a_moderator_approves_it_and_readers_see_it(
    demo_site, browser_page, axe, login_as, make_user, with_totp
):
    from knowledge.models import LegalChangePage

    editor = with_totp(make_user(Role.EDITOR, email="autorin@portal.example"))
    moderator = with_totp(make_user(Role.MODERATOR, email="freigabe2@portal.example"))
    title = "Teständerung: Beschäftigungserlaubnis nach drei Monaten"
    today = timezone.localdate()
    page = browser_page

    # The editor writes the change and submits it to the "Zweite Freigabe" workflow.
    login_as(page, editor)
    page.goto(_admin_create_url())
    admin_findings = {"create": axe(page, fail=False)}
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Demo: Geduldete dürfen nach drei Monaten arbeiten.")
    page.locator("#id_effective_date").fill(today.isoformat())
    page.locator("#id_state").select_option("in_force")
    footer = page.locator("footer, .footer").last
    footer.locator("[data-w-dropdown-target=toggle], .dropdown-toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").click()
    draft = LegalChangePage.objects.get(title=title)
    assert not draft.live
    assert draft.current_workflow_state is not None

    # Not published yet: neither the feed nor the index shows it.
    assert title not in page.request.get("/wissen/feed/").text()

    # The moderator approves and so publishes it.
    page.context.clear_cookies()
    login_as(page, moderator)
    page.goto("/admin/")
    admin_findings["dashboard"] = axe(page, fail=False)
    # The dashboard lists the change as awaiting the moderator's review.
    with page.expect_navigation():
        page.locator(f"main a[href='/admin/pages/{draft.pk}/edit/']").first.click()
    admin_findings["edit"] = axe(page, fail=False)
    footer = page.locator("footer, .footer").last
    footer.locator("[data-w-dropdown-target=toggle], .dropdown-toggle").first.click()
    with page.expect_navigation():
        page.locator(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ).click()
    draft.refresh_from_db()
    assert draft.live

    # Readers (logged out) find it in the Atom feed and on the knowledge index.
    page.context.clear_cookies()
    feed = page.request.get("/wissen/feed/")
    assert feed.ok
    parsed = feedparser.parse(feed.body())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert title in [entry.title for entry in parsed.entries]

    page.goto("/wissen/")
    expect(page.locator(".knowledge-newest")).to_contain_text(title)
    axe(page)
    with page.expect_navigation():
        page.locator(".knowledge-newest").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    axe(page)
    print("axe on the Wagtail admin:", _summary(admin_findings))  # noqa: T201 - for the report


def _summary(findings: dict[str, list[dict]]) -> dict[str, list[str]]:
    return {
        name: sorted(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in violations)
        for name, violations in findings.items()
    }


def test_the_moderator_approves_a_demo_article_from_the_page_editor_with_a_comment(
    demo_site, browser_page, axe, login_as
):
    """Issue 14: on the demo, "Freigeben" in the page editor's footer answered "Sie haben leider
    keinen Zugang" and left a revision of the approver's that locked them out. The demo logins:
    the editor submits a change to a demo article, is told why they cannot approve it, and the
    moderator approves it with a comment from the editor's footer menu; the change goes live."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Revision, TaskState

    from knowledge.models import LegalChangePage
    from knowledge.models.workflows import content_differs

    # The demo's logins (with their authenticator apps, as the demo sets them up).
    users = get_user_model().objects
    editor = users.get(email="redaktion@ipnetz.example")
    moderator = users.get(email="freigabe@ipnetz.example")
    article = LegalChangePage.objects.live().filter(state="in_force").order_by("pk").first()
    edit_url = f"/admin/pages/{article.pk}/edit/"
    addition = "Ergänzt: Die Behörde entscheidet innerhalb von vier Wochen."
    page = browser_page

    # The editor changes the summary and submits the article to the "Zweite Freigabe".
    login_as(page, editor)
    page.goto(edit_url)
    summary = page.locator("#id_summary")
    summary.fill(summary.input_value() + " " + addition)
    footer = page.locator("footer, .footer").last
    footer.locator("[data-w-dropdown-target=toggle], .dropdown-toggle").first.click()
    with page.expect_navigation():
        footer.get_by_role("button", name="Einreichen: Zweite Freigabe").click()
    article.refresh_from_db()
    assert article.current_workflow_state is not None
    # Back in the editor, the author is told why there is nothing to approve.
    page.goto(edit_url)
    expect(page.locator(".messages")).to_contain_text("zweite Person")
    expect(page.locator("button[data-workflow-action-name=approve]")).to_have_count(0)

    # The moderator opens it from the dashboard and approves it with a comment.
    page.context.clear_cookies()
    login_as(page, moderator)
    page.goto("/admin/")
    with page.expect_navigation():
        page.locator(f"main a[href='{edit_url}']").first.click()
    findings = {"edit": axe(page, fail=False)}
    footer = page.locator("footer, .footer").last
    footer.locator("[data-w-dropdown-target=toggle], .dropdown-toggle").first.click()
    page.locator(
        "button[data-workflow-action-name=approve][data-workflow-action-modal-url]"
    ).click()
    modal = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("[name=comment]"))
    modal.locator("[name=comment]").fill("Geprüft, Quelle stimmt.")
    findings["comment"] = axe(page, fail=False)
    with page.expect_navigation():
        modal.locator("button[type=submit], input[type=submit]").first.click()
    expect(page.locator(".messages")).not_to_contain_text("keinen Zugang")

    article.refresh_from_db()
    assert article.current_workflow_state is None
    assert addition in article.summary
    # Wagtail's autosave may still store the moderator's untouched form as a draft, racing the
    # approval; such a copy changes nothing, so it makes nobody an author.
    live = article.live_revision.as_object()
    for copy in Revision.objects.filter(object_id=str(article.pk), user=moderator):
        assert not content_differs(live, copy.as_object())
    approval = TaskState.objects.filter(revision__object_id=str(article.pk)).latest("pk")
    assert approval.status == "approved" and approval.comment == "Geprüft, Quelle stimmt."

    # Readers see the change.
    page.context.clear_cookies()
    page.goto(article.url)
    expect(page.locator("main")).to_contain_text(addition)
    axe(page)
    print("axe on the Wagtail admin:", _summary(findings))  # noqa: T201 - for the report
