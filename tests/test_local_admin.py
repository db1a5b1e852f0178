"""`make run` creates one local administrator and always says how to log in."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest

from core.management.commands import ensure_local_admin

pytestmark = pytest.mark.django_db


def run(port="8000"):
    out = StringIO()
    call_command("ensure_local_admin", "--port", port, stdout=out)
    return out.getvalue()


def test_creates_one_administrator_and_prints_the_same_login_every_time(
    tmp_path, monkeypatch, client
):
    monkeypatch.setattr(ensure_local_admin, "PASSWORD_FILE", tmp_path / "password")
    first = run(port="8123")
    assert "Created the local administrator." in first
    assert "http://127.0.0.1:8123/admin/" in first
    password = (tmp_path / "password").read_text().strip()
    assert f"user: admin  password: {password}" in first

    second = run()
    assert "Created" not in second
    assert f"password: {password}" in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    # django-axes checks each sign-in against its request: give it one.
    assert client.login(request=HttpRequest(), username="admin", password=password)
