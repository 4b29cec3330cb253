from django.core.validators import RegexValidator
from django.utils.translation import gettext, gettext_lazy
from rest_framework import serializers

from contact_app.text import strip_html
from portfolio.api.parsers import unencodable_problem
from portfolio.api.serializers import StrictSerializer

NAME_MAX = 100
MESSAGE_MIN = 10
MESSAGE_MAX = 5000


class PlainTextField(serializers.CharField):
    """A CharField whose HTML is stripped before the length limits are checked,
    so "<b></b>" is as empty as it looks."""

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        # The HTML cleaner cannot take what UTF-8 cannot encode (a form body may
        # carry it past the JSON parser's own check).
        problem = unencodable_problem(text)
        if problem:
            raise serializers.ValidationError(
                gettext("The text contains %(problem)s.") % {"problem": problem}
            )
        return strip_html(text)


def one_line(message):
    """Refuses control characters, line breaks among them: the text goes into an
    email subject line."""
    return RegexValidator(r"[\x00-\x1f\x7f]", message, inverse_match=True)


def domain_lowercased(address):
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


class ContactSubmitInputSerializer(StrictSerializer):
    name = PlainTextField(
        min_length=1,
        max_length=NAME_MAX,
        validators=[one_line(gettext_lazy("Enter a name on one line."))],
    )
    email = serializers.EmailField(max_length=254)
    message = PlainTextField(min_length=MESSAGE_MIN, max_length=MESSAGE_MAX)
    # The honeypot: hidden from people by the frontend, filled in by bots. No
    # length limit, so nothing about the answer tells a bot it was caught.
    website = serializers.CharField(required=False, allow_blank=True, allow_null=True)

    def validate_email(self, value):
        return domain_lowercased(value)


class ContactSubmitOutputSerializer(serializers.Serializer):
    message = serializers.CharField()
    submission_id = serializers.CharField()


SUBJECT_MAX = 200


class ResumeSiteSendEmailInputSerializer(StrictSerializer):
    """`POST /api/contact/send-email` (the resume site's newer client): no name field,
    so the owner's notification names the sender by their address."""

    from_email = serializers.EmailField(max_length=254)
    subject = PlainTextField(
        max_length=SUBJECT_MAX,
        allow_blank=True,
        required=False,
        validators=[one_line(gettext_lazy("Enter a subject on one line."))],
    )
    message = PlainTextField(min_length=MESSAGE_MIN, max_length=MESSAGE_MAX)

    def validate_from_email(self, value):
        return domain_lowercased(value)


class ResumeSiteSendEmailOutputSerializer(serializers.Serializer):
    message = serializers.CharField()
    status_code = serializers.IntegerField()
