import pytest
from django.urls import reverse

from tests import factories

PII_BODY = (
    "This routine helped my back a lot.\n"
    "Call me at (503) 555-0142 or write to jim.baxter@example.com.\n"
    "My SSN is 123-45-6789 and I live at 4521 NE Alberta St, Portland, OR 97211."
)
PII_VALUES = [
    "(503) 555-0142",
    "555-0142",
    "jim.baxter@example.com",
    "123-45-6789",
    "4521 NE Alberta",
    "97211",
]


@pytest.fixture
def open_article(db):
    return factories.ArticleFactory(
        title="Acupressure for low back pain", slug="acupressure"
    )


@pytest.fixture
def post_url(open_article):
    return reverse("comments:post", kwargs={"slug": open_article.slug})


@pytest.fixture
def form_data():
    return {"name": "Jim", "email": "", "body": "Thanks, this helped.", "website": ""}
