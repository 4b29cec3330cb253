from django.urls import path

from cv_app.views import CVQueryApi, CVStatusApi, CVUploadApi

urlpatterns = [
    path("cv/upload", CVUploadApi.as_view(), name="cv-upload"),
    path("cv/status", CVStatusApi.as_view(), name="cv-status"),
    path("cv/query", CVQueryApi.as_view(), name="cv-query"),
]
