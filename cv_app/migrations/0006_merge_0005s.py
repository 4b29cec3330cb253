# The four 0005 migrations were written side by side (document language, hidden text,
# the content mode of CV queries, re-embedding after a model change): one merge.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cv_app", "0005_cv_document_language"),
        ("cv_app", "0005_cv_hidden_text_and_instruction_flags"),
        ("cv_app", "0005_cv_query_content_mode"),
        ("cv_app", "0005_reembedding_after_a_model_change"),
    ]

    operations = []
