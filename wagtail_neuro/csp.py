"""A Content-Security-Policy for the public site that leaves the Wagtail admin working.

Use it instead of django-csp's middleware (``pip install django-csp``; it is in the package's
``example`` extra)::

    MIDDLEWARE = [..., "wagtail_neuro.csp.NeuroCSPMiddleware", ...]
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": {...}}  # the strict policy of the public site

Pages, feeds and the package's templates get ``CONTENT_SECURITY_POLICY`` as django-csp builds
it (with ``request.csp_nonce`` for inline JSON-LD or scripts). The Wagtail admin (and Django's,
and the admin's previews) inline styles and scripts the strict policy would block, so under
their URL prefixes, and for preview requests, the directives in ``WAGTAIL_NEURO_ADMIN_CSP``
replace the site's. A view can still
override either with django-csp's ``@csp_update``/``@csp_replace``/``@csp_exempt``.
"""

from __future__ import annotations

from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, reverse

from .conf import neuro_settings

__all__ = ["NeuroCSPMiddleware", "admin_url_prefixes", "is_admin_request"]


def admin_url_prefixes() -> tuple[str, ...]:
    """Where the host mounted the Wagtail admin and Django's admin (read from the URLconf, so
    a project that moved ``/admin/`` needs no setting)."""
    prefixes = []
    for name in ("wagtailadmin_home", "admin:index"):
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            continue
    return tuple(prefix for prefix in prefixes if prefix != "/")


def is_admin_request(request: HttpRequest) -> bool:
    """An admin URL, or the admin's preview of a page or snippet: Wagtail renders a preview
    through the middleware again with a dummy request for the page's own URL, and shows it in
    an iframe of the editor (the headless mode inlines a style and frames the frontend)."""
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return True
    return request.path_info.startswith(admin_url_prefixes())


class NeuroCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``WAGTAIL_NEURO_ADMIN_CSP`` on the admins' URLs."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin_request(request):
            admin: dict[str, Any] = dict(neuro_settings.ADMIN_CSP or {})
            parts.replace = {**admin, **(parts.replace or {})}  # a view's own word wins
        return parts
