"""The translators' admin views, one module per job (their URLs are in wagtail_hooks.py)."""
