from celery import shared_task

from webhooks_app.services import webhook_deliveries_send_due, webhook_delivery_send


@shared_task(
    bind=True,
    name="webhooks_app.send_delivery",
    # A killed worker's message goes back to the queue; the row's claim expires
    # (WEBHOOK_CLAIM_SECONDS), so the redelivered task (or the sweep) takes it over.
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # bounded by the row: WEBHOOK_MAX_ATTEMPTS, then failed
)
def delivery_send_task(self, delivery_id):
    retry_in = webhook_delivery_send(delivery_id=delivery_id)
    if retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=retry_in)


@shared_task(name="webhooks_app.send_due")
def deliveries_send_due_task():
    webhook_deliveries_send_due()
