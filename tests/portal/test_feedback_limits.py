"""The anonymous barrier-feedback form under attack: length limits, a rate limit, a honeypot."""

from __future__ import annotations

import pytest

from portal.models import AccessibilityStatementPage

pytestmark = pytest.mark.django_db

BIG = "x" * 200_000


@pytest.fixture
def feedback(demo_site, fresh_cache, mailoutbox, django_capture_on_commit_callbacks):
    page = AccessibilityStatementPage.objects.get()

    def post(client, data, address="192.0.2.1"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, data, REMOTE_ADDR=address)

    post.page = page
    post.stored = lambda: page.get_submission_class().objects.filter(page=page).count()
    return post


def _valid(**changes):
    form = {
        "seite": "/verzeichnis/",
        "beschreibung_der_barriere": "Der Kontrast der Filter ist zu schwach.",
        "name": "",
        "e_mail_fur_ruckfragen": "",
    }
    form.update(changes)
    return form


def test_oversized_posts_get_field_errors_and_nothing_is_stored_or_mailed(
    client, feedback, mailoutbox
):
    hostile = {
        "seite": BIG,
        "beschreibung_der_barriere": BIG,
        "name": BIG,
        "e_mail_fur_ruckfragen": f"{BIG}@example.org",
    }
    for number in range(12):
        response = feedback(client, hostile, address=f"198.51.100.{number}")
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('class="error"') == 4
        assert BIG not in html  # the page does not echo 200 KB back
    assert feedback.stored() == 0
    assert mailoutbox == []


def test_a_message_at_the_limit_is_accepted(client, feedback):
    response = feedback(client, _valid(beschreibung_der_barriere="ä" * 5000, name="n" * 200))
    assert response.status_code == 200
    assert feedback.stored() == 1


def test_the_sixth_post_within_ten_minutes_gets_429(client, feedback, mailoutbox):
    statuses = [feedback(client, _valid()).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert feedback.stored() == 5
    response = feedback(client, _valid())
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "zu viele" in response.content.decode().lower()
    # Another client is not affected.
    assert feedback(client, _valid(), address="203.0.113.5").status_code == 200


def test_a_filled_honeypot_stores_nothing_but_answers_like_success(client, feedback, mailoutbox):
    response = feedback(client, _valid(website="http://spam.example"))
    assert response.status_code == 200
    assert feedback.stored() == 0
    assert mailoutbox == []
    thanks = feedback(client, _valid())
    assert response.templates[0].name == thanks.templates[0].name


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, feedback):
    html = client.get(feedback.page.url).content.decode()
    assert 'class="hp-field" aria-hidden="true"' in html
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert '<label for="id_website"' in html


def test_the_honeypot_is_not_stored_with_a_genuine_submission(client, feedback):
    feedback(client, _valid())
    submission = feedback.page.get_submission_class().objects.get()
    assert "website" not in submission.get_data()
