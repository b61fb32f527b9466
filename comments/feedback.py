""" "Was this page helpful?" on article and point pages.

The answer is stored at once; the optional reason follows in a second step,
tied to the answer by a signed token that expires. The free text is redacted
before it is stored, and only editors read it (in the admin).
"""

from django.core import signing
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf

from .models import FeedbackReason, PageFeedback, PublicNumber
from .redaction import redact

SALT = "comments.feedback.reason"
REASON_MAX_AGE = 60 * 60  # seconds
MAX_TEXT = 500


class FeedbackRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def record(*, page, helpful: bool) -> PageFeedback:
    """Store a Yes or No for an article or a point."""
    field = "article" if page._meta.model_name == "article" else "point"
    return PageFeedback.objects.create(**{field: page}, helpful=helpful)


def reason_token(feedback: PageFeedback) -> str:
    return signing.dumps(feedback.pk, salt=SALT)


def add_reason(*, token: str, reason: str, text: str) -> PageFeedback:
    """Add the optional reason to an answer given within the last hour, once."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=REASON_MAX_AGE)
    except signing.SignatureExpired:
        raise FeedbackRefused(
            "This form has expired: your answer was kept, the reason was not."
        ) from None
    except signing.BadSignature:
        raise FeedbackRefused("This form is not valid; nothing was changed.") from None
    if reason and reason not in FeedbackReason.values:
        raise FeedbackRefused("Please choose one of the reasons listed.")
    if len(text) > MAX_TEXT:
        raise FeedbackRefused(
            f"Your text is too long: the limit is {MAX_TEXT} characters."
        )
    clean = redact(text.strip(), public_numbers=PublicNumber.objects.canonical()).text
    updated = PageFeedback.objects.filter(pk=pk, reason="", text="").update(
        reason=reason, text=clean[:600]
    )
    feedback = PageFeedback.objects.filter(pk=pk).first()
    if feedback is None:
        raise FeedbackRefused("This answer no longer exists; nothing was changed.")
    if not updated and (reason or text.strip()):
        raise FeedbackRefused("You have already told us why. Thank you.")
    return feedback


def with_counts(pages: QuerySet) -> QuerySet:
    """Pages annotated with their answers: yes, no, total and the share of No."""
    total = Count("feedback")
    no = Count("feedback", filter=Q(feedback__helpful=False))
    return pages.annotate(
        feedback_total=total,
        feedback_no=no,
        feedback_yes=Count("feedback", filter=Q(feedback__helpful=True)),
    ).annotate(
        feedback_no_share=Cast(F("feedback_no"), FloatField())
        / NullIf(Cast(F("feedback_total"), FloatField()), 0.0)
    )
