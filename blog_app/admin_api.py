from blog_app.models import BlogPost
from blog_app.serializers import PostAdminOutputSerializer, PostInputSerializer
from portfolio.api.cms import PreviewActions, RevisionActions
from portfolio.api.crud import AdminViewSet


class PostAdminViewSet(PreviewActions, RevisionActions, AdminViewSet):
    queryset = BlogPost.objects.all()
    input_serializer_class = PostInputSerializer
    serializer_class = PostAdminOutputSerializer
