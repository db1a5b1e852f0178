"""Search across regional vocabulary: the term base's Hong Kong and mainland words find each other.

On both Chinese sites, typing a word in its Hong Kong form (通訊) or its mainland form
(通信) finds the pages that say either, through the real search pages; the results
show each page's own words, marked.
"""

import io
import re

import pytest
from django.core.management import call_command

from core.models import Term
from search.analysis import VocabularyFolding, index_text
from tests.search_pages import make_page

pytestmark = pytest.mark.django_db

# (Hong Kong, mainland): OpenCC alone converts the Hong Kong form to another word
# (通訊 -> 通讯, not 通信).
PAIRS = [
    ("通訊", "通信"),
    ("資訊", "信息"),
    ("流動網絡", "移动网络"),
    ("數碼", "数字"),
    ("伺服器", "服务器"),
    ("電郵", "电子邮件"),
    ("演算法", "算法"),
    ("電腦", "计算机"),
]


def hong_kong_page(hong_kong):
    return f"理大{hong_kong}研究中心"


def mainland_page(mainland):
    return f"理大{mainland}研究中心"


@pytest.fixture
def vocabulary_pages():
    for hong_kong, mainland in PAIRS:
        Term.objects.get_or_create(
            traditional=hong_kong, simplified=mainland, defaults={"kind": Term.Kind.VOCABULARY}
        )
    for hong_kong, mainland in PAIRS:
        make_page(
            hong_kong_page(hong_kong),
            language="zh-hant",
            search_description=f"本中心研究{hong_kong}技術的應用。",
        )
        make_page(
            mainland_page(mainland),
            language="zh-hans",
            search_description=f"本中心研究{mainland}技术的应用。",
        )


def results(client, language, query):
    """[(title HTML, excerpt HTML)] of the search page's results."""
    response = client.get(f"/{language}/search/", {"query": query})
    assert response.status_code == 200
    found = []
    for item in re.findall(r'<li class="search-result .*?</li>', response.content.decode(), re.S):
        title = re.search(r'<h2 class="search-result__title"><a href="[^"]*">(.*?)</a>', item)
        excerpt = re.search(r'<p class="search-result__excerpt">(.*?)</p>', item)
        found.append((title.group(1), excerpt.group(1) if excerpt else ""))
    return found


def titles(client, language, query):
    return [title for title, _excerpt in results(client, language, query)]


def typed_forms(hong_kong, mainland):
    """What a visitor may type: each region's word in each script."""
    from core.chinese import to_simplified, to_traditional

    return dict.fromkeys([hong_kong, to_simplified(hong_kong), mainland, to_traditional(mainland)])


@pytest.mark.parametrize(("hong_kong", "mainland"), PAIRS)
def test_each_regions_word_finds_the_page_in_the_other_regions_word(
    client, vocabulary_pages, hong_kong, mainland
):
    for typed in typed_forms(hong_kong, mainland):
        found = results(client, "zh-hant", typed)
        assert [title for title, _excerpt in found] == [f"理大<mark>{hong_kong}</mark>研究中心"], (
            typed
        )
        # The page's own words, marked; nothing of the other region's.
        assert found[0][1] == f"本中心研究<mark>{hong_kong}</mark>技術的應用。"

        found = results(client, "zh-hans", typed)
        assert [title for title, _excerpt in found] == [f"理大<mark>{mainland}</mark>研究中心"], (
            typed
        )
        assert found[0][1] == f"本中心研究<mark>{mainland}</mark>技术的应用。"


def test_the_table_holds_at_least_six_pairs_that_opencc_alone_gets_wrong():
    from core.chinese import to_simplified

    assert len(PAIRS) >= 6
    assert all(to_simplified(hong_kong) != mainland for hong_kong, mainland in PAIRS)


def test_part_of_a_regional_word_still_finds_it(client, vocabulary_pages):
    # 移动 and 网络 are words of their own: folding 移动网络 must not hide them.
    assert titles(client, "zh-hans", "移动") == ["理大<mark>移动</mark>网络研究中心"]
    assert titles(client, "zh-hant", "網絡") == ["理大流動<mark>網絡</mark>研究中心"]
    assert titles(client, "zh-hans", "计算") == ["理大<mark>计算</mark>机研究中心"]


def test_a_word_is_found_only_by_its_own_pair(client, vocabulary_pages):
    # 通訊 and 資訊 share 訊; 信息 and 通信 share 信: each finds only its own page.
    assert titles(client, "zh-hant", "信息") == ["理大<mark>資訊</mark>研究中心"]
    assert titles(client, "zh-hans", "通訊") == ["理大<mark>通信</mark>研究中心"]
    assert len(titles(client, "zh-hant", "研究中心")) == len(PAIRS)


def test_folding_joins_pairs_that_share_a_form_whatever_their_order():
    pairs = [("資訊", "信息"), ("訊息", "信息"), ("軟件", "软件")]
    for order in (pairs, pairs[::-1]):
        folding = VocabularyFolding(order)
        assert folding.fold("资讯 讯息 信息") == "信息 信息 信息"
        assert folding.fold("软件") == "软件"  # one word in both regions: nothing to fold


def test_the_index_keeps_each_run_as_written_and_adds_it_folded(vocabulary_pages):
    assert index_text("移動網絡").split() == [
        *("移动", "动网", "网络", "络"),  # as written (in Simplified script)
        *("流动", "动网", "网络", "络"),  # folded: 流动网络 is the first form of the pair
    ]
    assert index_text("大數據").split() == ["大数", "数据", "据"]  # no vocabulary: once


def test_a_term_added_later_reaches_the_index_after_update_index(client):
    make_page("理大軟件研究", language="zh-hant")
    make_page("理大软体研究", language="zh-hans")  # a Taiwan word, for the test
    assert titles(client, "zh-hant", "软体") == []

    Term.objects.create(traditional="軟件", simplified="软体", kind=Term.Kind.VOCABULARY)
    call_command("update_index", stdout=io.StringIO())
    assert titles(client, "zh-hant", "软体") == ["理大<mark>軟件</mark>研究"]
    assert titles(client, "zh-hans", "軟件") == ["理大<mark>软体</mark>研究"]
