"""The portal's access rule for views: anonymous people are sent to sign in; a signed-in person
whose role has no access to the section gets 403 (object views answer 404 themselves)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from rules.contrib.views import permission_required as rules_permission_required


def permission_required(perm: str, fn=None):
    def decorator(view):
        guarded = rules_permission_required(perm, fn=fn, raise_exception=True)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return guarded(request, *args, **kwargs)

        return wrapper

    return decorator
