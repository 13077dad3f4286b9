"""Production settings: refuse to start without a secret, pass `check --deploy`; env helpers."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from homeward.lib.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[1]


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment minus every HOMEWARD_* and DATABASE_URL variable, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HOMEWARD_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env["HOMEWARD_DATA_DIR"] = str(tmp_path / "data")
    env["HOMEWARD_STATIC_ROOT"] = str(tmp_path / "static")
    env.update(extra)
    return env


def python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


SETUP = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="homeward.settings")
    result = python(env, "-c", SETUP)
    assert result.returncode != 0
    assert "HOMEWARD_SECRET_KEY" in result.stderr
    # The `homeward` command refuses too.
    result = python(clean_env(tmp_path), "-m", "homeward", "check")
    assert result.returncode != 0 and "HOMEWARD_SECRET_KEY" in result.stderr


def test_development_mode_starts_without_a_secret_key(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="homeward.settings", HOMEWARD_DEBUG="true")
    # Reading the settings is enough: that is where the refusal would happen.
    result = python(env, "-c", "from django.conf import settings; print(settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_passes_check_deploy(tmp_path):
    env = clean_env(
        tmp_path,
        HOMEWARD_SECRET_KEY=secrets.token_urlsafe(64),
        HOMEWARD_ALLOWED_HOSTS="homeward.example.com",
    )
    result = python(env, "-m", "homeward", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_selects_postgresql_and_proxy_settings_apply(tmp_path):
    env = clean_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="homeward.settings",
        HOMEWARD_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL="postgres://hw:pw@db.internal:5433/homeward",
        HOMEWARD_BEHIND_PROXY="true",
        HOMEWARD_ALLOWED_HOSTS="a.example, b.example",
    )
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'], s.SECURE_PROXY_SSL_HEADER, "
        "s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = python(env, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 4)[:4] == [
        "django.db.backends.postgresql",
        "db.internal",
        "5433",
        "homeward",
    ]
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in result.stdout
    assert "['a.example', 'b.example'] True True" in result.stdout


def test_without_database_url_sqlite_lives_in_the_data_folder(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="homeward.settings", HOMEWARD_DEBUG="true")
    code = "from django.conf import settings as s; print(s.DATABASES['default']['NAME'])"
    result = python(env, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "data" / "homeward.sqlite3")


def test_a_misspelt_boolean_stops_start_up(tmp_path):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="homeward.settings", HOMEWARD_DEBUG="ture")
    result = python(env, "-c", SETUP)
    assert result.returncode != 0 and "HOMEWARD_DEBUG must be a boolean" in result.stderr


VAR = "HOMEWARD_TEST_VARIABLE"


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        (None, "fallback", "fallback"),
        ("", "fallback", ""),
        ("value", "fallback", "value"),
        ("  spaced  ", "", "  spaced  "),
    ],
)
def test_env_str(monkeypatch, raw, default, expected):
    if raw is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, raw)
    assert env_str(VAR, default) == expected


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        (None, False, False),
        (None, True, True),
        ("1", False, True),
        ("true", False, True),
        ("TRUE", False, True),
        (" Yes ", False, True),
        ("on", False, True),
        ("0", True, False),
        ("false", True, False),
        ("No", True, False),
        ("off", True, False),
        ("", True, False),
    ],
)
def test_env_bool(monkeypatch, raw, default, expected):
    if raw is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled", "tru"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ValueError, match=f"{VAR} must be a boolean"):
        env_bool(VAR)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, 7), ("", 7), ("  ", 7), ("42", 42), (" 42 ", 42), ("-3", -3), ("0", 0)],
)
def test_env_int(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, raw)
    assert env_int(VAR, 7) == expected


@pytest.mark.parametrize("raw", ["4.5", "ten", "1e3", "0x10"])
def test_env_int_refuses_non_integers(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ValueError, match=f"{VAR} must be an integer"):
        env_int(VAR, 0)


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        (None, None, []),
        (None, ["a"], ["a"]),
        ("", ["a"], []),
        ("x", None, ["x"]),
        ("x, y ,z", None, ["x", "y", "z"]),
        ("x,,y,", None, ["x", "y"]),
    ],
)
def test_env_list(monkeypatch, raw, default, expected):
    if raw is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, raw)
    assert env_list(VAR, default) == expected


def test_env_list_default_is_not_shared(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)
    default = ["a"]
    env_list(VAR, default).append("b")
    assert default == ["a"]


def test_evidence_command_runs_without_production_configuration(tmp_path):
    rows = ["person,week,home,y"]
    for person in range(6):
        for week in range(8):
            home = int(person < 4 and week >= 4)
            rows.append(
                f"{person},{week},{home},{10 + person + 0.1 * week + home + (person * week) % 3 * 0.2}"
            )
    panel = tmp_path / "panel.csv"
    panel.write_text("\n".join(rows) + "\n")
    result = python(
        clean_env(tmp_path),
        "-m",
        "homeward",
        "evidence",
        str(panel),
        "--outcome",
        "y",
        "--unit",
        "person",
        "--period",
        "week",
        "--treatment",
        "home",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["n_obs"] == 48 and out["n_units"] == 6 and out["n_periods"] == 8
    assert out["ci_low"] < out["estimate"] < out["ci_high"]
