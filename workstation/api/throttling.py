from rest_framework.throttling import SimpleRateThrottle


class PerTokenThrottle(SimpleRateThrottle):
    """Counted per token (per person for a signed-in browser), in the default cache, which lives
    in PostgreSQL: a Redis outage does not open or close the API."""

    scope = "api"

    def get_cache_key(self, request, view):
        if request.auth is not None and hasattr(request.auth, "pk"):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
