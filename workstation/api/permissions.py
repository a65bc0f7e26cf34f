from rest_framework.permissions import BasePermission


class ReadsTheApi(BasePermission):
    """Staff and officials (``workstation.use_api``); what each may read is the models'
    ``visible_to``, as on the pages."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.has_perm("workstation.use_api"))
