"""DRF's `DjangoModelPermissions`, with `view_` for reads and staff let through. Anonymous
is a 401 (JWTAuthentication's `WWW-Authenticate: Bearer` is what makes DRF answer 401, not
403); a signed-in user who lacks the right gets a 403."""

from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import DjangoModelPermissions


class StaffOrModelPermission(DjangoModelPermissions):
    """Staff, or holders of the method's model permission (e.g. the "Editor" group)."""

    perms_map = DjangoModelPermissions.perms_map | {
        method: ["%(app_label)s.view_%(model_name)s"] for method in ("GET", "HEAD", "OPTIONS")
    }

    def has_permission(self, request, view):
        if request.user.is_authenticated and request.user.is_staff:
            return True
        try:
            return super().has_permission(request, view)
        except MethodNotAllowed:  # a method no permission covers: 403 (only staff see 405)
            return False


class MayUpload(StaffOrModelPermission):
    """Every upload endpoint: staff, or `add` on the model it creates (`view.model`), whatever
    the method. Editors hold it for media; no group holds the CV's: CV uploads are staff's."""

    def get_required_permissions(self, method, model_cls):
        return super().get_required_permissions("POST", model_cls)

    def _queryset(self, view):
        # Upload views create a model's rows but list none: they name it, not a queryset.
        return view.model._default_manager.none()
