"""Bad input is refused with a message on the field it concerns, and nothing is stored."""

import pytest
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.blocks import CallToActionBlock, FigureBlock, VideoBlock
from home.models import HomePage
from partner_pages.models import Contact, ContactPhoneNumber
from tests import factories

pytestmark = pytest.mark.django_db

CONTACT_ADD_URL = "wagtailsnippets_partner_pages_contact:add"


def block_errors(block, raw):
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    return {name: err.messages for name, err in error.value.block_errors.items()}


CTA = {"heading": "Work with us", "text": "", "link_text": "Tell us your idea"}


def test_call_to_action_with_neither_target_is_refused_on_both_fields():
    errors = block_errors(CallToActionBlock(), {**CTA, "page": None, "external_url": ""})
    message = ["Choose a page or give an external address."]
    assert errors == {"page": message, "external_url": message}


def test_call_to_action_with_both_targets_is_refused_on_both_fields():
    page = HomePage.in_language("en")
    errors = block_errors(
        CallToActionBlock(), {**CTA, "page": page.pk, "external_url": "https://example.com/"}
    )
    message = ["Choose either a page or an external address, not both."]
    assert errors == {"page": message, "external_url": message}


@pytest.mark.parametrize(
    "target",
    [{"page": "home", "external_url": ""}, {"page": None, "external_url": "https://x.hk/"}],
)
def test_call_to_action_with_exactly_one_target_is_accepted(target):
    if target["page"] == "home":
        target = {**target, "page": HomePage.in_language("en").pk}
    block = CallToActionBlock()
    assert block.clean(block.to_python({**CTA, **target}))["link_text"] == "Tell us your idea"


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_image_without_alt_text_that_is_not_decorative_is_refused_on_the_alt_text(alt_text):
    block = FigureBlock()
    raw = {"image": factories.image_value(factories.SmallImageFactory(), alt_text), "caption": ""}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    image_errors = error.value.block_errors["image"].block_errors
    assert list(image_errors) == ["alt_text"]
    assert "decorative" in image_errors["alt_text"].messages[0]


def test_decorative_image_needs_no_alt_text():
    image = factories.SmallImageFactory()
    block = FigureBlock()
    value = block.clean(
        block.to_python({"image": factories.image_value(image, decorative=True), "caption": ""})
    )
    assert value["image"].decorative


def contact_form(email="victor.zhao@example.edu.hk", phones=()):
    return nested_form_data(
        {
            "name": "Victor Zhao",
            "job_title": "Manager",
            "unit": "ITDO",
            "email": email,
            "office": "",
            "phone_numbers": inline_formset(
                [{"kind": "office", "number": number} for number in phones]
            ),
        }
    )


def test_an_editor_can_add_a_contact_with_phone_numbers(admin_client):
    response = admin_client.post(
        reverse(CONTACT_ADD_URL) + "?locale=en",
        contact_form(phones=["3400 2862", "+86 571 8502 2088"]),
    )
    assert response.status_code == 302
    contact = Contact.objects.get(name="Victor Zhao")
    assert [phone.tel_uri for phone in contact.phone_numbers.all()] == [
        "tel:+85234002862",
        "tel:+8657185022088",
    ]


def test_invalid_email_on_a_contact_is_refused_on_the_email_field(admin_client):
    response = admin_client.post(
        reverse(CONTACT_ADD_URL) + "?locale=en", contact_form(email="victor.zhao@")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    "number", ["3400", "call Victor", "3400 2862 ext. 5", "+852 3400 2862 0000 0"]
)
def test_invalid_phone_number_is_refused_on_the_number_field(admin_client, number):
    response = admin_client.post(
        reverse(CONTACT_ADD_URL) + "?locale=en", contact_form(phones=[number])
    )
    assert response.status_code == 200
    phone_form = response.context["form"].formsets["phone_numbers"].forms[0]
    assert phone_form.errors["number"] == [
        "Enter a phone number such as 3400 2862 or +852 3400 2862."
    ]
    assert "Enter a phone number such as 3400 2862" in response.content.decode()
    assert not Contact.objects.exists()
    assert not ContactPhoneNumber.objects.exists()


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42", "embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "player.vimeo.com/video/76979871"),
        ("https://www.vimeo.com/76979871/", "player.vimeo.com/video/76979871"),
    ],
)
def test_video_addresses_of_each_provider_are_embedded(url, embed):
    value = VideoBlock().to_python({"url": url, "title": "Joint Lab"})
    assert value.embed_url.endswith(embed)
    VideoBlock().clean(value)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/?youtu.be/aaaaaaaaaaa",
        "https://evil.example/youtube.com/watch?v=aaaaaaaaaaa",
        "https://youtube.com.evil.example/watch?v=aaaaaaaaaaa",
        "https://evil.example/#vimeo.com/123456",
        "javascript:alert(1)//youtu.be/aaaaaaaaaaa",
        "https://youtu.be/aaaaaaaaaaa/../../evil",
    ],
)
def test_an_address_that_only_contains_a_providers_name_is_refused(url):
    value = VideoBlock().to_python({"url": url, "title": "Joint Lab"})
    assert value.embed_url == ""
    with pytest.raises(StructBlockValidationError) as error:
        VideoBlock().clean(value)
    # "Give a YouTube or Vimeo address.", or Django's "Enter a valid URL." for javascript:
    assert "url" in error.value.block_errors
