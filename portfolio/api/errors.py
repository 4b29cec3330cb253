"""The one domain error type. Services raise it; the exception handler turns it
into the envelope. Outside-service modules (LLM gateway, embedder, mailer) have
their own error types and are translated into this one at the service edge."""


class ApplicationError(Exception):
    status_code = 400

    def __init__(self, message, *, status_code=None, details=None, headers=None):
        super().__init__(message)
        self.message = message
        self.status_code = status_code or self.status_code
        self.details = details or {}
        self.headers = headers or {}


class NotFoundError(ApplicationError):
    status_code = 404


class ServiceUnavailableError(ApplicationError):
    status_code = 503
