"""Signing in to the admin: lockout per account and per address, unlocking, throttled
password resets, and no Django admin."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from security.logins import client_network, lockout_message

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-password-42"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.edu", PASSWORD)


def visitor(address="203.0.113.7", **headers):
    return Client(REMOTE_ADDR=address, **headers)


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client):
    """Whether the client's session reaches the dashboard."""
    return client.get("/admin/").status_code == 200


def fail(client, username, times):
    return [sign_in(client, username, "wrong").status_code for _ in range(times)]


def test_the_limit_is_five_failures_for_fifteen_minutes():
    assert LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)


def test_an_account_is_locked_after_the_failure_limit_even_for_the_right_password(editor):
    client = visitor()
    # Four failures just say the password is wrong; the fifth locks the account.
    assert fail(client, "editor", LIMIT - 1) == [200] * (LIMIT - 1)
    locked = sign_in(client, "editor", "wrong")
    assert locked.status_code == 429
    assert lockout_message() in locked.content.decode()
    # The right password is refused while the account is locked, from anywhere.
    for client in (visitor(), visitor("198.51.100.20")):
        response = sign_in(client, "editor", PASSWORD)
        assert response.status_code == 429
        assert lockout_message() in response.content.decode()
        assert not signed_in(client)


def test_below_the_limit_the_right_password_still_works(editor):
    client = visitor()
    fail(client, "editor", LIMIT - 1)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_an_address_is_locked_after_failures_for_any_user_names(editor):
    client = visitor("203.0.113.50")
    for name in ("admin", "root", "editor2", "webmaster", "test"):
        sign_in(client, name, "guess")
    # Locked from that address, for an account that never failed...
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert not signed_in(client)
    # ...but not from another address.
    other = visitor("203.0.113.51")
    assert sign_in(other, "editor", PASSWORD).status_code == 302
    assert signed_in(other)


def test_an_ipv6_visitor_is_counted_by_its_64(editor):
    for host in range(1, LIMIT + 1):
        sign_in(visitor(f"2001:db8:1:2::{host}"), f"user{host}", "guess")
    assert sign_in(visitor("2001:db8:1:2:ffff::1"), "editor", PASSWORD).status_code == 429
    assert sign_in(visitor("2001:db8:1:3::1"), "editor", PASSWORD).status_code == 302


def test_client_network():
    def network(address):
        return client_network(type("Request", (), {"META": {"REMOTE_ADDR": address}}))

    assert network("203.0.113.7") == "203.0.113.7"
    assert network("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::"
    assert network("::ffff:203.0.113.7") == "203.0.113.7"
    assert network("") is None


def test_the_lockout_ends_after_the_cool_off(editor):
    client = visitor()
    fail(client, "editor", LIMIT)
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME
    )
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_attempts_during_a_lockout_do_not_prolong_it(editor):
    client = visitor()
    fail(client, "editor", LIMIT)
    before = AccessAttempt.objects.get()
    fail(client, "editor", 3)
    after = AccessAttempt.objects.get()
    assert (after.failures_since_start, after.attempt_time) == (LIMIT, before.attempt_time)


@pytest.fixture
def zh_hant_lockout_message():
    """A Traditional Chinese translation of the message, as the catalogue will give it."""
    with translation.override("zh-hant"):
        catalog = trans_real.translation("zh-hant")._catalog
        english = lockout_message()
        minutes = settings.AXES_COOLOFF_TIME.total_seconds() // 60
        key = (
            "Too many failed sign-in attempts. Signing in to this account, or from this "
            "address, is locked for %(minutes)d minute. Try again later, or ask an "
            "administrator to unlock it."
        )
        saved = {k: catalog.get(k) for k in [(key, 0)]}
        if lockout_message() == english:  # not translated yet: stand in for the translator
            catalog[(key, 0)] = "登入失敗次數過多，此帳戶或此地址的登入已鎖定 %(minutes)d 分鐘。"
        expected = lockout_message()
    assert str(int(minutes)) in expected
    yield expected
    for k, value in saved.items():
        if value is None:
            catalog._catalogs[0].pop(k, None)
        else:
            catalog[k] = value


def test_the_lockout_message_is_in_the_admins_language(editor, zh_hant_lockout_message):
    client = visitor(HTTP_ACCEPT_LANGUAGE="zh-HK,zh;q=0.9")
    fail(client, "editor", LIMIT)
    response = sign_in(client, "editor", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert zh_hant_lockout_message in html
    with translation.override("en"):
        assert lockout_message() not in html  # not the English one
    assert '<html lang="zh-hant"' in html or 'lang="zh-Hant"' in html


def unlocker(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_an_administrator_unlocks_an_account_in_the_admin(editor):
    fail(visitor(), "editor", LIMIT)
    admin = get_user_model().objects.create_superuser("chief", "chief@example.edu", "x")
    page = unlocker(admin).get("/admin/sign-in-lockouts/")
    assert page.status_code == 200
    html = page.content.decode()
    # Five failures for one account from one address: both are locked.
    assert "Unlock editor" in html and "Unlock 203.0.113.7" in html
    response = unlocker(admin).post("/admin/sign-in-lockouts/", {"username": "editor"})
    assert response.status_code == 302
    client = visitor()
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_an_address_in_the_admin(editor):
    client = visitor("203.0.113.50")
    for name in ("a", "b", "c", "d", "e"):
        sign_in(client, name, "guess")
    admin = get_user_model().objects.create_superuser("chief", "chief@example.edu", "x")
    assert "203.0.113.50" in unlocker(admin).get("/admin/sign-in-lockouts/").content.decode()
    unlocker(admin).post("/admin/sign-in-lockouts/", {"address": "203.0.113.50"})
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_only_those_allowed_to_unlock_see_the_lockouts(editor):
    moderator = get_user_model().objects.create_user("moderator", "m@example.edu", "x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = unlocker(moderator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/sign-in-lockouts/").status_code in (302, 403)
    assert "/admin/sign-in-lockouts/" not in client.get("/admin/").content.decode()
    # A group given axes' "Can delete access attempt" may unlock.
    group = Group.objects.create(name="Unlockers")
    group.permissions.add(Permission.objects.get(codename="delete_accessattempt"))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    moderator.groups.add(group)
    assert unlocker(moderator).get("/admin/sign-in-lockouts/").status_code == 200


def test_a_management_command_unlocks_an_account(editor):
    fail(visitor(), "editor", LIMIT)
    call_command("axes_reset_username", "editor")
    assert sign_in(visitor(), "editor", PASSWORD).status_code == 302


# --- Password reset -------------------------------------------------------------------
RESET = "/admin/password_reset/"


def request_reset(client, email):
    return client.post(RESET, {"email": email})


def test_password_reset_is_throttled_per_email_address(editor):
    limit = settings.PASSWORD_RESET_RATE_LIMIT["per_email"]
    responses = [
        request_reset(visitor(f"203.0.113.{n}"), "editor@example.edu") for n in range(limit)
    ]
    assert [r.status_code for r in responses] == [302] * limit
    assert len(mail.outbox) == limit
    # Another address, the same e-mail address (any case): refused, nothing sent.
    refused = request_reset(visitor("198.51.100.9"), "Editor@Example.edu")
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == limit


def test_password_reset_is_throttled_per_address(editor):
    limit = settings.PASSWORD_RESET_RATE_LIMIT["per_address"]
    client = visitor("203.0.113.80")
    statuses = [request_reset(client, f"person{n}@example.edu").status_code for n in range(limit)]
    assert statuses == [302] * limit
    assert request_reset(client, "editor@example.edu").status_code == 429
    assert len(mail.outbox) == 0
    # From elsewhere the editor can still ask.
    assert request_reset(visitor("203.0.113.81"), "editor@example.edu").status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_counts_expire(editor):
    from security.models import PasswordResetRequest

    client = visitor()
    for _ in range(settings.PASSWORD_RESET_RATE_LIMIT["per_email"]):
        request_reset(client, "editor@example.edu")
    window = timedelta(seconds=settings.PASSWORD_RESET_RATE_LIMIT["seconds"])
    PasswordResetRequest.objects.update(
        requested_at=PasswordResetRequest.objects.first().requested_at - window
    )
    assert request_reset(client, "editor@example.edu").status_code == 302


# --- No Django admin ------------------------------------------------------------------
def test_the_django_admin_is_gone(client, editor):
    client.force_login(editor)
    # Like any unknown address: sent to the English prefix, and not found there.
    for path in ("/django-admin/", "/django-admin/login/", "/django-admin/auth/user/"):
        response = client.get(path, follow=True)
        assert response.status_code == 404, path
    assert "django-admin" not in client.get("/robots.txt").content.decode()
    assert "django.contrib.admin" not in settings.INSTALLED_APPS


def test_what_the_django_admin_offered_is_in_wagtails(client, editor):
    """Users, groups, images and documents are Wagtail's own; tags are managed there too."""
    client.force_login(editor)
    for path in ("/admin/users/", "/admin/groups/", "/admin/images/", "/admin/documents/"):
        assert client.get(path).status_code == 200, path
    from taggit.models import Tag

    Tag.objects.create(name="laboratory", slug="laboratory")
    listing = client.get("/admin/tags/")
    assert listing.status_code == 200
    assert "laboratory" in listing.content.decode()
