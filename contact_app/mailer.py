"""The one module that talks to email.

Everything goes through Django's mail API, so EMAIL_URL (SMTP, SMTP over TLS/SSL,
console) decides where it ends up. Whatever goes wrong on the way (refused
connection, timeout, TLS, authentication, a refused recipient) comes out as
MailerError; nothing else here raises.
"""

import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage


class MailerError(Exception):
    """An email was not sent.

    `permanent` is True when retrying cannot help (the server refused the recipient
    with a 5xx code); everything else, configuration problems included, is worth
    retrying once someone fixes it.
    """

    def __init__(self, message, *, permanent=False):
        super().__init__(message)
        self.permanent = permanent


def owner_address() -> str:
    """CONTACT_NOTIFY_EMAIL, else the email of the first superuser, read at send time."""
    if settings.CONTACT_NOTIFY_EMAIL:
        return settings.CONTACT_NOTIFY_EMAIL
    address = (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .order_by("date_joined", "pk")
        .values_list("email", flat=True)
        .first()
    )
    if not address:
        raise MailerError(
            "No address to notify: set CONTACT_NOTIFY_EMAIL or give a superuser an email address."
        )
    return address


def send(*, to, subject, body, reply_to=None) -> None:
    message = EmailMessage(
        subject=" ".join(subject.split()),  # a header is one line, whatever the input
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
    )
    try:
        sent = message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise MailerError(
            f"The mail server refused {to}: {exc.recipients}",
            permanent=bool(codes) and all(code >= 500 for code in codes),
        ) from exc
    except (OSError, ValueError) as exc:
        # smtplib errors, refused connections, timeouts and TLS errors are all
        # OSError; ValueError is a malformed address or header.
        raise MailerError(f"{type(exc).__name__}: {exc}") from exc
    if sent != 1:
        raise MailerError("The mail backend did not accept the message.")
