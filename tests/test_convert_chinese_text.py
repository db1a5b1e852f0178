"""manage.py convert_chinese_text: the site's conversion on the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from core.models import Term

pytestmark = pytest.mark.django_db


def run(text, *args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "convert_chinese_text", *args, stdin=io.StringIO(text), stdout=stdout, stderr=stderr
    )
    return stdout.getvalue(), stderr.getvalue()


def test_traditional_to_simplified_one_line_out_per_line_in():
    out, err = run(
        "香港理工大學電子計算學系研究流動網絡\n\n電子及資訊工程學系的通訊技術\n",
        "--from",
        "zh-hant",
        "--to",
        "zh-hans",
    )
    assert out.splitlines() == [
        "香港理工大学电子计算学系研究移动网络",
        "",
        "电子及资讯工程学系的通信技术",
    ]
    assert "term applied: 流動網絡 → 移动网络 (vocabulary)" in err
    assert "term applied: 香港理工大學電子計算學系 → 香港理工大学电子计算学系 (name)" in err
    assert "移动网络" not in out.splitlines()[2]


def test_simplified_to_traditional():
    out, err = run("部署服务器和算法\n", "--from", "zh-hans", "--to", "zh-hant")
    assert out == "部署伺服器和演算法\n"
    assert "term applied: 服务器 → 伺服器 (vocabulary)" in err


def test_a_last_line_without_newline_is_converted_too():
    out, _ = run("資訊\n數碼健康", "--from", "zh-hant", "--to", "zh-hans")
    assert out.splitlines() == ["信息", "数字健康"]


def test_the_site_term_base_is_used():
    Term.objects.create(traditional="雲端運算", simplified="云计算", kind=Term.Kind.VOCABULARY)
    out, _ = run("雲端運算\n", "--from", "zh-hant", "--to", "zh-hans")
    assert out == "云计算\n"


@pytest.mark.parametrize(
    "args",
    [
        ("--from", "zh-hant", "--to", "zh-hant"),
        ("--from", "en", "--to", "zh-hans"),
        ("--from", "zh-hans", "--to", "zh-tw"),
    ],
)
def test_a_bad_pair_of_languages_is_a_clear_error(args):
    with pytest.raises(CommandError, match="--from and --to must be zh-hant and zh-hans"):
        run("資訊\n", *args)


def test_help_says_where_the_terms_go():
    stdout = io.StringIO()
    from core.management.commands.convert_chinese_text import Command

    Command().create_parser("manage.py", "convert_chinese_text").print_help(stdout)
    assert "standard error" in stdout.getvalue()
