"""CSP and Permissions-Policy: strict on the public site, the admin its own."""

import re

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from page_cache.middleware import response_may_be_stored
from security.middleware import ContentSecurityPolicyMiddleware
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hant", "zh-hans"]
# Below the language prefix: every kind of public page the demo content has.
PUBLIC_PATHS = [
    "",
    "partnerships/",
    "partnerships/alibaba/",
    "partnerships/alibaba/air/",
    "search/?query=PolyU",
    "no-such-page/",
]
VIDEO_ORIGINS = {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}


def policy(response, header="Content-Security-Policy"):
    """{directive: [sources]} of a policy header."""
    assert header in response, f"no {header} header"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict_public_policy(response):
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert set(csp["frame-src"]) == VIDEO_ORIGINS
    permissions = response["Permissions-Policy"]
    for refused in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert refused in permissions
    # The video players may go full screen, and nothing else may.
    fullscreen = re.search(r"fullscreen=\(([^)]*)\)", permissions).group(1).split()
    assert set(fullscreen) == {"self", *(f'"{origin}"' for origin in VIDEO_ORIGINS)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_has_a_strict_policy_in_every_language(client, demo_site, language, path):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == (404 if path == "no-such-page/" else 200)
    assert_strict_public_policy(response)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_from_the_page_cache_has_the_same_policies(client, demo_site, language):
    first = client.get(f"/{language}/partnerships/alibaba/")
    second = client.get(f"/{language}/partnerships/alibaba/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert_strict_public_policy(second)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


def test_json_ld_stays_inline_without_nonce_or_hash(client, demo_site):
    """JSON-LD is a data block: the browser never runs it, so script-src need not allow it
    (tests/browser/test_security_policy.py watches Chromium agree)."""
    html = client.get("/en/partnerships/alibaba/").content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    inline = [attrs for attrs in scripts if "src=" not in attrs]
    assert inline, "the page has its JSON-LD"
    assert all('type="application/ld+json"' in attrs for attrs in inline)
    assert not any("nonce" in attrs for attrs in scripts)


def test_the_admin_has_its_own_policy(client):
    csp = policy(client.get("/admin/login/"))
    # Wagtail's admin writes inline scripts and styles (see the README), and is framed
    # by its own preview panel; everything else stays as strict as the public site's.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]


def test_the_admins_preview_of_a_page_has_the_admins_policy(admin_client, home_pages):
    """Wagtail renders a preview through the whole middleware chain for the page's own
    address; the admin's address decides the policy, or its preview panel could not
    frame it (frame-ancestors 'none')."""
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["partner_pages", "standardpage", home_pages["en"].pk],
    )
    data = nested_form_data(
        {
            "title": "A preview",
            "slug": "a-preview",
            "summary": "Seen in the preview panel.",
            "body": streamfield([("paragraph", rich_text("<p>Previewed.</p>"))]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Previewed." in response.content
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_documents_keep_wagtails_own_policy(client):
    document = DocumentFactory()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_media_from_another_origin_are_allowed_as_images_and_media(client, home_pages):
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"base_url": "https://media.partners.example.edu/media/"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        csp = policy(client.get("/en/"))
    assert csp["img-src"] == ["'self'", "https://media.partners.example.edu"]
    assert csp["media-src"] == ["'self'", "https://media.partners.example.edu"]
    assert policy(client.get("/en/"))["img-src"] == ["'self'"]


def test_the_page_cache_never_stores_a_response_that_used_a_nonce():
    """A nonce belongs to one response; stored, every visitor would share it."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    def request_through_csp(read_nonce):
        request = RequestFactory().get("/en/")
        request.user = AnonymousUser()
        middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("page"))
        middleware.process_request(request)
        if read_nonce:
            str(request.csp_nonce)
        return request

    plain = request_through_csp(read_nonce=False)
    with_nonce = request_through_csp(read_nonce=True)
    assert response_may_be_stored(plain, HttpResponse("page"))
    assert not response_may_be_stored(with_nonce, HttpResponse("page"))


def test_pages_keep_no_inline_script_or_style_but_json_ld():
    """The public templates write no inline script, event handler or style attribute:
    the policy would block them."""
    from pathlib import Path

    templates = Path(__file__).resolve().parent.parent / "templates"
    found = []
    for path in templates.rglob("*.html"):
        if "wagtailcore" in path.parts:
            continue  # the editor's block previews render inside the admin
        text = path.read_text()
        for attrs in re.findall(r"<script([^>]*)>", text):
            if "src=" not in attrs and "application/ld+json" not in attrs:
                found.append(f"{path.name}: <script{attrs}>")
        found += [f"{path.name}: {m}" for m in re.findall(r"<[^>]+\s(?:on\w+|style)=", text)]
        found += [f"{path.name}: <style>" for _ in re.findall(r"<style[\s>]", text)]
    assert found == []


def test_every_video_provider_of_the_video_block_may_be_framed():
    from django.conf import settings

    from core.blocks import VIDEO_EMBEDS

    origins = {re.match(r"https://[^/]+", embed).group(0) for _pattern, embed in VIDEO_EMBEDS}
    assert origins == set(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"])
    assert origins <= set(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"])
