from blog_app.models import BlogPost
from portfolio.api.crud import instance_save

# The model's save() fills the slug and renders the Markdown; the cached news list
# is invalidated by its save/delete signals (apps.py).


def post_create(*, data) -> BlogPost:
    return instance_save(BlogPost(), data)


def post_update(*, post, data) -> BlogPost:
    return instance_save(post, data)


def post_delete(*, post) -> None:
    post.delete()
