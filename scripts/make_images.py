"""Draw the favicons, the logo and the default share image into static/img/.

Run once after changing the mark (`.venv/bin/python scripts/make_images.py`);
the PNG and ICO files it writes are committed. Needs /usr/bin/chromium (it
renders the SVG mark and an HTML card with Playwright) and Pillow (Wagtail's).
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
MARK = (IMG / "favicon.svg").read_text()
CARD = """<!DOCTYPE html><html lang="en"><meta charset="utf-8"><style>
body{margin:0;width:1200px;height:630px;background:#8a1538;color:#fff;
font-family:"Segoe UI",Roboto,Arial,"Noto Sans CJK HK","Noto Sans CJK TC",sans-serif;
display:flex;flex-direction:column;justify-content:center;padding:0 96px;box-sizing:border-box}
svg{width:120px;height:120px;margin-bottom:48px}
h1{font-size:76px;line-height:1.1;margin:0 0 24px;font-weight:700}
p{font-size:40px;margin:0;opacity:.92}
.bar{position:absolute;left:0;bottom:0;width:100%;height:18px;background:#e0b955}
</style><body>__MARK__<h1>PolyU Industry Partnerships</h1>
<p lang="zh-Hant-HK">理大產學合作</p><div class="bar"></div></body></html>"""
LAUNCH = {
    "executable_path": "/usr/bin/chromium",
    "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
}


def render(page, html, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.set_content(html)
    return Image.open(io.BytesIO(page.screenshot(omit_background=True)))


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**LAUNCH)
        page = browser.new_page()
        mark = "<style>body{margin:0}svg{display:block;width:100vw;height:100vh}</style>" + MARK
        big = render(page, mark, (512, 512))
        big.save(IMG / "logo-512.png", optimize=True)
        big.resize((180, 180), Image.LANCZOS).save(IMG / "apple-touch-icon.png", optimize=True)
        big.resize((32, 32), Image.LANCZOS).save(IMG / "favicon-32.png", optimize=True)
        big.save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        card = render(page, CARD.replace("__MARK__", MARK), (1200, 630)).convert("RGB")
        card.save(IMG / "og-default.png", optimize=True)
        browser.close()


if __name__ == "__main__":
    main()
