"""How the apps plug into the kernel: Wagtail hooks, one discovery route for every extension point.

The kernel (``portal``) is the bottom layer and imports no app. Where it needs something from the
apps above it, it reads a hook: each app registers a function in its ``wagtail_hooks.py`` with
``@hooks.register("ipnetz_…")``, and the kernel calls ``wagtail.hooks.get_hooks`` (Wagtail imports
every installed app's ``wagtail_hooks`` module on the first call). A hook function takes no
arguments and returns one item, a list of items, or — for the keyed points — a dict.

| hook | returns | read by |
|---|---|---|
| ``ipnetz_account_menu_items`` | ``portal.accounts.menu.MenuLink`` | the account menu |
| ``ipnetz_demo_steps`` | ``portal.demo.DemoStep`` | ``manage.py load_demo`` |
| ``ipnetz_health_checks`` | ``{name: check}`` (``check()`` → JSON-able dict) | ``/healthz`` |
| ``ipnetz_housekeeping_jobs`` | ``portal.housekeeping.Job`` | ``manage.py housekeeping`` |
| ``ipnetz_membership_sides`` | ``portal.accounts.sides.MembershipSide`` | sign-up and approval |
| ``ipnetz_personal_data`` | ``portal.personal_data.PersonalDataSource`` | data download, deletion |
| ``ipnetz_role_permissions`` | ``{role: ["app_label.codename", …]}`` | ``portal.roles`` (migrate) |
| ``ipnetz_sitemaps`` | ``{name: Sitemap}`` | ``/sitemap.xml`` |

The search registry (``search.registry``, discovered from ``<app>/search_documents.py``) is the
one extension point that is not a hook: its builders carry enough behaviour to earn a module of
their own.
"""

from __future__ import annotations

from wagtail import hooks


def collect(hook_name: str) -> list:
    """The items every function registered for ``hook_name`` returns, in hook order; a function
    may return one item or a list (or tuple) of them."""
    items = []
    for function in hooks.get_hooks(hook_name):
        result = function()
        items.extend(result if isinstance(result, list | tuple) else [result])
    return items


def collect_mapping(hook_name: str) -> dict:
    """The dicts every function registered for ``hook_name`` returns, merged (a later key wins)."""
    merged = {}
    for function in hooks.get_hooks(hook_name):
        merged.update(function())
    return merged
