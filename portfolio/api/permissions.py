"""Who may write: DRF's `DjangoModelPermissions`, with `view_` for reads and staff let through.

Anonymous requests fail authentication: 401 with `WWW-Authenticate: Bearer`
(JWTAuthentication supplies the header, which is what makes DRF answer 401 rather
than 403). A signed-in user who lacks the right answers 403.
"""

from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import DjangoModelPermissions

_VIEW = ["%(app_label)s.view_%(model_name)s"]


class StaffOrModelPermission(DjangoModelPermissions):
    """Staff users, or users holding the model permission for the method (e.g.
    through the "Editor" group). Superusers hold every permission."""

    perms_map = {**DjangoModelPermissions.perms_map, "GET": _VIEW, "HEAD": _VIEW, "OPTIONS": _VIEW}

    def has_permission(self, request, view):
        if request.user.is_authenticated and request.user.is_staff:
            return True
        try:
            return super().has_permission(request, view)
        except MethodNotAllowed:  # a method no permission covers: 403 (only staff see 405)
            return False


class MayUpload(StaffOrModelPermission):
    """The one rule for every upload endpoint: staff, or the `add` permission on the
    model the upload creates (`view.model`), whatever the method. The Editor group
    holds it for media; the CV's is given to no group, so CV uploads stay staff's."""

    def get_required_permissions(self, method, model_cls):
        return super().get_required_permissions("POST", model_cls)

    def _queryset(self, view):
        # Upload views create a model's rows but list none: they name it, not a queryset.
        return view.model._default_manager.none()
