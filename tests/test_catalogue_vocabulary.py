"""The Chinese catalogues read as their readers write: mainland words in Simplified, the
review's content errors gone from both scripts, and reviewed entries never re-derived.

A professional review (issue 14) found Hong Kong vocabulary left in the Simplified
catalogues by the hk2s conversion (讯息, 联络人, 主选单, 「」 …) and a few content errors
in both Chinese versions (研究發展副校長, 計劃成果 …). This keeps them from coming back.
"""

import importlib.util
import json
import shutil
from pathlib import Path

import polib
import pytest

PROJECT = Path(__file__).resolve().parent.parent
LOCALE = PROJECT / "locale"
DEMO = PROJECT / "demo" / "translations"

# Hong Kong word → what a mainland reader expects (the review's list, then the read-through).
HONG_KONG_WORDS = {
    "讯息": "消息 / 留言",
    "联络": "联系",
    "通讯": "通信",
    "汇入": "导入",
    "选单": "菜单",
    "阔幅": "宽幅",
    "底线": "下划线",
    "连字号": "连字符",
    "栏位": "字段",
    "表格": "表单",
    "查询": "咨询 (an enquiry)",
    "主页": "首页",
    "开启大图": "查看大图",
    "职衔": "职务",
    "透过": "通过",
    "电讯": "电信",
    "连系": "联系",
    "配对会议": "对接会",
    "获颁": "荣获 / 获得",
    "电脑": "计算机",
    "电邮": "电子邮件",
    "资讯": "信息",
    "数码": "数字",
    "流动网络": "移动网络",
    "档案": "文件",
    "上载": "上传",
    "预设": "默认",
    "撷取": "获取",
    "伺服器": "服务器",
    "登入": "登录",
    "视像": "视频",
    "程式": "程序",
    "列印": "打印",
    "群组": "用户组",
    "示范内容": "演示内容",
    "策略合作": "战略合作",
    "未有可": "暂无",
}
# Where a Hong Kong word is right: an official name, kept in its own form.
OFFICIAL_NAMES = [
    "电子及资讯工程学系"
]  # PolyU's Department of Electronic and Information Engineering
# Entries where a listed word means something else and is right (查询 for a search query
# would be): {(catalogue, source): {word}}.
RIGHT_HERE = {}
HONG_KONG_QUOTES = "「」『』"


def interface(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def interface_texts(language):
    """{msgid: translation} of the interface catalogue (plural forms joined)."""
    return {
        (entry.msgctxt or "") + entry.msgid: " ".join(
            [entry.msgstr, *entry.msgstr_plural.values()]
        ).strip()
        for entry in interface(language)
        if not entry.obsolete
    }


def demo(language_code):
    return json.loads((DEMO / f"{language_code}.json").read_text(encoding="utf-8"))


SIMPLIFIED = {"interface": interface_texts("zh_Hans"), "demo": demo("zh-hans")}
TRADITIONAL = {"interface": interface_texts("zh_Hant"), "demo": demo("zh-hant")}


def without_official_names(text):
    for name in OFFICIAL_NAMES:
        text = text.replace(name, "")
    return text


@pytest.mark.parametrize("catalogue", ["interface", "demo"])
@pytest.mark.parametrize("word", HONG_KONG_WORDS)
def test_simplified_catalogues_use_mainland_words(catalogue, word):
    found = {
        source: text
        for source, text in SIMPLIFIED[catalogue].items()
        if word in without_official_names(text)
        and word not in RIGHT_HERE.get((catalogue, source), ())
    }
    assert found == {}, f"{word} → {HONG_KONG_WORDS[word]}"


@pytest.mark.parametrize("catalogue", ["interface", "demo"])
def test_simplified_catalogues_use_mainland_quotation_marks(catalogue):
    found = {
        source: text
        for source, text in SIMPLIFIED[catalogue].items()
        if any(mark in text for mark in HONG_KONG_QUOTES)
    }
    assert found == {}


def test_simplified_interface_words_from_the_review():
    texts = SIMPLIFIED["interface"]
    assert texts["Contacts"] == "联系人"
    assert texts["Contact us"] == "联系我们"
    assert texts["Main"] == "主菜单"
    assert texts["Home"] == "首页"
    assert texts["Open larger photo"] == "查看大图"
    assert texts["job title"] == texts["Their role"] == "职务"
    assert texts["Form fields"] == "表单字段"
    assert texts["enquiry form page"] == "咨询表单页面"
    assert texts["A wide photograph shown at the top of the page."] == "在页面顶部显示的宽幅照片。"
    assert "无线通信技术" in texts["One field per item, e.g. Wireless Communication Technology."]
    assert "下划线" in texts["Use only letters, digits, hyphens and underscores."]
    assert "导入" in texts["Imported %(count)d changed translation from the PO file."]


ALEX_WAI = (
    "Professor Alex Wai, Vice President (Research Development) of PolyU, led the team from the "
    "Faculty of Engineering and the Innovation and Technology Development Office to have "
    "in-depth discussion with Mr. Zhang Jianfeng, Chief Technology Officer of Alibaba, for more "
    "high-impact collaborations."
)
HIRP = (
    "Huawei Innovation Research Program (HIRP) is an innovation initiative, a sponsorship "
    "program targeted at funding leading universities and research institutes conducting "
    "innovative research in ICT areas. It seeks to identify and support world-class, full-time "
    "faculty members, sets up win-win collaboration and pursues technology innovation of mutual "
    "interest."
)
FIELDS_ON_THIS_PAGE = (
    "The HIRP 2020 call for proposals will be announced soon. Its main fields are listed on this "
    "page; they include but are not limited to these."
)
ANNUAL_SEMINARS = (
    "A collaborative research seminar and workshop series is organised annually at PolyU to "
    "explore the respective strategic collaborations between PolyU and Huawei."
)
PARTNERSHIP_TITLES = [
    "Alibaba – PolyU Big Data &amp; Cloud Computing",
    "Huawei – PolyU Communication &amp; Advanced Computing",
]
JOINT_LAB = " ".join(
    [
        "PolyU-Huawei Joint Laboratory for Optical Interconnection Network",
        "and Advanced Computing System",
    ]
)


@pytest.mark.parametrize(
    ("catalogues", "wrong"),
    [
        (TRADITIONAL, "研究發展副校長"),  # PolyU's title for him: 副校長（科研發展）
        (SIMPLIFIED, "研究发展副校长"),
        (TRADITIONAL, "計劃成果"),  # "the programme's reach" is its size, not its results
        (SIMPLIFIED, "计划成果"),
        (TRADITIONAL, "存儲"),  # Hong Kong writes 儲存
        (TRADITIONAL, "理大每年舉辦"),  # organised *at* PolyU, not *by* it
        (SIMPLIFIED, "理大每年举办"),
    ],
)
def test_the_reviews_content_errors_do_not_come_back(catalogues, wrong):
    found = {
        source: text
        for catalogue in catalogues.values()
        for source, text in catalogue.items()
        if wrong in text
    }
    assert found == {}


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        (
            "zh-hant",
            {
                ALEX_WAI: "理大副校長（科研發展）衞炳江教授",
                HIRP: "亦是一項贊助計劃",
                ANNUAL_SEMINARS: "每年在理大舉辦",
                "The programme's reach": "計劃規模",
                "Storage Technology": "儲存技術",
            },
        ),
        (
            "zh-hans",
            {
                ALEX_WAI: "理大副校长（科研发展）卫炳江教授",
                HIRP: "也是一项赞助计划",
                ANNUAL_SEMINARS: "每年在理大举办",
                "The programme's reach": "计划规模",
                "Storage Technology": "存储技术",  # the mainland word
            },
        ),
    ],
)
def test_the_reviews_content_corrections(language_code, expected):
    catalogue = demo(language_code)
    assert {
        source: text for source, text in expected.items() if text not in catalogue[source]
    } == {}
    # The fields are listed *above* that sentence (the programme's facts): never "below".
    assert "以下" not in catalogue[FIELDS_ON_THIS_PAGE]
    assert "本頁" in catalogue[FIELDS_ON_THIS_PAGE] or "本页" in catalogue[FIELDS_ON_THIS_PAGE]


@pytest.mark.parametrize("language_code", ["zh-hant", "zh-hans"])
def test_partnership_titles_join_names_as_the_joint_laboratorys_name_does(language_code):
    """One connector for two names in Chinese: the full-width 「－」 of PolyU's own
    「理大－華為…聯合實驗室」, unspaced, not the spaced Western en dash."""
    catalogue = demo(language_code)
    assert "－" in catalogue[JOINT_LAB]
    for title in PARTNERSHIP_TITLES:
        assert "－" in catalogue[title]
        assert "–" not in catalogue[title]
        assert " " not in catalogue[title]


# --- Reviewed entries are kept when the catalogues are derived again ----------------------


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, PROJECT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_deriving_the_interface_catalogue_keeps_every_reviewed_entry(tmp_path, monkeypatch):
    """Every corrected zh_Hans entry is translated and not fuzzy, so deriving keeps it;
    only an entry emptied (as makemessages leaves a new one) is derived from zh_Hant."""
    for language in ("zh_Hant", "zh_Hans"):
        shutil.copytree(LOCALE / language, tmp_path / language)
    copy = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(copy))
    emptied = catalogue.find("Send another message")
    emptied.msgstr = ""
    catalogue.save(str(copy))

    script = load_script("derive_simplified_messages")
    monkeypatch.setattr(script, "LOCALE_DIR", tmp_path)
    script.derive()

    derived = {
        (e.msgctxt or "") + e.msgid: " ".join([e.msgstr, *e.msgstr_plural.values()]).strip()
        for e in polib.pofile(str(copy))
    }
    reviewed = SIMPLIFIED["interface"]
    changed = {key for key in reviewed if derived[key] != reviewed[key]}
    assert changed == {"Send another message"}
    assert derived["Send another message"] != ""


def test_deriving_the_demo_catalogue_keeps_every_reviewed_entry(tmp_path, monkeypatch):
    shutil.copy(DEMO / "zh-hant.json", tmp_path / "zh-hant.json")
    reviewed = demo("zh-hans")
    missing = ANNUAL_SEMINARS
    (tmp_path / "zh-hans.json").write_text(
        json.dumps({k: v for k, v in reviewed.items() if k != missing}, ensure_ascii=False),
        encoding="utf-8",
    )

    script = load_script("derive_simplified_content")
    monkeypatch.setattr(script, "CATALOGUES", tmp_path)
    script.main()

    derived = json.loads((tmp_path / "zh-hans.json").read_text(encoding="utf-8"))
    assert set(derived) == set(reviewed)
    assert {key for key in reviewed if derived[key] != reviewed[key]} <= {missing}
    assert derived[missing]
