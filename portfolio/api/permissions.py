"""Who may write.

Anonymous requests to a protected view fail authentication: 401 with
`WWW-Authenticate: Bearer` (JWTAuthentication supplies the header, which is what
makes DRF answer 401 rather than 403). A signed-in user who lacks the right
answers 403.
"""

from rest_framework.permissions import BasePermission


class StaffOrModelPermission(BasePermission):
    """Staff users, or users holding the Django model permission for the method
    (`add_`, `change_`, `delete_`, `view_` on `view.model`), e.g. through the
    "Editor" group. Superusers hold every permission."""

    actions = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "POST": "add",
        "PUT": "change",
        "PATCH": "change",
        "DELETE": "delete",
    }

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.is_staff:
            return True
        action = self.actions.get(request.method)
        return action is not None and user.has_perm(self.codename(view.model, action))

    @staticmethod
    def codename(model, action) -> str:
        opts = model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"


class MayUpload(StaffOrModelPermission):
    """The one rule for every upload endpoint: staff, or the `add` permission on the
    model the upload creates (`view.model`), whatever the method. The Editor group
    holds it for media; the CV's is given to no group, so CV uploads stay staff's."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return user.is_staff or user.has_perm(self.codename(view.model, "add"))
