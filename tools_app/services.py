"""Writes to the tools directory. The admin API saves and deletes tools as they are
(portfolio/api/crud.py); the model's save/delete signals invalidate the cached tools
list (apps.py)."""
