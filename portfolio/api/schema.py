"""OpenAPI: every documented `/api/v1/` response shows the envelope it really has."""

from drf_spectacular.openapi import AutoSchema
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny

_ERROR_SCHEMA = {
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

_ERRORS = {
    "400": "Bad input; nothing was changed.",
    "404": "Not found.",
    "405": "Method not allowed.",
    "429": "Throttled; see the Retry-After header.",
    "500": "Unexpected error (logged, no traceback).",
    "503": "A dependency (the database, the CV search) is down.",
}
_AUTH_ERRORS = {
    "401": "No valid access token (Authorization: Bearer ...).",
    "403": "Signed in, but without the permission this needs.",
}
_UPLOAD_ERRORS = {
    "413": "The file or the body is too large.",
    "415": "The file's content is not a type accepted here.",
}


def _success_schema(data_schema):
    return {
        "type": "object",
        "properties": {
            "success": {"type": "boolean", "enum": [True]},
            "data": data_schema,
            "message": {"type": "string"},
        },
        "required": ["success", "data"],
    }


class EnvelopeAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction=direction)
        if not getattr(self.view, "envelope", True):
            return bodies
        for code, body in bodies.items():
            content = body.get("content", {})
            json_body = content.get("application/json")
            if json_body and "schema" in json_body and code.startswith("2"):
                json_body["schema"] = _success_schema(json_body["schema"])
        for code, description in self._error_codes().items():
            bodies.setdefault(
                code,
                {
                    "description": description,
                    "content": {"application/json": {"schema": _ERROR_SCHEMA}},
                },
            )
        return bodies

    def _error_codes(self) -> dict:
        codes = dict(_ERRORS)
        if any(not issubclass(p, AllowAny) for p in self.view.permission_classes):
            codes.update(_AUTH_ERRORS)
        takes_files = any(issubclass(p, MultiPartParser) for p in self.view.parser_classes)
        if takes_files and self.method in ("POST", "PUT", "PATCH"):
            codes.update(_UPLOAD_ERRORS)
        return dict(sorted(codes.items()))
