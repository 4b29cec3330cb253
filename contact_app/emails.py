"""What the emails say. Plain text: it reads the same in every mail client."""

from email.utils import formataddr


def visitor_address(submission) -> str:
    return formataddr((submission.name, submission.email))


def owner_notification(submission) -> tuple[str, str]:
    subject = f"Portfolio contact form: message from {submission.name}"
    body = "\n".join(
        [
            "New message from the contact form on your portfolio.",
            "",
            f"Name:    {submission.name}",
            f"Email:   {submission.email}",
            f"Sent:    {submission.submitted_at:%Y-%m-%d %H:%M:%S %Z}",
            f"ID:      {submission.id}",
            "",
            "Message:",
            "",
            submission.message,
            "",
            "--",
            f"Reply to this email to answer {submission.name} directly.",
        ]
    )
    return subject, body


def auto_reply(submission) -> tuple[str, str]:
    # The visitor's message is deliberately not quoted back: anyone can type any
    # address into the form, and an auto-reply that echoes the text would let
    # them send their own content to strangers through this site.
    subject = "Thank you for your message"
    body = "\n".join(
        [
            f"Hi {submission.name},",
            "",
            "Thank you for getting in touch. Your message has arrived and I'll get back "
            "to you soon.",
            "",
            f"Reference: {submission.id}",
            "",
            "If you did not send a message through the contact form, you can ignore this email.",
        ]
    )
    return subject, body
