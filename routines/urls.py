from django.urls import path

from acupressure_site.shared.pagecache import cache_for_readers

from . import views
from .feeds import LatestArticlesFeed

app_name = "routines"

urlpatterns = [
    path("", cache_for_readers(views.HomeView.as_view()), name="home"),
    path(
        "articles/",
        cache_for_readers(views.ArticleListView.as_view()),
        name="article-list",
    ),
    path(
        "articles/<slug:slug>/",
        cache_for_readers(views.ArticleDetailView.as_view()),
        name="article-detail",
    ),
    path(
        "articles/<slug:slug>/video.mp4",
        views.video_download,
        name="video-download",
    ),
    path(
        "preview/articles/<int:pk>/",
        views.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    # Never page-cached: each link is checked (expiry, revocation) on every read.
    path(
        "preview/links/<str:token>/",
        views.PreviewLinkView.as_view(),
        name="preview-link",
    ),
    path(
        "topics/<slug:slug>/",
        cache_for_readers(views.TopicDetailView.as_view()),
        name="topic-detail",
    ),
    path(
        "points/", cache_for_readers(views.PointListView.as_view()), name="point-list"
    ),
    path(
        "points/<slug:slug>/",
        cache_for_readers(views.PointDetailView.as_view()),
        name="point-detail",
    ),
    path(
        "routines/<slug:slug>/",
        cache_for_readers(views.RoutineDetailView.as_view()),
        name="routine-detail",
    ),
    # Not page-cached: every query is a different page, and most are one-offs.
    path("search/", views.search, name="search"),
    path(
        "routines/<slug:slug>/handout.pdf",
        views.routine_handout,
        name="routine-handout",
    ),
    path("handouts/<slug:slug>.pdf", views.handout_download, name="handout-download"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("preview/markdown/", views.markdown_preview, name="markdown-preview"),
]
