"""A shared cache of rendered pages for anonymous visitors, invalidated by Wagtail's signals.

`wagtail-cache` does not install with Wagtail 8, so this is our own small
piece on Django's cache framework: `store` holds the logic, `middleware`
serves and stores responses, `signal_handlers` decides what a change
invalidates, `wagtail_hooks` marks page responses as candidates.
"""
