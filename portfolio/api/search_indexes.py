"""Trigram indexes for `q`, as a migration operation (PostgreSQL only).

`q` is `icontains`, which Django compiles on PostgreSQL to
`UPPER(col::text) LIKE UPPER(%s)`; a trigram GIN index on that same expression
answers it from the index. Other databases scan, with the same results.
Migrations import this: keep its behaviour stable.
"""

from django.db import migrations


def trigram_indexes(table, indexes):
    """A RunPython creating (and on reverse dropping) `indexes`: (name, column) pairs."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in indexes:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _column in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
