from prometheus_client import REGISTRY

from cv_app.tests.documents import pdf_bytes


def ingested(outcome):
    return REGISTRY.get_sample_value("cv_ingests_total", {"outcome": outcome}) or 0


def test_a_processed_cv_is_counted_in_the_metrics_by_outcome(ingest):
    before = ingested("ready")
    document = ingest(pdf_bytes())
    assert document.status == "ready"
    assert ingested("ready") == before + 1
