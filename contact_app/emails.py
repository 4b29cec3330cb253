"""What the emails say. Plain text: it reads the same in every mail client.

Sentences are gettext msgids. The owner's notification is in the site's language
(LANGUAGE_CODE); the visitor's auto-reply in the language they wrote from, kept on
the submission, since a worker sends it long after the request's language is gone.
"""

from email.utils import formataddr

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


def visitor_address(submission) -> str:
    return formataddr((submission.name, submission.email))


def owner_notification(submission) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Portfolio contact form: message from %(name)s") % {"name": submission.name}
        fields = [
            (_("Name:"), submission.name),
            (_("Email:"), submission.email),
            (_("Sent:"), f"{submission.submitted_at:%Y-%m-%d %H:%M:%S %Z}"),
            (_("ID:"), submission.id),
        ]
        body = "\n".join(
            [
                _("New message from the contact form on your portfolio."),
                "",
                *(f"{label:<9}{value}" for label, value in fields),
                "",
                _("Message:"),
                "",
                submission.message,
                "",
                "--",
                _("Reply to this email to answer %(name)s directly.") % {"name": submission.name},
            ]
        )
    return subject, body


def auto_reply(submission) -> tuple[str, str]:
    # The visitor's message is deliberately not quoted back: anyone can type any
    # address into the form, and an auto-reply that echoes the text would let
    # them send their own content to strangers through this site.
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        subject = _("Thank you for your message")
        body = "\n".join(
            [
                _("Hi %(name)s,") % {"name": submission.name},
                "",
                _(
                    "Thank you for getting in touch. Your message has arrived and I'll get "
                    "back to you soon."
                ),
                "",
                _("Reference: %(id)s") % {"id": submission.id},
                "",
                _(
                    "If you did not send a message through the contact form, you can ignore "
                    "this email."
                ),
            ]
        )
    return subject, body
