"""The term base: Hong Kong and mainland vocabulary, proper names kept, edited in the admin.

Conversion between the scripts goes through the term base first (longest
match), then OpenCC; the admin lets Moderators edit every field and translators
only their own language's form.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from core.chinese import SIMPLIFIED, TRADITIONAL, convert, convert_with_terms
from core.models import Term
from core.terms import TermEntry, default_entries, site_entries, vocabulary_pairs
from tests.translation_fixtures import (
    make_english_page,
    start_translations,
    translate,
    translated_texts,
)

# (Hong Kong sentence, mainland sentence): each converts into the other.
VOCABULARY_IN_SENTENCES = [
    ("研究無線通訊技術。", "研究无线通信技术。"),
    ("我們的通訊系統很穩定。", "我们的通信系统很稳定。"),
    ("資訊保安十分重要。", "信息安全十分重要。"),
    ("提升數碼健康。", "提升数字健康。"),
    ("推動數碼轉型。", "推动数字化转型。"),
    ("發展數碼經濟。", "发展数字经济。"),
    ("覆蓋流動網絡。", "覆盖移动网络。"),
    ("設計新的演算法。", "设计新的算法。"),
    ("部署伺服器。", "部署服务器。"),
    ("請以電郵回覆。", "请以电子邮件回复。"),
    ("下載軟件。", "下载软件。"),
    ("收到一則訊息。", "收到一则消息。"),
    ("歡迎聯絡我們。", "欢迎联系我们。"),
    ("請填寫聯絡人。", "请填写联系人。"),
    ("我們會盡快與您聯絡。", "我们会尽快与您联系。"),
    ("從檔案匯入。", "从档案导入。"),
    ("匯出報告。", "导出报告。"),
    ("打開主選單。", "打开主菜单。"),
    ("研究電腦視覺。", "研究计算机视觉。"),
    ("修讀電腦科學。", "修读计算机科学。"),
    ("召開視像會議。", "召开视频会议。"),
    ("安裝寬頻。", "安装宽带。"),
    ("更換硬碟。", "更换硬盘。"),
    ("使用作業系統。", "使用操作系统。"),
    ("開發應用程式。", "开发应用程序。"),
    ("查看原始碼。", "查看源代码。"),
    ("使用搜尋引擎。", "使用搜索引擎。"),
    ("設計晶片。", "设计芯片。"),
    ("研究機械人。", "研究机器人。"),
    ("保障私隱。", "保障隐私。"),
    ("改善空氣質素。", "改善空气质量。"),
    ("點擊超連結。", "点击超链接。"),
    ("提高解像度。", "提高分辨率。"),
    ("發送短訊。", "发送短信。"),
    ("上載相片。", "上传相片。"),
    ("使用智能電話。", "使用智能手机。"),
    ("發展電訊業。", "发展电信业。"),
    ("舉行技術配對會議。", "举行技术对接会。"),
    ("查看表格欄位。", "查看表单字段。"),
    ("返回主頁。", "返回首页。"),
    ("透過合作創新。", "通过合作创新。"),
    ("他的職銜是教授。", "他的职务是教授。"),
    ("使用連字號。", "使用连字符。"),
    ("採用雲端硬碟。", "采用云端硬盘。"),
    ("乘搭升降機。", "搭乘电梯。"),
    ("登入系統。", "登录系统。"),
    ("提供流動支付。", "提供移动支付。"),
    ("管理資料庫。", "管理数据库。"),
]

# Official names: the same in each script's own form, whatever vocabulary they contain.
PROPER_NAMES = [
    ("香港理工大學電子計算學系", "香港理工大学电子计算学系"),
    ("電子及資訊工程學系", "电子及资讯工程学系"),
    ("電機工程學系", "电机工程学系"),
    ("應用數學系", "应用数学系"),
    ("應用物理學系", "应用物理学系"),
    ("生物醫學工程跨學科學系", "生物医学工程跨学科学系"),
    ("護理學院", "护理学院"),
    ("創新及科技發展處", "创新及科技发展处"),
    ("副校長（科研發展）", "副校长（科研发展）"),
    ("阿里巴巴集團", "阿里巴巴集团"),
    ("華為技術有限公司", "华为技术有限公司"),
    (
        "理大－華為光互連網絡及先進計算系統聯合實驗室",
        "理大－华为光互连网络及先进计算系统联合实验室",
    ),
    ("數碼港", "数码港"),
]


@pytest.mark.parametrize(("hong_kong", "mainland"), VOCABULARY_IN_SENTENCES)
def test_hong_kong_vocabulary_becomes_mainland_vocabulary(hong_kong, mainland):
    assert convert(hong_kong, TRADITIONAL, SIMPLIFIED, default_entries()) == mainland


@pytest.mark.parametrize(("hong_kong", "mainland"), VOCABULARY_IN_SENTENCES)
def test_mainland_vocabulary_becomes_hong_kong_vocabulary(hong_kong, mainland):
    # 從檔案 / 从档案 and 上載相片 / 上传相片 convert back by characters, as OpenCC does.
    assert convert(mainland, SIMPLIFIED, TRADITIONAL, default_entries()) == hong_kong


def test_the_table_has_at_least_forty_terms_and_the_term_base_three_hundred_pairs():
    assert len(VOCABULARY_IN_SENTENCES) >= 40
    assert len(vocabulary_pairs(default_entries())) >= 300


@pytest.mark.parametrize(("traditional", "simplified"), PROPER_NAMES)
def test_proper_names_keep_their_official_form_in_each_script(traditional, simplified):
    hong_kong = f"{traditional}與理大的通訊合作"
    mainland = f"{simplified}与理大的通信合作"
    assert convert(hong_kong, TRADITIONAL, SIMPLIFIED, default_entries()) == mainland
    assert convert(mainland, SIMPLIFIED, TRADITIONAL, default_entries()) == hong_kong


def test_without_terms_conversion_is_opencc_alone():
    assert convert("無線通訊技術", TRADITIONAL, SIMPLIFIED) == "无线通讯技术"


def test_inline_tags_stay_as_they_are():
    text, applied = convert_with_terms(
        '<a id="a1">流動網絡</a>及<b>資訊</b>', TRADITIONAL, SIMPLIFIED, default_entries()
    )
    assert text == '<a id="a1">移动网络</a>及<b>信息</b>'
    assert [(e.traditional, e.simplified) for e in applied] == [
        ("流動網絡", "移动网络"),
        ("資訊", "信息"),
    ]


def test_the_longest_term_wins():
    terms = (
        TermEntry("", "通訊", "通信", "vocabulary"),
        TermEntry("", "無線通訊技術", "无线通讯技术", "name"),
    )
    assert convert("無線通訊技術的通訊", TRADITIONAL, SIMPLIFIED, terms) == "无线通讯技术的通信"


def test_a_word_kept_is_not_changed_inside():
    assert (
        convert("平板電腦和電腦", TRADITIONAL, SIMPLIFIED, default_entries()) == "平板电脑和计算机"
    )
    assert convert("好消息：新消息", SIMPLIFIED, TRADITIONAL, default_entries()) == "好消息：新訊息"


# --- The site's term base, edited in the admin ----------------------------------------

ADD_URL = "wagtailsnippets_core_term:add"
EDIT_URL = "wagtailsnippets_core_term:edit"
DELETE_URL = "wagtailsnippets_core_term:delete"
LIST_URL = "wagtailsnippets_core_term:list"


def user_in(django_user_model, group_name, username="someone"):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def fields(term, **changes):
    data = {
        name: getattr(term, name)
        for name in ("english", "traditional", "simplified", "kind", "note")
    }
    return {**data, **changes}


def stored(term):
    return (
        Term.objects.filter(pk=term.pk)
        .values("english", "traditional", "simplified", "kind", "note")
        .get()
    )


@pytest.mark.django_db
def test_the_site_term_base_starts_with_the_default_set():
    assert {(e.traditional, e.simplified) for e in site_entries()} == {
        (e.traditional, e.simplified) for e in default_entries()
    }


@pytest.mark.django_db
def test_a_term_added_in_the_admin_changes_the_next_conversion(client, django_user_model):
    moderator = user_in(django_user_model, "Moderators")
    client.force_login(moderator)
    assert convert("使用雲端運算。", TRADITIONAL, SIMPLIFIED, site_entries()) == "使用云端运算。"
    response = client.post(
        reverse(ADD_URL),
        {
            "english": "cloud computing",
            "traditional": "雲端運算",
            "simplified": "云计算",
            "kind": "vocabulary",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert convert("使用雲端運算。", TRADITIONAL, SIMPLIFIED, site_entries()) == "使用云计算。"

    term = Term.objects.get(traditional="雲端運算")
    client.post(reverse(DELETE_URL, args=[term.pk]))
    assert not Term.objects.filter(pk=term.pk).exists()
    assert convert("使用雲端運算。", TRADITIONAL, SIMPLIFIED, site_entries()) == "使用云端运算。"


@pytest.mark.django_db
def test_the_term_base_is_listed_searched_and_filtered_by_kind(client, django_user_model):
    client.force_login(user_in(django_user_model, "Translators (Simplified Chinese)"))
    response = client.get(reverse(LIST_URL), {"q": "伺服器"})
    assert response.status_code == 200
    assert "服务器" in response.text
    response = client.get(reverse(LIST_URL), {"q": "學系", "kind": "name"})
    assert "电子计算学系" in response.text
    response = client.get(reverse(LIST_URL), {"q": "伺服器", "kind": "name"})
    assert "服务器" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "column", "other"),
    [
        ("Translators (Traditional Chinese)", "traditional", "simplified"),
        ("Translators (Simplified Chinese)", "simplified", "traditional"),
    ],
)
def test_a_translator_changes_their_own_languages_form_only(
    client, django_user_model, group, column, other
):
    client.force_login(user_in(django_user_model, group))
    term = Term.objects.get(traditional="伺服器")
    before = stored(term)
    forged = fields(
        term,
        **{column: "新形式", other: "偽造", "english": "forged", "kind": "keep", "note": "forged"},
    )
    response = client.post(reverse(EDIT_URL, args=[term.pk]), forged)
    assert response.status_code == 302
    assert stored(term) == {**before, column: "新形式"}


@pytest.mark.django_db
def test_a_translator_may_add_a_term_but_not_delete_one(client, django_user_model):
    client.force_login(user_in(django_user_model, "Translators (Traditional Chinese)"))
    response = client.post(
        reverse(ADD_URL),
        {
            "english": "smart city",
            "traditional": "智慧城市",
            "simplified": "智慧城市",
            "kind": "vocabulary",
            "note": "",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(traditional="伺服器")
    response = client.post(reverse(DELETE_URL, args=[term.pk]))
    assert Term.objects.filter(pk=term.pk).exists()
    assert Term.objects.filter(traditional="智慧城市").exists()


@pytest.mark.django_db
def test_a_moderator_changes_every_field(client, django_user_model):
    client.force_login(user_in(django_user_model, "Moderators"))
    term = Term.objects.get(traditional="伺服器")
    changed = fields(
        term,
        english="server (computer)",
        traditional="伺服機",
        simplified="服务机",
        kind="keep",
        note="checked",
    )
    response = client.post(reverse(EDIT_URL, args=[term.pk]), changed)
    assert response.status_code == 302
    assert stored(term) == changed


@pytest.mark.django_db
def test_someone_without_term_permissions_changes_nothing(client, django_user_model):
    client.force_login(user_in(django_user_model, "Editors"))
    term = Term.objects.get(traditional="伺服器")
    before = stored(term)
    client.post(reverse(EDIT_URL, args=[term.pk]), fields(term, simplified="偽造"))
    client.post(reverse(DELETE_URL, args=[term.pk]))
    assert stored(term) == before


BAD_INPUT = [
    ({"traditional": "<b>伺服</b>"}, "may not contain"),
    ({"simplified": "服务&amp;"}, "may not contain"),
    ({"english": "server\x07"}, "may not contain"),
    ({"traditional": ""}, "This field is required"),
    ({"simplified": "   "}, "This field is required"),
    ({"traditional": "長" * 256}, "at most 255 characters"),
    ({"traditional": "伺服器"}, "already has"),
    ({"simplified": "服务器"}, "already has"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("bad", "error"), BAD_INPUT)
def test_bad_input_is_refused_with_a_clear_error(client, django_user_model, bad, error):
    client.force_login(user_in(django_user_model, "Moderators"))
    count = Term.objects.count()
    data = {
        "english": "new term",
        "traditional": "新詞",
        "simplified": "新词",
        "kind": "vocabulary",
        "note": "",
        **bad,
    }
    response = client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    assert error in response.text
    assert Term.objects.count() == count


@pytest.mark.django_db
def test_errors_are_in_the_editors_language(client, django_user_model):
    user = user_in(django_user_model, "Moderators")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hant"
    profile.save()
    client.force_login(user)
    response = client.post(
        reverse(ADD_URL),
        {"english": "", "traditional": "", "simplified": "新词", "kind": "vocabulary", "note": ""},
    )
    # Django's own message, in Traditional Chinese (this change's own messages reach the
    # catalogues through the translations file, when merged).
    with translation.override("zh-hant"):
        expected = translation.gettext("This field is required.")
    assert expected != "This field is required."
    assert expected in response.text


# --- The editor's "Convert from Traditional Chinese" -----------------------------------


def convert_in_editor(client, translation):
    return client.post(
        reverse("translation_workflow:convert", args=[translation.pk]),
        {"next": "/admin/"},
        follow=True,
    )


@pytest.mark.django_db
def test_the_editor_converts_through_the_term_base_and_says_which_terms(admin_client):
    page = make_english_page()
    source, translations = start_translations(page)
    translate(
        source,
        "zh-hant",
        {
            "title": "電子及資訊工程學系的流動網絡",
            "summary": "香港理工大學電子計算學系的通訊研究。",
        },
    )
    response = convert_in_editor(admin_client, translations["zh-hans"])
    texts = translated_texts(source, "zh-hans")
    assert texts["title"] == "电子及资讯工程学系的移动网络"
    assert texts["summary"] == "香港理工大学电子计算学系的通信研究。"
    html = response.content.decode()
    assert "Converted 2 segments from Traditional Chinese" in html
    assert "Terms applied: 電子及資訊工程學系 → 电子及资讯工程学系, 流動網絡 → 移动网络" in html
    assert "通訊 → 通信" in html


@pytest.mark.django_db
def test_a_term_added_in_the_admin_changes_the_editors_next_conversion(admin_client):
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", {"title": "雲端運算實驗室", "summary": "雲端運算研究。"})
    translate(source, "zh-hans", {"summary": "云端运算研究。"})  # before the term: as OpenCC had it
    response = admin_client.post(
        reverse(ADD_URL),
        {
            "english": "cloud computing",
            "traditional": "雲端運算",
            "simplified": "云计算",
            "kind": "vocabulary",
            "note": "",
        },
    )
    assert response.status_code == 302
    convert_in_editor(admin_client, translations["zh-hans"])
    texts = translated_texts(source, "zh-hans")
    assert texts["title"] == "云计算实验室"
    assert texts["summary"] == "云端运算研究。"  # translated already: never overwritten


@pytest.mark.django_db
def test_the_editor_bar_links_to_the_term_base(admin_client):
    page = make_english_page()
    start_translations(page)
    target = page.get_translation(Locale.objects.get(language_code="zh-hans"))
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert f'the <a href="{reverse(LIST_URL)}">term base</a> first' in response.content.decode()


@pytest.mark.django_db
def test_a_correction_is_followed_through_the_term_base(admin_client):
    page = make_english_page()
    source, translations = start_translations(page)
    translate(source, "zh-hant", {"title": "實驗室"})
    convert_in_editor(admin_client, translations["zh-hans"])
    translate(source, "zh-hant", {"title": "伺服器實驗室"})  # the Traditional text corrected
    assert translated_texts(source, "zh-hans")["title"] == "服务器实验室"
