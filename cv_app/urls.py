# Endpoints of this app are mounted under /api/v1/ by portfolio/urls.py.
urlpatterns = []
