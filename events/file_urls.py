from django.urls import path

from . import files

app_name = "files"

urlpatterns = [
    path("<slug:kind>/<int:pk>/<str:filename>", files.serve, name="serve"),
]
