"""The FastAPI + SQLAlchemy peer for `make bench`: the project's tools list, from a
copy of the project's own seeded SQLite database, as the same JSON bytes.

Written the way a small FastAPI service usually is: a query per request through
SQLAlchemy, orjson for the body, an ETag with a 304 on a match. No cache.

    PEER_DB=/path/to/db.sqlite3 granian --interface asgi bench/peers/fastapi_peer:app
"""

import hashlib
import os
import uuid

import orjson
from fastapi import FastAPI, Query, Request, Response
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, func, or_
from sqlalchemy import select as sql_select

engine = create_engine(f"sqlite:///{os.environ['PEER_DB']}", pool_size=8)
tools = Table(
    "ai_tools",
    MetaData(),
    Column("id", String, primary_key=True),
    Column("name", String),
    Column("description", Text),
    Column("category", String),
    Column("status", String),
    Column("url", String),
    Column("pricing", String),
    Column("image_url", String),
    Column("position", Integer),
)
FIELDS = ("name", "description", "category", "status", "url", "pricing", "image_url")
app = FastAPI()


@app.get("/api/v1/tools/list")
def tools_list(
    request: Request,
    q: str = "",
    category: str = "",
    status: str = "",
    pricing: str = "",
    limit: int = Query(100, ge=1, le=200),
    offset: int = Query(0, ge=0),
):
    where = []
    if q:
        where.append(or_(tools.c.name.ilike(f"%{q}%"), tools.c.description.ilike(f"%{q}%")))
    if category and category != "All":
        where.append(tools.c.category == category)
    if status:
        where.append(tools.c.status == status)
    if pricing:
        where.append(tools.c.pricing == pricing)
    page = (
        sql_select(tools).where(*where).order_by(tools.c.position, tools.c.name)
        .limit(limit).offset(offset)
    )  # fmt: skip
    with engine.connect() as connection:
        rows = connection.execute(page).mappings().all()
        total = connection.execute(sql_select(func.count()).select_from(tools).where(*where))
        total = total.scalar_one()
    items = [{"id": str(uuid.UUID(row["id"])), **{f: row[f] for f in FIELDS}} for row in rows]
    data = {"items": items, "total": total, "limit": limit, "offset": offset}
    body = orjson.dumps({"success": True, "data": data})
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
