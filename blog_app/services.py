"""Writes to blog posts. The admin API saves and deletes them as they are
(portfolio/api/crud.py): the model's save() fills the slug and renders the Markdown,
and its save/delete signals invalidate the cached news list (apps.py)."""
