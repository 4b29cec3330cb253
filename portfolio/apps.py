from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Site"

    def ready(self):
        # Registers the business counters, so /metrics lists them from the first scrape.
        import portfolio.metrics  # noqa: F401
        from portfolio import rawload
        from portfolio.logging import connect_celery_signals

        connect_celery_signals()
        rawload.connect()
