from blog_app.models import BlogPost
from blog_app.serializers import PostAdminOutputSerializer, PostInputSerializer
from portfolio.api.crud import AdminViewSet


class PostAdminViewSet(AdminViewSet):
    queryset = BlogPost.objects.all()
    input_serializer_class = PostInputSerializer
    serializer_class = PostAdminOutputSerializer
