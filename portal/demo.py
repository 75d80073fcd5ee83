"""The demo region: a registry of loader steps that each app contributes.

Each app returns its step from the ``ipnetz_demo_steps`` hook in its ``wagtail_hooks.py``
(``DemoStep("directory", demo_data.load, order=20)``); ``load_demo`` runs the steps by ``order``,
lowest first. A step receives a ``DemoContext`` and must be idempotent:
it looks objects up by a stable key (slug, external key, e-mail) and updates them in place.
Everything here is fictional and marked as demo content, not legal advice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.base import OutputWrapper

from portal.extensions import collect


@dataclass
class DemoContext:
    """Shared state passed from step to step (the home page, the region, created users …)."""

    stdout: OutputWrapper | None = None
    data: dict = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, password)

    def progress(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  {message}")


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[DemoContext], None]
    order: int


def steps() -> list[DemoStep]:
    """Every app's demo step, lowest ``order`` first."""
    return sorted(collect("ipnetz_demo_steps"), key=lambda step: step.order)


#: Password of every demo login. Printed by load_demo; the demo is for trying things out only.
DEMO_PASSWORD = "ipnetz-demo-2026"  # noqa: S105


def ensure_page(parent, model, *, slug: str, **fields):
    """The live child page of ``parent`` with ``slug``: created, or updated in place, and published.

    Idempotent: running it twice leaves one page with the latest field values.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise TypeError(f"{parent.url_path}{slug}/ exists but is a {type(page).__name__}")
        for name, value in fields.items():
            setattr(page, name, value)
    else:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_user(
    ctx: DemoContext,
    *,
    role_label: str,
    email: str,
    first_name: str,
    last_name: str,
    groups: list[str] = (),
    superuser: bool = False,
):
    """A demo login with ``DEMO_PASSWORD``, in ``groups``; recorded for the summary table."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    user, _created = user_model.objects.update_or_create(
        username=email,
        defaults={
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "is_active": True,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    ctx.logins.append((role_label, email, DEMO_PASSWORD))
    return user
