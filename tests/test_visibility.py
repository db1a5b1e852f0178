"""`core.visibility.public` keeps exactly the pages Wagtail's `public()` keeps, in one query."""

import pytest
from wagtail.models import Page, PageViewRestriction

from core.visibility import public
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_pages):
    index = factories.PartnerIndexPageFactory(parent=home_pages["en"])
    open_partner = factories.PartnerPageFactory(parent=index, slug="open")
    closed_partner = factories.PartnerPageFactory(parent=index, slug="closed")
    pages = {
        "open": open_partner,
        "closed": closed_partner,
        "open programme": factories.ProgrammePageFactory(parent=open_partner),
        "private programme": factories.ProgrammePageFactory(parent=open_partner),
        "below the closed partner": factories.ProgrammePageFactory(parent=closed_partner),
    }
    pages["below the private programme"] = factories.ProgrammePageFactory(
        parent=pages["private programme"]
    )
    PageViewRestriction.objects.create(
        page=closed_partner, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(
        page=pages["private programme"], restriction_type=PageViewRestriction.LOGIN
    )
    return pages


def test_the_same_pages_as_wagtails_public(tree):
    expected = set(Page.objects.public().values_list("pk", flat=True))
    assert set(public(Page.objects.all()).values_list("pk", flat=True)) == expected
    shown = {page.pk for page in public(Page.objects.all())}
    assert tree["open"].pk in shown and tree["open programme"].pk in shown
    for name in ("closed", "private programme", "below the closed partner"):
        assert tree[name].pk not in shown
    assert tree["below the private programme"].pk not in shown


def test_one_query_however_many_restrictions(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(public(Page.objects.all()))


def test_no_restriction_hides_nothing(home_pages):
    PageViewRestriction.objects.all().delete()
    assert public(Page.objects.all()).count() == Page.objects.count()
