from django.urls import path

from . import reader_views, views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("comments/token/", views.csrf_token, name="token"),
    path("comments/<int:pk>/report/", reader_views.report_comment, name="report"),
    path("feedback/<str:kind>/<slug:slug>/", reader_views.vote, name="feedback"),
    path("feedback/reason/", reader_views.feedback_reason, name="feedback-reason"),
    path(
        "comments/replies/confirm/<str:token>/",
        reader_views.confirm_replies,
        name="replies-confirm",
    ),
    path(
        "comments/replies/unsubscribe/<str:token>/",
        reader_views.unsubscribe_replies,
        name="replies-unsubscribe",
    ),
]
