"""Configuration from the environment: malformed values give one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal import config

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", ["postgres//nohost", "mysqlx://a@b/c", "postgres://u@h:99999999/x"])
def test_malformed_database_url_is_a_config_error(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(config.ConfigError, match="DATABASE_URL"):
        config.database(Path("/tmp/x.sqlite3"))


def test_unset_database_url_means_sqlite_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = config.database(tmp_path / "ipnetz.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "ipnetz.sqlite3")


def test_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://ip:secret@db.internal:5432/ipnetz")
    db = config.database(Path("/unused"))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["NAME"], db["USER"]) == ("db.internal", "ipnetz", "ip")


@pytest.mark.parametrize("url", ["localhost:9200", "ftp://es", "http://es:port"])
def test_malformed_elasticsearch_url_is_a_config_error(monkeypatch, url):
    monkeypatch.setenv("ELASTICSEARCH_URL", url)
    with pytest.raises(config.ConfigError, match="ELASTICSEARCH_URL"):
        config.elasticsearch_url()


def test_secret_key_is_generated_once_in_development(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.secret_key(tmp_path, required=False)
    assert len(first) >= 50
    assert config.secret_key(tmp_path, required=False) == first


def test_secret_key_is_required_in_production(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigError, match="SECRET_KEY"):
        config.secret_key(tmp_path, required=True)


def test_email_url_selects_smtp(monkeypatch):
    settings = config.email("smtp://mailer:pw@mail.example:2525")
    assert settings["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("mail.example", 2525)


#: Set by the test process itself (the browser tests' conftest), never by a deployment.
_TEST_ONLY_ENV = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY_ENV}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_manage_py_reports_a_malformed_database_url_in_one_line(tmp_path):
    result = _manage(
        "check",
        env_overrides={"DATABASE_URL": "postgres//broken", "IPNETZ_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ipnetz: configuration error: DATABASE_URL")


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DEBUG": "0",
            "SECRET_KEY": "k7#Q2v!pL9zR4xW1mN8bT6yH3jD5fG0sA-uE_cV^oI&kP@qZ$rX",
            "ALLOWED_HOSTS": "ipnetz.example",
            "BASE_URL": "https://ipnetz.example",
            "IPNETZ_DATA_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("base_url", ["", "http://localhost:8000"])
def test_production_settings_refuse_a_missing_or_local_base_url(tmp_path, base_url):
    """Links in mails and feeds sent from production must never say http://localhost."""
    result = _manage(
        "check",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DEBUG": "0",
            "SECRET_KEY": "k7#Q2v!pL9zR4xW1mN8bT6yH3jD5fG0sA-uE_cV^oI&kP@qZ$rX",
            "ALLOWED_HOSTS": "ipnetz.example",
            "BASE_URL": base_url,
            "IPNETZ_DATA_DIR": str(tmp_path),
        },
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ipnetz: configuration error: BASE_URL")


def test_unreachable_elasticsearch_is_one_warning_line(tmp_path):
    result = _manage(
        "check",
        env_overrides={"ELASTICSEARCH_URL": "http://127.0.0.1:9", "IPNETZ_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "ipnetz.W001" in output
    assert "Traceback" not in output
