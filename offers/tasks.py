"""Background tasks of offers (django-tasks). The daily ones are enqueued by the
``offers.daily`` job of ``manage.py housekeeping --every day`` (docs/deployment.md)."""

from django_tasks import task

from offers import services


@task()
def notify_saved_searches(*, offer_id: int) -> int:
    """E-mail the saved searches that a new or changed offer newly matches."""
    return services.notify_saved_searches(offer_id=offer_id)


@task()
def standing_offers_from_registration(*, registration_id: int) -> int:
    """Turn the offers of a Meeting Point registration into standing offers."""
    return len(services.offers_from_registration(registration_id=registration_id))


@task()
def send_renewal_reminders() -> int:
    """Queue renewal reminders and expiry notices; expired offers leave the search index."""
    return services.reminders_send()


@task()
def daily_maintenance() -> dict:
    """The daily run: reminders, measures whose last start has passed, saved-search sweep."""
    return {
        "reminders": services.reminders_send(),
        "lapsed_measures": services.lapsed_measures_touch(),
        "saved_search_mails": services.saved_searches_sweep(),
    }
