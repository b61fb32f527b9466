"""Public pages: thin views over the queryset methods in ``models``."""

from itertools import groupby

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Prefetch, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView

from . import previews, tasks
from .models import (
    Article,
    BodyRegion,
    Handout,
    Point,
    Routine,
    RoutineStep,
    Topic,
)
from .search import clean_query
from .search import search as search_site
from .structured_data import article_jsonld, dumps, routine_jsonld
from .text import render_markdown

# A routine's steps in order, each with its point: one query for any routine.
ORDERED_STEPS = RoutineStep.objects.select_related("point").order_by("order")


def article_detail_queryset() -> QuerySet[Article]:
    return Article.objects.select_related("featured_routine")


class HomeView(ListView):
    template_name = "routines/home.html"
    context_object_name = "articles"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.for_listing()[:7]


class ArticleListView(ListView):
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.for_listing()


class ArticleDetailView(DetailView):
    context_object_name = "article"
    preview = False

    def get_queryset(self) -> QuerySet[Article]:
        return article_detail_queryset().published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        routine = article.featured_routine
        # One plain query each, for any number of rows: cheaper than
        # prefetch_related, whose own work cost more than these queries (0.2 ms).
        topics = list(article.topics.all())
        steps = list(ORDERED_STEPS.filter(routine=routine)) if routine else []
        handouts = list(Handout.objects.for_article(article))
        topic_ids = [topic.pk for topic in topics]
        more = (
            Article.objects.published()
            .filter(topics__in=topic_ids)
            .exclude(pk=article.pk)
            .distinct()
            .order_by("-publish_at")
            # What a card shows: not the bodies and transcripts.
            .only("title", "slug", "summary", "publish_at")[:4]
            if topic_ids
            else []
        )
        context.update(
            topics=topics,
            handouts=handouts,
            routine=routine,
            steps=steps,
            more_stories=more,
            preview=self.preview,
            structured_data=dumps(
                article_jsonld(article, self.request, topics=topics, steps=steps)
            ),
        )
        return context


@method_decorator(staff_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see any article, draft or scheduled, exactly as readers will."""

    preview = True

    def get_queryset(self) -> QuerySet[Article]:
        return article_detail_queryset()

    def get_object(self, queryset=None) -> Article:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


@method_decorator([never_cache, require_safe], name="dispatch")
class PreviewLinkView(ArticleDetailView):
    """Anyone with a valid preview link sees the unpublished article."""

    preview = True
    template_name = "routines/article_preview_link.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        opened = previews.open_link(self.kwargs["token"])
        if opened.refusal is previews.Refusal.PUBLISHED:
            return redirect(opened.link.article.get_absolute_url())
        if opened.refusal is not None:
            response = render(
                request,
                "routines/preview_link_refused.html",
                {"reason": opened.refusal.value, "link": opened.link},
                status=404 if opened.refusal is previews.Refusal.INVALID else 410,
            )
        else:
            self.link = opened.link
            response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self, queryset=None) -> Article:
        return self.link.article

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"preview_link": self.link}


class TopicDetailView(DetailView):
    model = Topic
    context_object_name = "topic"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.for_listing().filter(topics=self.object)
        return context


class PointListView(ListView):
    context_object_name = "points"
    template_name = "routines/point_list.html"

    def get_queryset(self) -> list[Point]:
        """Points grouped head to foot, then by code."""
        regions = list(BodyRegion.values)
        return sorted(
            Point.objects.all(), key=lambda p: (regions.index(p.body_region), p.code)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"] = [
            (label, list(points))
            for label, points in groupby(
                context["points"], key=lambda p: p.get_body_region_display()
            )
        ]
        return context


class PointDetailView(DetailView):
    model = Point
    context_object_name = "point"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["routines"] = (
            Routine.objects.public().filter(steps__point=self.object).distinct()
        )
        return context


class RoutineDetailView(DetailView):
    context_object_name = "routine"

    def get_queryset(self) -> QuerySet[Routine]:
        return Routine.objects.public().prefetch_related(
            Prefetch("steps", queryset=ORDERED_STEPS), "handouts"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.for_listing().filter(
            featured_routine=self.object
        )
        context["steps"] = steps = list(self.object.steps.all())
        context["structured_data"] = dumps(
            routine_jsonld(self.object, self.request, steps=steps)
        )
        return context


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Results for ``?q=``; never page-cached (every query differs) nor indexed."""
    query = clean_query(request.GET.get("q", ""))
    results = search_site(query) if query else []
    response = render(
        request, "routines/search.html", {"query": query, "results": results}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _attachment(file, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _readable(request: HttpRequest, everything: QuerySet, public: QuerySet) -> QuerySet:
    """Staff may fetch what is not public yet (to check a draft); readers may not."""
    return everything if request.user.is_staff else public


@require_safe
def handout_download(request: HttpRequest, slug: str) -> FileResponse:
    """Send a handout as a download; a draft's handouts only to staff."""
    handout = get_object_or_404(
        _readable(request, Handout.objects.all(), Handout.objects.public()),
        slug=slug,
    )
    if not handout.file or not handout.file.storage.exists(handout.file.name):
        raise Http404("This handout's file is missing.")
    return _attachment(handout.file, handout.download_name, "application/pdf")


@require_safe
def routine_handout(request: HttpRequest, slug: str) -> HttpResponse:
    """The handout generated from the routine's data.

    When the data changed since the last build, the task worker rebuilds it and
    this request gets the last good file meanwhile: no reader waits for a build.
    """
    routine = get_object_or_404(
        _readable(request, Routine.objects.all(), Routine.objects.public()),
        slug=slug,
    )
    # Imported here: the PDF library is large and only this view needs it.
    from . import handout_pdf

    digest = handout_pdf.current_fingerprint(routine, site_url=settings.SITE_URL)
    if not handout_pdf.is_built(routine, digest):
        key = f"handout:{routine.pk}:{digest}"
        tasks.enqueue_once(tasks.rebuild_generated_handout, key, routine.pk)
        # The last good file, or the new one when tasks run in the request.
        routine.refresh_from_db()
    stored = routine.generated_handout
    if not stored or not stored.storage.exists(stored.name):
        response = HttpResponse(
            "This handout is being prepared. Please try again in a minute.\n",
            content_type="text/plain; charset=utf-8",
            status=503,
        )
        response["Retry-After"] = "30"
        return response
    return _attachment(
        routine.generated_handout, routine.generated_handout_name, "application/pdf"
    )


@require_safe
def video_download(request: HttpRequest, slug: str) -> FileResponse:
    article = get_object_or_404(
        _readable(request, Article.objects.all(), Article.objects.published()),
        slug=slug,
    )
    if not article.video_file or not article.video_file.storage.exists(
        article.video_file.name
    ):
        raise Http404("This article has no video to download.")
    return _attachment(article.video_file, f"{article.slug}.mp4", "video/mp4")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# What the live preview renders at most: far more than any article body.
PREVIEW_MAX_CHARS = 200_000


@staff_member_required
@require_POST
def markdown_preview(request: HttpRequest) -> JsonResponse:
    """The admin's live preview: Markdown rendered by the site's own renderer."""
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return JsonResponse(
            {"html": "", "error": "The text is too long to preview."}, status=413
        )
    response = JsonResponse({"html": render_markdown(text)})
    response["X-Robots-Tag"] = "noindex"
    return response
