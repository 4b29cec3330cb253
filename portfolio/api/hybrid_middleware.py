"""The base of our own middleware: natively sync- and async-capable, the way Django's
"Asynchronous support" describes for middleware (sync_capable, async_capable,
markcoroutinefunction). Imports nothing of the project, so any module may use it."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction


class HybridMiddleware:
    """Runs `call(request)` when the chain below is sync (WSGI, or a sync-only middleware
    further in) and awaits `acall(request)` when it is async, with no thread switch of
    its own in either. Subclasses define both."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request):
        return self.acall(request) if self.async_mode else self.call(request)
