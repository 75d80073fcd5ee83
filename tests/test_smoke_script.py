"""scripts/smoke.py reads its commands from docs/deployment.md: the production smoke tests the
documentation, so a change there must keep what the smoke (and production) relies on. The smoke
itself runs in ``dev.py test`` after pass 2 and in ``python3 dev.py smoke``."""

from __future__ import annotations

from scripts import smoke


def test_the_documented_units_run_gunicorn_with_the_redacting_logger_and_the_worker():
    commands = smoke.documented_commands()
    web = " ".join(commands["web"])
    assert "portal.wsgi" in web and "--access-logfile -" in web
    assert "--logger-class portal.gunicorn_logging.RedactingLogger" in web
    assert "db_worker" in commands["worker"]


def test_the_documented_nginx_block_terminates_tls_and_logs_no_tokens():
    server = smoke.documented_nginx_server()
    for directive in ("listen 443 ssl", "ssl_certificate ", "X-Forwarded-Proto", "access_log off"):
        assert directive in server
    assert "proxy_pass http://127.0.0.1:8000;" in server


def test_the_documented_backup_runs_pg_dump_and_restores_into_a_fresh_database():
    script = smoke.documented_backup()
    assert 'pg_dump --format=custom --no-owner --file="$BACKUP/ipnetz.dump" "$DATABASE_URL"' in (
        script
    )
    assert 'pg_restore --no-owner --exit-on-error --dbname="$RESTORED_DATABASE_URL"' in script
    assert '-czf "$BACKUP/media.tar.gz" media' in script


def test_the_form_reader_fills_what_a_visitor_must_and_leaves_the_honeypot_empty():
    html = """<form method="post" action="/konto/abmelden/"><input name="csrfmiddlewaretoken"
    value="t"></form><form method="post" novalidate><input type="hidden"
    name="csrfmiddlewaretoken" value="t"><input name="name" value="Jens" required>
    <input type="email" name="email" required><input type="number" name="attendees" min="1"
    required><input type="text" name="website"><input type="checkbox" name="consent" required>
    <select name="kind" required><option value="">–</option><option value="job">Job</option>
    </select></form>"""
    page = smoke.Page(200, "https://x/termine/anmelden/4/", {}, html.encode(), 0.1)
    assert smoke.form_of(page, "/termine/anmelden/4/") == {
        "csrfmiddlewaretoken": "t",
        "name": "Jens",
        "email": "smoke@example.org",
        "attendees": "1",
        "website": "",
        "consent": "on",
        "kind": "job",
    }
