"""Middleware of the deployment itself, not of any one app."""

from django.conf import settings


class ClientAddressMiddleware:
    """Behind trusted proxies, make REMOTE_ADDR the visitor's address, not the proxy's.

    Each proxy (a load balancer, a CDN) appends the address it received the
    request from to X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies, the
    visitor is that many entries from the right. Anything further left was
    written by the client and is not trusted. Per-visitor limits (the enquiry
    form's) and logs need the visitor's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = settings.TRUSTED_PROXY_COUNT
        if count:
            forwarded = [
                address.strip()
                for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if address.strip()
            ]
            if len(forwarded) >= count:
                request.META["REMOTE_ADDR"] = forwarded[-count]
        return self.get_response(request)
