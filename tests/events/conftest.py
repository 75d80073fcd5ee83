import pytest


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    """Rate limits and cached feeds must not leak from one test into the next."""


@pytest.fixture
def events_demo(db, django_capture_on_commit_callbacks):
    """The demo steps the events demo builds on (portal, accounts, directory) and its own."""
    from directory import demo_data as directory_demo
    from events import demo_data
    from portal import demo_data as portal_demo
    from portal.accounts import demo_data as accounts_demo
    from portal.demo import DemoContext

    ctx = DemoContext()
    with django_capture_on_commit_callbacks(execute=True):
        portal_demo.load(ctx)
        accounts_demo.load(ctx)
        directory_demo.load(ctx)
        demo_data.load(ctx)
    return ctx
