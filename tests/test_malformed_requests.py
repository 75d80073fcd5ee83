"""Malformed requests answer 4xx, never 5xx (issue 20, item 5).

A probe found four 500s: a 25-digit id in two calendar URLs on SQLite (integer overflow) and a
NUL byte in ``kalender.ics?topic=`` on PostgreSQL. The class is closed in the kernel: database
ids in URLs use the bounded ``id`` path converter (``portal.converters``), and
``portal.middleware.MalformedRequestMiddleware`` answers 400 to NUL bytes, invalid UTF-8 and
over-long values before any view reads them.

The property test walks every URL the access matrix has a row for (and that test fails for a URL
without one), as every role, with huge integers in place of the ids, a hostile last path
segment, and hostile values in the query parameters the views read (derived from the sources
below). Pass 1 (SQLite) and pass 2 (PostgreSQL) run it alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portal.converters import MAX_ID, DatabaseIdConverter
from tests.test_access_matrix import ROLES, ROWS, _close, world  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[1]
APPS = ("portal", "directory", "events", "knowledge", "offers", "search")

# --- the query parameters the views read --------------------------------------------------

#: Read through a variable or a helper, so not found by ``derived_parameters``: the events
#: filters (``events.selectors.parse_filters``), the search facets (``search.views``), and what
#: Wagtail's admin and allauth read.
INDIRECT_PARAMETERS = {
    "kind", "month", "municipality", "audience", "topic", "view",
    "art", "thema", "ort", "fuer",
    "next", "p", "q", "ordering", "page",
}  # fmt: skip

_READS = re.compile(r"""(?:GET|params)\.get\(\s*["']([\w-]+)["']""")
_BOUND_TO_GET = re.compile(r"""\b([A-Z]\w+)\(\s*(?:data=)?request\.GET\b""")


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, path.read_text()


def derived_parameters() -> set[str]:
    """Names read with ``request.GET.get("…")`` plus the fields of every form or filter set
    bound to ``request.GET``."""
    import importlib

    names: set[str] = set()
    bound: set[str] = set()
    for _path, text in _sources():
        names.update(_READS.findall(text))
        bound.update(_BOUND_TO_GET.findall(text))
    for path, text in _sources():
        for cls in bound:
            if re.search(rf"^class {cls}\(", text, re.MULTILINE):
                module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                form = getattr(importlib.import_module(module), cls)
                fields = getattr(form, "base_fields", None) or getattr(form, "base_filters", {})
                names.update(fields)
    return names


PARAMETERS = sorted(derived_parameters() | INDIRECT_PARAMETERS)


def test_the_parameters_are_derived_from_the_views():
    # A sample of what the views read today, so that a broken derivation cannot pass silently.
    assert {"seite", "mseite", "ohne_konto", "version", "gemeinde", "nachname"} <= set(PARAMETERS)


# --- hostile values -------------------------------------------------------------------------

#: Past SQLite's and PostgreSQL's bigint, and far past both.
HUGE = [str(MAX_ID + 1), str(2**64), "9" * 25, "1" + "0" * 40]
huge_integers = st.sampled_from(HUGE) | st.integers(min_value=2**31, max_value=10**40).map(str)
#: Percent-encoded, as a client would send them: NUL, invalid UTF-8 (a lone continuation byte,
#: a truncated sequence, an overlong encoding, a surrogate, beyond U+10FFFF), and the like.
INVALID = ["%00", "a%00b", "%ff", "%c3%28", "%c0%af", "%ed%a0%80", "%f4%90%80%80", "%80", "%e2%82"]
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12).map(
    lambda text: quote(text, safe="")
)
hostile = st.one_of(
    st.sampled_from(INVALID),
    st.tuples(words, st.sampled_from(INVALID), words).map("".join),
    huge_integers,
    st.integers(min_value=1_000, max_value=20_000).map(lambda n: "x" * n),
    st.sampled_from(["-1", "0", "1e999", "NaN", "' OR 1=1 --", "%2e%2e%2f", "%0d%0aX: y"]),
    words,
)

_IDS = re.compile(r"(?<=/)\d+(?=[/.-]|$)")


def mutate(url: str, how: str, value: str) -> str:
    """``url`` with its ids replaced by ``value`` (``ids``), its last path segment replaced by
    ``value`` (``segment``), or unchanged (``none``)."""
    path, _, query = url.partition("?")
    if how == "ids":
        path = _IDS.sub(value, path)
    elif how == "segment":
        head, slash, tail = path.rstrip("/").rpartition("/")
        suffix = "/" if path.endswith("/") else ""
        path = f"{head}{slash}{value}{suffix}" if slash else f"/{value}/"
    return path + ("?" + query if query else "")


@pytest.mark.django_db(transaction=False)
def test_no_malformed_request_to_any_url_gets_a_server_error(client, world):  # noqa: F811
    """Every URL of the matrix × hostile ids, path segments and query values: no 5xx."""
    client.raise_request_exception = False

    def check(row, role, how, path_value, params):
        url = row.url(world) if callable(row.url) else row.url
        target = mutate(url, how, path_value)
        query = "&".join(f"{name}={value}" for name, value in params)
        if query:
            target += ("&" if "?" in target else "?") + query
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = getattr(client, row.method)(target)
        _close(response)
        assert response.status_code < 500, f"{row.method.upper()} {target[:300]} as {role}"

    def fuzz(row):
        @settings(
            max_examples=3,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            role=st.sampled_from(ROLES),
            how=st.sampled_from(["none", "ids", "segment"]),
            path_value=hostile,
            params=st.lists(st.tuples(st.sampled_from(PARAMETERS), hostile), max_size=3),
        )
        @example(role="admin", how="ids", path_value="9" * 25, params=[("topic", "a%00b")])
        @example(role="anonymous", how="segment", path_value="a%00b", params=[("page", "%ff")])
        def run(role, how, path_value, params):
            check(row, role, how, path_value, params)

        return run

    checked = []
    for row in ROWS:
        fuzz(row)()
        checked.append(row.name)
    assert len(checked) == len(ROWS)


# --- the converter ------------------------------------------------------------------------


def test_every_id_in_a_project_url_uses_the_bounded_converter():
    """Wagtail's own viewsets (snippets, admin) keep Django's ``int``: their lookups go through
    primary keys, which Django guards against overflow; the project's own patterns also look up
    through foreign keys and page pointers, which it does not."""
    unbounded = [
        f"{path.relative_to(ROOT)}:{number}"
        for path, text in _sources()
        for number, line in enumerate(text.splitlines(), 1)
        if re.search(r"<int:\w+>", line)
    ]
    assert unbounded == [], "use <id:…> (portal.converters) for database ids"
    assert resolve("/termine/termin/23.ics").kwargs == {"occurrence_id": 23}
    with pytest.raises(Resolver404):
        resolve(f"/termine/termin/{MAX_ID + 1}.ics")


@pytest.mark.parametrize("value", ["0", "1", "23", str(MAX_ID)])
def test_the_id_converter_takes_every_id_a_database_can_hold(value):
    assert DatabaseIdConverter().to_python(value) == int(value)


@pytest.mark.parametrize("value", HUGE)
def test_the_id_converter_refuses_ids_no_database_can_hold(value):
    with pytest.raises(ValueError):
        DatabaseIdConverter().to_python(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/termine/veranstaltung/{'9' * 25}.ics",
        f"/termine/termin/{'9' * 25}.ics",
        f"/termine/anmelden/{2**63}/",
        f"/verzeichnis/o/{'9' * 25}/",
    ],
)
def test_a_huge_id_is_a_missing_object(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/termine/kalender.ics?topic=a%00b",
        "/suche/?q=%00",
        "/suche/vorschlaege?q=Job%ff",
        "/verzeichnis/wer-ist-zustaendig/?nachname=%c3%28",
        "/angebote/?q=" + "x" * 3000,
        "/a%00b/",
    ],
)
def test_nul_invalid_utf8_and_overlong_values_are_refused_before_any_view(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.django_db
def test_ordinary_values_pass(client):
    assert client.get("/suche/?q=Aufenthalt+%C3%BCbersetzen&page=1").status_code == 200
