"""Trigram indexes for `q`, as a migration operation (PostgreSQL only; others scan, with the
same results). Django compiles `icontains` on PostgreSQL to `UPPER(col::text) LIKE UPPER(%s)`,
so a trigram GIN index on that same expression answers it. Migrations import this."""

from django.db import migrations


def trigram_indexes(table, indexes):
    """A RunPython creating (and on reverse dropping) `indexes`: (name, column) pairs."""
    create = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
        f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        for name, column in indexes
    ]
    drop = [f"DROP INDEX IF EXISTS {name}" for name, _column in indexes]
    return migrations.RunPython(_on_postgresql(create), _on_postgresql(drop))


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run
