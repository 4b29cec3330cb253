from django.urls import path

from contact_app.views import ContactSubmitApi

# Mounted under /api/v1/ by portfolio/urls.py.
urlpatterns = [
    path("contact/submit", ContactSubmitApi.as_view(), name="contact-submit"),
]
