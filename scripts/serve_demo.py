"""Serve the site as production would for measuring it: debug off, collected static files.

`scripts/lighthouse.sh` runs this. WhiteNoise serves the hashed, compressed
static files from STATIC_ROOT; uploaded media (the demo images) are served
from MEDIA_ROOT too, as the media host would in production. Usage:
    DJANGO_SETTINGS_MODULE=config.settings.dev DJANGO_DEBUG=0 python scripts/serve_demo.py PORT
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    import django

    django.setup()
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from django.test.testcases import _MediaFilesHandler

    port = int(sys.argv[1])
    run("127.0.0.1", port, _MediaFilesHandler(get_wsgi_application()), threading=True)


if __name__ == "__main__":
    main()
