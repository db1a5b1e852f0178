"""404 and 500 pages in the visitor's language; the 500 page needs no database."""

import re

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.test_locales import html_lang


@pytest.mark.django_db
def test_404_page_has_the_header_search_box_and_a_link_home(client):
    response = client.get("/zh-hans/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(response) == "zh-Hans"
    assert 'action="/zh-hans/search/"' in html
    assert 'name="query"' in html
    assert '<a class="button" href="/zh-hans/">' in html
    assert '<nav class="language-switcher"' in html


@pytest.fixture
def database_down(monkeypatch):
    """Every attempt to reach the database fails, as when the server is down."""
    attempts = []

    def refuse(self, *args, **kwargs):
        attempts.append(self.alias)
        raise OperationalError("the database is down")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    return attempts


@pytest.mark.parametrize(
    ("path", "lang", "home", "search"),
    [
        ("/zh-hant/partnerships/", "zh-Hant-HK", "返回主頁", "/zh-hant/search/"),
        ("/zh-hans/partnerships/", "zh-Hans", "/zh-hans/", "/zh-hans/search/"),
        ("/en/partnerships/", "en", "Go to the home page", "/en/search/"),
    ],
)
def test_500_page_renders_in_the_url_language_when_the_database_is_down(
    database_down, path, lang, home, search
):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 500
    assert database_down  # the page view did try the database, and failed
    assert html_lang(response) == lang
    assert home in html
    assert f'action="{search}"' in html
    assert 'name="query"' in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/site\.css">', html)
    assert "site-footer" in html


def test_500_handler_itself_makes_no_database_query(database_down, rf):
    from core.views import server_error

    response = server_error(rf.get("/zh-hant/anything/"))
    assert response.status_code == 500
    assert database_down == []
    assert "搜尋" in response.content.decode()


def test_500_handler_falls_back_to_plain_html_if_its_template_fails(rf, monkeypatch):
    from core import views

    def broken(name):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(views.loader, "get_template", broken)
    response = views.server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
