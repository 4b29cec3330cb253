"""The content's admin API (`admin/media|projects|experiences|skills|profile`)."""

from content_app.models import Experience, MediaFile, Profile, Project, Skill
from content_app.serializers import (
    ExperienceAdminOutputSerializer,
    ExperienceInputSerializer,
    MediaFileOutputSerializer,
    ProfileAdminOutputSerializer,
    ProjectAdminOutputSerializer,
    ProjectInputSerializer,
    SkillAdminOutputSerializer,
    SkillInputSerializer,
)
from portfolio.api.cms import PreviewActions, RevisionActions
from portfolio.api.crud import AdminGenericViewSet, AdminReadViewSet, AdminViewSet


class MediaAdminViewSet(AdminReadViewSet):
    queryset = MediaFile.objects.all()
    serializer_class = MediaFileOutputSerializer
    page_component = "MediaFileListOutput"  # the schema's name for a page of media


class ProjectAdminViewSet(PreviewActions, RevisionActions, AdminViewSet):
    queryset = Project.objects.select_related("image")
    input_serializer_class = ProjectInputSerializer
    serializer_class = ProjectAdminOutputSerializer


class ExperienceAdminViewSet(PreviewActions, RevisionActions, AdminViewSet):
    queryset = Experience.objects.all()
    input_serializer_class = ExperienceInputSerializer
    serializer_class = ExperienceAdminOutputSerializer


class SkillAdminViewSet(RevisionActions, AdminViewSet):
    queryset = Skill.objects.all()
    input_serializer_class = SkillInputSerializer
    serializer_class = SkillAdminOutputSerializer


class ProfileRevisionViewSet(RevisionActions, AdminGenericViewSet):
    # Only the profile's revisions (`admin/profile/1/revisions[/<rev>/restore]`).
    queryset = Profile.objects.all()
    serializer_class = ProfileAdminOutputSerializer
    # Any text: anything but `1` is this endpoint's 404.
    lookup_value_converter = "str"
