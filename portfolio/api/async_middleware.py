"""The middleware stack, run on the event loop under ASGI.

Django's `MiddlewareMixin` is async-capable in name only: under ASGI it runs each
hook through `sync_to_async`, a thread switch apiece, per request. The hooks of the
middleware we run only read headers and compute, so the ASGI handler (asgi.py) loads
inline variants of them in their place (`asgi_variant`): settings.MIDDLEWARE
keeps the usual names (Django's deploy checks look for them) and WSGI runs the
originals. Saving a modified session, which writes to the database, keeps its thread.
"""

import types

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.sessions import middleware as sessions
from django.core.handlers import asgi, base
from django.utils.deprecation import MiddlewareMixin
from whitenoise import middleware as whitenoise


class Inline:
    """Put before a MiddlewareMixin class: its hooks called directly, not in a thread."""

    def __init__(self, get_response):
        super().__init__(get_response)
        # Django adapts a sync hook with sync_to_async; a coroutine is used as is. (DRF's
        # Response is a template response: every API answer meets the template hook.)
        for name in ("process_view", "process_template_response"):
            if self.async_mode and hasattr(self, name):
                setattr(self, name, _on_the_loop(getattr(self, name)))

    async def __acall__(self, request):
        response = self.process_request(request) if hasattr(self, "process_request") else None
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = await self._aprocess_response(request, response)
        return response

    async def _aprocess_response(self, request, response):
        return self.process_response(request, response)


def _on_the_loop(hook):
    async def run(_self, *args):
        return hook(*args)

    # Bound, as Django expects (its error messages name `hook.__self__`'s class).
    return types.MethodType(run, hook.__self__)


class SessionMiddleware(Inline, sessions.SessionMiddleware):
    async def _aprocess_response(self, request, response):
        session = getattr(request, "session", None)
        every = settings.SESSION_SAVE_EVERY_REQUEST
        if session is not None and (session.modified or (session.accessed and every)):
            # Saving writes to the session store (the database).
            return await sync_to_async(self.process_response)(request, response)
        return self.process_response(request, response)


class WhiteNoiseMiddleware(whitenoise.WhiteNoiseMiddleware):
    """Static files as before; every other request passes by without a thread."""

    async_capable = True

    def __init__(self, get_response=None, *args, **kwargs):
        super().__init__(get_response, *args, **kwargs)
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request):
        return self._acall(request) if self.async_mode else super().__call__(request)

    async def _acall(self, request):
        path, static_file = request.path_info, None
        if not self.autorefresh:
            static_file = self.files.get(path)
        elif path.startswith(self.static_prefix):  # development: looks on disk
            static_file = await sync_to_async(self.find_file)(path)
        if static_file is not None:
            return await sync_to_async(self.serve)(static_file, request)
        return await self.get_response(request)


# Every MiddlewareMixin in settings.MIDDLEWARE only reads headers and computes in its
# hooks (test_async_middleware.py lists them), so each runs inline; these two need more.
_OWN = {"whitenoise.middleware.WhiteNoiseMiddleware": WhiteNoiseMiddleware,
        "django.contrib.sessions.middleware.SessionMiddleware": SessionMiddleware}  # fmt: skip


def asgi_variant(path, cls):
    """How the class settings.MIDDLEWARE names by `path` runs under ASGI."""
    if path in _OWN:
        return _OWN[path]
    if issubclass(cls, Inline) or not issubclass(cls, MiddlewareMixin):
        return cls  # inline already (our LocaleMiddleware), or natively async
    return type(cls.__name__, (Inline, cls), {"__doc__": cls.__doc__})


class ASGIHandler(asgi.ASGIHandler):
    """Django's ASGI handler, building its middleware chain from the inline variants."""

    def load_middleware(self, is_async=False):
        # Django imports each MIDDLEWARE entry by path. Runs once, at start-up.
        original = base.import_string
        base.import_string = lambda path: asgi_variant(path, original(path))
        try:
            super().load_middleware(is_async)
        finally:
            base.import_string = original
