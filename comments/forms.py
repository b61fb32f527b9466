"""The reader's comment form (django-crispy-forms, Bootstrap 5 markup)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.conf import settings

from .bidi import without_bidi_controls
from .feedback import MAX_TEXT
from .models import FeedbackReason, ReportReason


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=80,
        help_text="Shown with your comment. You can use a first name or a nickname.",
    )
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text="Never shown to anyone.",
    )
    notify_replies = forms.BooleanField(
        label="E-mail me when someone replies",
        required=False,
        help_text="We send a link to confirm first. Unsubscribe with one click.",
    )
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Share your opinion or feedback on this article. Do not include "
            "personal or health information."
        ),
    )
    # A field people never see; bots that fill in every field give themselves away.
    website = forms.CharField(label="Leave this field empty", required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.COMMENTS_MAX_LENGTH
        body = self.fields["body"]
        body.widget.attrs["maxlength"] = str(limit)
        body.error_messages["max_length"] = (
            f"Your comment is too long: the limit is {limit:,} characters. "
            "Shorten it and post again."
        )
        self.fields["name"].error_messages["required"] = "Please enter your name."
        body.error_messages["required"] = "Please write a comment."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "parent",
            Field("name", autocomplete="nickname"),
            Field("email", autocomplete="email"),
            "notify_replies",
            "body",
            Div(
                Field("website", tabindex="-1", autocomplete="off"),
                css_class="hp-field",
                aria_hidden="true",
            ),
            Submit("post", "Post comment", css_class="button"),
        )

    def clean_name(self) -> str:
        return self._without_bidi_controls("name")

    def clean_body(self) -> str:
        # The limit counts what was typed, as the text box's maxlength does.
        if len(self.cleaned_data["body"]) > settings.COMMENTS_MAX_LENGTH:
            raise forms.ValidationError(
                self.fields["body"].error_messages["max_length"], code="max_length"
            )
        return self._without_bidi_controls("body")

    def _without_bidi_controls(self, name: str) -> str:
        text = without_bidi_controls(self.cleaned_data[name]).strip()
        if not text:
            raise forms.ValidationError(
                self.fields[name].error_messages["required"], code="required"
            )
        return text

    def clean(self) -> dict:
        data = super().clean()
        if data.get("notify_replies") and not data.get("email"):
            self.add_error(
                "email", "Enter your email to be told of replies, or untick the box."
            )
        return data

    @property
    def is_spam_trap_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this comment?",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose why you report this comment."},
    )


class FeedbackReasonForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="What was wrong? (optional)",
        choices=FeedbackReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    text = forms.CharField(
        label="Tell us more (optional)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": str(MAX_TEXT)}),
        help_text="Do not include personal or health information. Never shown "
        "publicly.",
        error_messages={
            "max_length": f"Your text is too long: the limit is {MAX_TEXT} "
            "characters. Shorten it and send again."
        },
    )
