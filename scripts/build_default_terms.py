"""Write the term base's default regional vocabulary, core/data/terms/vocabulary.tsv.

Source: Chinese Wikipedia's common conversion groups (公共轉換組, the
Module:CGroup/* pages MediaWiki converts articles with), as zhconv-rs keeps
them, one JSON file per group, in its repository's data/cgroups/
(https://github.com/Gowee/zhconv-rs). Run once, with a checkout of it:

    python scripts/build_default_terms.py --cgroups ~/zhconv-rs/data/cgroups

and commit the result. Nothing of it is needed at run time.

Only rules that give both a Hong Kong (zh-hk) and a mainland (zh-cn) form are
read: a rule without zh-hk falls back to the Taiwan form in MediaWiki, which
is wrong in Hong Kong (軟體 for 軟件). Pairs that differ only in characters
(OpenCC converts those) are left out, and so is everything in EXCLUDED: names
of people, places and brands, pairs only right in one direction, and short
words that would change inside longer ones. SUPPLEMENT adds pairs this site's
own content needs, from MediaWiki's ZhConversion.php (the zh2CN / zh2HK
tables) or from the review of the Simplified catalogues (issue 14). A pair
whose forms differ only in characters is written as kind "keep": it changes
nothing itself, and keeps a longer word from being vocabulary-changed inside
(平板電腦 stays 平板电脑, not 平板计算机).
"""

import argparse
import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))  # run as a script: make the project importable

from core.chinese import to_simplified  # noqa: E402

OUTPUT = PROJECT / "core/data/terms/vocabulary.tsv"

GROUPS = [
    "IT",
    "Communication",
    "Telcom",
    "Electronics",
    "Economics",
    "Transport",
    "Medicine",
    "Urban",
    "Copyright",
    "Psychology",
    "Photography",
]

# By Hong Kong form, with why.
EXCLUDED = {
    # Names of people, companies, brands, places, organisations.
    **dict.fromkeys(
        "柏克萊軟件套件 開機切換 SanDisk 索尼流動 索尼流動通訊 太陽電腦 朱克伯格 馮紐曼 "
        "X\u00a0Window系統 山農 快捷半導體公司 柏利圖最適 費沙效應 吉芬物品 披索 國際結算銀行 "
        "英倫銀行 德勤·關黃陳方 聯邦儲備局 聯儲局 北石銀行 羅兵咸永道 堅尼 堅尼系數 佛利民 "
        "克魯明 柏利圖 范伯倫 托斯丹·范伯倫 極品 愛快 雅士頓·馬田 平治 甲蟲車 佳士拿 佳特力 "
        "Camry 告士禾夫 快意 荷頓 歐霸 積架 科尼賽克 越野路華 林寶堅尼 凌志 馬軒達 猛獅 萬事得 "
        "麥拿侖 梅賽德斯-平治 順風 潘迪 紳寶 西雅汽車 斯高達 富士汽車 豐田Supra 獲素 福士汽車 "
        "福士集團 華德 蘇萬那普 烏達堡 格域 希斯路 肯雅 威士比 必理痛 安姆氏試驗 柏金遜症 "
        "亞氏保加症 亞氏保加 包浩斯 科比意 藝康 新力 金石牌 共享創意 共享創意公眾特許條款 "
        "流動通訊開放制式聯盟 全球流動通訊系統協會 GSM流動 空中巴士 攝像放像機 NetBook "
        "Ultrabook 齊納二極體".split(),
        "a name",
    ),
    "X Window系統": "a name",
    "Tesla Roadster": "a name",
    "Tesla Model": "a name",
    "Tesla Semi": "a name",
    "Tesla Cybertruck": "a name",
    # Taiwan forms given as Hong Kong's.
    "自由軟體授權": "Taiwan's 軟體",
    "公地流動網路": "Taiwan's 網路",
    # Wrong the other way round: the mainland word has other meanings too.
    "版權": "mainland also writes 版权",
    "討論區": "论坛 is also a conference (論壇)",
    "寄存": "寄存 is also left luggage",
    "共用": "共享 is Hong Kong usage too",
    "質素": "质量 is also mass",
    "投擲": "抛出 is general",
    "陳述式": "语句 is also a sentence",
    "管線": "管線 is also piping",
    "功用": "功用 is general",
    "清盤": "清算 is also settlement",
    "互惠基金": "投资基金 is general",
    "相關資產": "相關資產 is general",
    "等優": "无差异 is general",
    "代替品": "替代品 is Hong Kong usage too",
    "輔助品": "輔助品 is general",
    "最終產品": "最終產品 is general",
    "私用品": "general",
    "共用品": "general",
    "共有品": "general",
    "衍生產品": "衍生產品 is general (cultural products); the financial ones stay",
    "全高清": "高清 is general",
    "服務計劃": "服務計劃 is general",
    "布林": "also a name (Brin)",
    "空乏": "耗尽 is general",
    "緩衝記憶體": "快取 is the Hong Kong form of 缓存",
    "數碼": "数字 is also a numeral (阿拉伯数字): only compounds are kept",
    "數碼相機": "the mainland says 数码相机",
    "數碼相片": "the mainland says 数码照片",
    "數碼流動": "not a term",
    "數碼管": "the mainland says 数码管 too",
    "七劃管": "obscure",
    "九劃管": "obscure",
    "十四劃管": "obscure",
    "十六劃管": "obscure",
    "結束應用程序": "not a term",
    "行程間": "行程間 is general (between trips)",
    "網絡資料庫": "different meanings",
    "流動性": "流動性 is also liquidity",
    "文介面": "a fragment",
    "手持式數碼視像廣播": "not the same thing",
    "私家車": "社会车辆 is not a private car",
    "拖頭": "colloquial",
    "拖車": "拖車 is also a tow truck",
    "綿羊仔": "colloquial",
    "棍波": "colloquial",
    "波棍": "colloquial",
    "鬼面罩": "colloquial",
    "引擎": "搜尋引擎 would become a motor",
    "的士": "的士 would change inside 的士氣 (…'s morale): only compounds are kept",
    "長途大巴": "not Hong Kong usage",
    "大堂": "大厅 is Hong Kong usage too",
    "路綫": "a character variant",
    "走綫": "a character variant",
    "行車路綫": "a character variant",
    "嚴重急性呼吸綜合症冠狀病毒2型": "a name",
    "2009年人類豬型流感疫情": "an event",
    "認知障礙症": "the mainland says 认知障碍症 too",
    "藥房": "藥局 is Taiwan's",
    "特許": "too short: 許可 is general",
    "影像": "图像 is general",
    "大量帳號建立者": "MediaWiki's own",
    "封鎖": "MediaWiki's own",
    "數碼模式": "not a term",
    "資訊年代": "資訊時代 is the one kept",
    "沙井": "also a place (Shajing, Shenzhen)",
    "迴旋處": "环岛 is also round the island (环岛游)",
    "雜訊": "噪声污染 would become 雜訊污染 (噪音污染)",
    "高清USB手指": "a product",
    "USB電視手指": "a product",
}
EXCLUDED.update({f"{letter}磁碟機": "drive letters" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
EXCLUDED.update({f"{n}號客運大樓": "digits: the forms with Chinese numerals stay" for n in "12345"})
EXCLUDED.update(
    {f"{n}線行車": "digits: the forms with Chinese numerals stay" for n in range(1, 11)}
)

MEDIAWIKI = "MediaWiki ZhConversion.php"
REVIEW = "issue 14 catalogue review"
# (English, Hong Kong, mainland, source)
SUPPLEMENT = [
    ("communication", "通訊", "通信", "Module:CGroup/IT"),
    ("information", "資訊", "信息", "Module:CGroup/IT"),
    ("algorithm", "演算法", "算法", "Module:CGroup/IT"),
    ("server", "伺服器", "服务器", MEDIAWIKI),
    ("operating system", "作業系統", "操作系统", MEDIAWIKI),
    ("source code", "原始碼", "源代码", MEDIAWIKI),
    ("application", "應用程式", "应用程序", MEDIAWIKI),
    ("mobile app", "流動應用程式", "移动应用程序", MEDIAWIKI),
    ("computer program", "電腦程式", "计算机程序", MEDIAWIKI),
    ("programmer", "程式設計師", "程序员", MEDIAWIKI),
    ("search engine", "搜尋引擎", "搜索引擎", MEDIAWIKI),
    ("chip", "晶片", "芯片", MEDIAWIKI),
    ("robot", "機械人", "机器人", MEDIAWIKI),
    ("privacy", "私隱", "隐私", MEDIAWIKI),
    ("air quality", "空氣質素", "空气质量", MEDIAWIKI),
    ("pavement", "行人路", "人行道", MEDIAWIKI),
    ("hyperlink", "超連結", "超链接", MEDIAWIKI),
    ("external link", "外部連結", "外部链接", MEDIAWIKI),
    ("web page link", "網頁連結", "网页链接", MEDIAWIKI),
    ("website link", "網站連結", "网站链接", MEDIAWIKI),
    ("transistor", "電晶體", "晶体管", MEDIAWIKI),
    ("single-lens reflex camera", "單鏡反光機", "单反相机", MEDIAWIKI),
    ("digital signal", "數碼訊號", "数字信号", MEDIAWIKI),
    ("information age", "資訊時代", "信息时代", MEDIAWIKI),
    ("information technology", "資訊科技", "信息技术", "Module:CGroup/IT (its description)"),
    ("e-mail", "電郵", "电子邮件", REVIEW),
    ("software", "軟件", "软件", REVIEW + ": not Taiwan's 軟體"),
    ("hard disk", "硬碟", "硬盘", REVIEW),
    ("broadband", "寬頻", "宽带", REVIEW),
    ("computer", "電腦", "计算机", REVIEW),
    ("tablet computer", "平板電腦", "平板电脑", REVIEW + ": not 平板计算机"),
    ("computer game", "電腦遊戲", "电脑游戏", REVIEW + ": not 计算机游戏"),
    ("computer vision", "電腦視覺", "计算机视觉", REVIEW),
    ("computer science", "電腦科學", "计算机科学", REVIEW),
    ("wireless communication technology", "無線通訊技術", "无线通信技术", REVIEW),
    ("telecommunications", "電訊", "电信", REVIEW),
    ("digitalisation", "數碼化", "数字化", REVIEW),
    ("digital transformation", "數碼轉型", "数字化转型", REVIEW),
    ("digital health", "數碼健康", "数字健康", REVIEW),
    ("digital economy", "數碼經濟", "数字经济", REVIEW),
    ("digital technology", "數碼科技", "数字科技", REVIEW),
    ("digital technology", "數碼技術", "数字技术", REVIEW),
    ("digital platform", "數碼平台", "数字平台", REVIEW),
    ("digital city", "數碼城市", "数字城市", REVIEW),
    ("storage technology", "儲存技術", "存储技术", REVIEW),
    ("data storage", "數據儲存", "数据存储", REVIEW),
    ("video", "視像", "视频", REVIEW),
    ("wearable device", "可穿戴裝置", "可穿戴设备", REVIEW),
    ("wearable device", "穿戴裝置", "穿戴设备", REVIEW),
    ("smart device", "智能裝置", "智能设备", REVIEW),
    ("technical support", "技術支援", "技术支持", REVIEW),
    ("provide support", "提供支援", "提供支持", REVIEW),
    ("information and communication technology", "資訊及通訊科技", "信息通信技术", REVIEW),
    ("communication technology", "通訊科技", "通信技术", REVIEW),
    ("COVID-19", "2019冠狀病毒病", "新冠肺炎", REVIEW + ": each region's official name"),
    ("photographs of activities", "活動相片", "活动照片", REVIEW),
    ("video call", "視像通話", "视频通话", REVIEW),
    ("message", "訊息", "消息", REVIEW),
    ("good news", "好消息", "好消息", REVIEW + ": news stays 消息 both ways"),
    ("latest news", "最新消息", "最新消息", REVIEW + ": news stays 消息 both ways"),
    ("thank-you message", "致謝訊息", "感谢留言", REVIEW),
    ("contact us", "聯絡我們", "联系我们", REVIEW),
    ("contact person", "聯絡人", "联系人", REVIEW),
    ("contact details", "聯絡方式", "联系方式", REVIEW),
    ("contact details", "聯絡資料", "联系信息", REVIEW),
    ("contact number", "聯絡電話", "联系电话", REVIEW),
    ("contact you", "與您聯絡", "与您联系", REVIEW),
    ("contact us", "與我們聯絡", "与我们联系", REVIEW),
    ("please contact", "請聯絡", "请联系", REVIEW),
    ("import", "匯入", "导入", REVIEW),
    ("export", "匯出", "导出", REVIEW),
    ("menu", "選單", "菜单", REVIEW),
    ("main menu", "主選單", "主菜单", REVIEW),
    ("home page", "主頁", "首页", REVIEW),
    ("personal home page", "個人主頁", "个人主页", REVIEW + ": a personal page stays 主页"),
    ("view the full-size image", "開啟大圖", "查看大图", REVIEW),
    ("job title", "職銜", "职务", REVIEW),
    ("field (of a form)", "欄位", "字段", REVIEW),
    ("form field", "表格欄位", "表单字段", REVIEW),
    ("enquiry form", "查詢表格", "咨询表单", REVIEW),
    ("online form", "網上表格", "在线表单", REVIEW),
    ("enquiry hotline", "查詢熱線", "咨询热线", REVIEW),
    ("enquiries welcome", "歡迎查詢", "欢迎咨询", REVIEW),
    ("hyphen", "連字號", "连字符", REVIEW),
    ("wide (photograph)", "闊幅", "宽幅", REVIEW),
    ("technology match-making meeting", "技術配對會議", "技术对接会", REVIEW),
    ("technology match-making", "技術配對", "技术对接", REVIEW),
    ("through collaboration", "透過合作", "通过合作", REVIEW),
    ("through technology", "透過技術", "通过技术", REVIEW),
    ("through the platform", "透過平台", "通过平台", REVIEW),
    ("by e-mail", "透過電郵", "通过电子邮件", REVIEW),
    ("mobile network", "流動網絡", "移动网络", "Module:CGroup/IT"),
    ("programming language", "程式語言", "编程语言", REVIEW),
    ("programming", "程式設計", "程序设计", MEDIAWIKI),
    ("code", "程式碼", "代码", MEDIAWIKI),
    ("laptop", "手提電腦", "笔记本电脑", "Module:CGroup/IT"),
    ("mouse (computer)", "滑鼠", "鼠标", REVIEW),
    ("interface", "介面", "界面", "Module:CGroup/MediaWiki"),
    ("default", "預設", "默认", REVIEW),
    ("log in", "登入", "登录", "Module:CGroup/IT"),
    ("log out", "登出", "退出登录", REVIEW),
    ("folder", "資料夾", "文件夹", REVIEW),
]


def rules(path):
    """(English, Hong Kong form, mainland form) of each two-way rule of one CGroup file."""
    for rule in json.loads(path.read_text(encoding="utf-8"))["rules"]:
        conv = rule.get("conv") or ""
        if "=>" in conv:
            continue  # one-way rules
        forms = {}
        for part in conv.split(";"):
            if ":" in part:
                variant, text = part.split(":", 1)
                forms[variant.strip()] = text.strip()
        hong_kong, mainland = forms.get("zh-hk"), forms.get("zh-cn")
        if hong_kong and mainland:
            english = (rule.get("original") or "").strip()
            if english.startswith("[["):  # [[:en:Deposit|Deposit]]
                english = english.strip("[]").split("|")[-1]
            yield english, hong_kong, mainland


def pairs(cgroups):
    seen = set()
    for english, hong_kong, mainland, source in SUPPLEMENT:
        seen.add(hong_kong)
        kind = "keep" if to_simplified(hong_kong) == mainland else "vocabulary"
        yield english, hong_kong, mainland, kind, source
    for group in GROUPS:
        for english, hong_kong, mainland in rules(cgroups / f"{group}.json"):
            if hong_kong in seen or hong_kong in EXCLUDED or len(hong_kong) < 2:
                continue
            if to_simplified(hong_kong) == mainland:
                continue  # characters only: OpenCC converts them
            seen.add(hong_kong)
            yield english, hong_kong, mainland, "vocabulary", f"Module:CGroup/{group}"


def clean(text):
    return " ".join(text.replace("\t", " ").split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cgroups", type=Path, required=True, help="zhconv-rs's data/cgroups")
    parser.add_argument("--revision", default="", help="the zhconv-rs commit read, for the header")
    args = parser.parse_args()
    lines = [
        "# Hong Kong ⇄ mainland vocabulary: the term base's default regional vocabulary.",
        "# Generated by scripts/build_default_terms.py; edit the script, not this file.",
        "# Source: Chinese Wikipedia's common conversion groups (Module:CGroup/*), as kept",
        f"# in zhconv-rs's data/cgroups {args.revision}".rstrip() + ",",
        "# and MediaWiki's ZhConversion.php; curated for this site (issue 14).",
        "# Licence: Wikipedia text, CC BY-SA 4.0; MediaWiki, GPL-2.0-or-later.",
        "english\ttraditional\tsimplified\tkind\tnote",
    ]
    count = 0
    for english, hong_kong, mainland, kind, source in pairs(args.cgroups):
        lines.append("\t".join([clean(english), hong_kong, mainland, kind, source]))
        count += 1
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write(f"{OUTPUT.relative_to(PROJECT)}: {count} pairs\n")


if __name__ == "__main__":
    main()
