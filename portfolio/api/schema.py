"""OpenAPI: every documented `/api/v1/` response shows the envelope it really has."""

from drf_spectacular.openapi import AutoSchema
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "success": {"type": "boolean", "enum": [False]},
        "error": {"type": "string", "description": "One human sentence."},
        "details": {
            "type": "object",
            "additionalProperties": True,
            "description": "Optional; for bad input, field name -> list of messages.",
        },
    },
    "required": ["success", "error"],
}

# Sorted by code; 401/403 only where a permission is needed, 413/415 only on file writes.
_ERRORS = {
    "400": "Bad input; nothing was changed.",
    "401": "No valid access token (Authorization: Bearer ...).",
    "403": "Signed in, but without the permission this needs.",
    "404": "Not found.",
    "405": "Method not allowed.",
    "413": "The file or the body is too large.",
    "415": "The file's content is not a type accepted here.",
    "429": "Throttled; see the Retry-After header.",
    "500": "Unexpected error (logged, no traceback).",
    "503": "A dependency (the database, the CV search) is down.",
}


class EnvelopeAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None and getattr(self.view, "envelope", True):
            operation["responses"] = self.enveloped(operation["responses"])
        return operation

    def enveloped(self, bodies) -> dict:
        """The operation's responses with the envelope around each 2xx body, and the
        error responses every operation can give."""
        for code, body in bodies.items():
            json_body = body.get("content", {}).get("application/json")
            if json_body and "schema" in json_body and code.startswith("2"):
                json_body["schema"] = {
                    "type": "object",
                    "properties": {
                        "success": {"type": "boolean", "enum": [True]},
                        "data": json_body["schema"],
                        "message": {"type": "string"},
                    },
                    "required": ["success", "data"],
                }
        skip = set()
        if all(issubclass(p, AllowAny) for p in self.view.permission_classes):
            skip |= {"401", "403"}
        takes_files = any(issubclass(p, MultiPartParser) for p in self.view.parser_classes)
        if not (takes_files and self.method in ("POST", "PUT", "PATCH")):
            skip |= {"413", "415"}
        content = {"application/json": {"schema": ERROR_SCHEMA}}
        for code in [c for c in _ERRORS if c not in skip]:
            bodies.setdefault(code, {"description": _ERRORS[code], "content": content})
        return bodies
