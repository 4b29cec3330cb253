"""The write API for blog posts (`admin/posts[/<id>]`)."""

from blog_app.models import BlogPost
from blog_app.serializers import PostAdminOutputSerializer, PostInputSerializer
from blog_app.services import post_create, post_delete, post_update
from portfolio.api.crud import AdminCollectionApi, AdminItemApi


class _PostAdmin:
    model = BlogPost
    input_serializer_class = PostInputSerializer
    output_serializer_class = PostAdminOutputSerializer
    operation_base = "admin_posts"


class PostAdminCollectionApi(_PostAdmin, AdminCollectionApi):
    def perform_create(self, data):
        return post_create(data=data)


class PostAdminItemApi(_PostAdmin, AdminItemApi):
    def perform_update(self, instance, data):
        return post_update(post=instance, data=data)

    def perform_destroy(self, instance):
        post_delete(post=instance)
