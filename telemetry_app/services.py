from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from telemetry_app.models import TelemetryEvent

# Keys a client may use for the page an event happened on, in order of preference.
PAGE_KEYS = ("path", "pathname", "page", "url", "href")
CLIENT_INFO_KEYS = ("browserInfo", "connectionInfo", "deviceInfo", "featureSupport")
PAGE_MAX = TelemetryEvent._meta.get_field("page").max_length


def page_from(properties) -> str:
    """The path part only: query strings and fragments can carry personal data."""
    if not isinstance(properties, dict):
        return ""
    for key in PAGE_KEYS:
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            try:
                path = urlsplit(value.strip()).path
            except ValueError:
                continue
            return (path or "/")[:PAGE_MAX]
    return ""


def telemetry_events_record(*, session_id, events) -> int:
    """Stores a batch from /api/v1/telemetry; returns how many events were stored."""
    received_at = timezone.now()
    rows = [
        TelemetryEvent(
            source=TelemetryEvent.Source.API,
            session_id=session_id,
            type=event["type"],
            name=event["name"],
            page=page_from(event.get("properties")),
            occurred_at=event["timestamp"],
            received_at=received_at,
            properties=event.get("properties") or {},
        )
        for event in events
    ]
    TelemetryEvent.objects.bulk_create(rows)
    return len(rows)


def telemetry_client_info_record(
    *, session_uuid, timestamp, browser_info=None, connection_info=None,
    device_info=None, feature_support=None,
) -> TelemetryEvent:  # fmt: skip
    """Stores a seed-002 snapshot; the four parts keep their original names."""
    parts = dict(zip(
        CLIENT_INFO_KEYS, (browser_info, connection_info, device_info, feature_support),
        strict=True,
    ))  # fmt: skip
    properties = {key: value for key, value in parts.items() if value is not None}
    return TelemetryEvent.objects.create(
        source=TelemetryEvent.Source.RESUME_SITE,
        session_id=str(session_uuid),
        type="session",
        name="client_info",
        page=page_from(browser_info),
        occurred_at=timestamp,
        properties=properties,
    )


def telemetry_prune(*, older_than_days) -> int:
    """Deletes events received more than `older_than_days` ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = TelemetryEvent.objects.filter(received_at__lt=cutoff).delete()
    return deleted
