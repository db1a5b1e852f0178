"""Enquiry forms for the tests/test_enquiries_*.py files: a form in three languages, a topic.

The Chinese versions are made the way "Translate this page" makes them
(`copy_for_translation`: the same translation key, the form fields copied
with their names), then given their translated labels and choices.
"""

from django.contrib.auth.models import Group
from wagtail.models import Locale

from home.models import HomePage
from partner_pages.models import EnquiryFormPage
from tests import factories

INTEREST_CHOICES = "A collaborative research programme\nA faculty exchange\nSomething else"
TRANSLATED = {
    "zh-hant": {
        "title": "告訴我們您的構思",
        "labels": {
            "Your name": "您的姓名",
            "Your e-mail": "您的電郵地址",
            "Your idea": "您的構思",
            "You are interested in": "您感興趣的是",
            "Topics": "題目",
        },
        "choices": {
            "You are interested in": "合作研究計劃\n教研人員交流\n其他",
            "Topics": "大數據\n雲計算\n通訊",
        },
    },
    "zh-hans": {
        "title": "告诉我们您的想法",
        "labels": {
            "Your name": "您的姓名",
            "Your e-mail": "您的电邮地址",
            "Your idea": "您的想法",
            "You are interested in": "您感兴趣的是",
            "Topics": "题目",
        },
        "choices": {
            "You are interested in": "合作研究计划\n教研人员交流\n其他",
            "Topics": "大数据\n云计算\n通信",
        },
    },
}


def english_form(**kwargs):
    """An English enquiry form: name, e-mail, idea, a dropdown and a checkbox group."""
    page = factories.enquiry_form_page(**kwargs)
    factories.EnquiryFormFieldFactory(
        page=page,
        label="You are interested in",
        field_type="dropdown",
        required=True,
        choices=INTEREST_CHOICES,
    )
    factories.EnquiryFormFieldFactory(
        page=page,
        label="Topics",
        field_type="checkboxes",
        required=False,
        choices="Big data\nCloud computing\nCommunications",
    )
    return page


def translate_form(english, language_code):
    """The form's version in a Chinese locale, published, with its labels and choices."""
    words = TRANSLATED[language_code]
    page = english.copy_for_translation(Locale.objects.get(language_code=language_code))
    page.title = words["title"]
    page.save()
    for field in page.form_fields.all():
        field.label = words["labels"].get(field.label, field.label)
        field.choices = words["choices"].get(english_label(english, field), field.choices)
        field.save()
    page = EnquiryFormPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    return EnquiryFormPage.objects.get(pk=page.pk)


def english_label(english, field):
    return next(f.label for f in english.form_fields.all() if f.clean_name == field.clean_name)


def form_in_three_languages(**kwargs):
    """{language code: the form's version}: English, Traditional and Simplified Chinese."""
    english = english_form(**kwargs)
    return {
        "en": english,
        "zh-hant": translate_form(english, "zh-hant"),
        "zh-hans": translate_form(english, "zh-hans"),
    }


def names(page):
    """{English label: field name}: every version's fields share the English names."""
    source = page.source_form()
    return {field.label: field.clean_name for field in source.get_form_fields()}


def enquiry(page, **answers):
    """What a visitor posts: a valid enquiry, with `answers` by English label."""
    fields = names(page)
    data = {
        fields["Your name"]: "Chan Tai Man",
        fields["Your e-mail"]: "taiman@example.com",
        fields["Your idea"]: "A joint workshop on optical networks.",
        "website_url": "",
    }
    if "You are interested in" in fields:
        # The value every version's dropdown posts for its first choice: the English words.
        data[fields["You are interested in"]] = "A collaborative research programme"
    data.update({fields[label]: value for label, value in answers.items()})
    return data


def member_of(django_user_model, group_name, username, **extra):
    user = django_user_model.objects.create_user(username, password="pw", **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def partner_with_contact(email="karen.jiang@example.edu.hk", **kwargs):
    """A live partner page whose body lists one contact (with an e-mail address)."""
    index = factories.PartnerIndexPageFactory(parent=HomePage.in_language("en"))
    contact = factories.ContactFactory(name="Karen Jiang", email=email)
    return factories.PartnerPageFactory(
        parent=index,
        body=[factories.block("contacts", {"heading": "Enquiries", "contacts": [contact.pk]})],
        **kwargs,
    )
