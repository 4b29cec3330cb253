"""The admin API's lists and items cost a fixed number of queries, however many rows."""

import pytest

from blog_app.models import BlogPost
from content_app.models import Experience, MediaFile, Project, Skill
from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db

# The user (JWT), then the count and the page; an item is the user and the row. A user
# who is not staff costs two more: their own and their groups' permissions.
LIST_QUERIES, ITEM_QUERIES, PERMISSION_QUERIES = 3, 2, 2


def _media(n):
    return MediaFile.objects.create(
        file=f"uploads/{n:032x}.png", kind="image", content_type="image/png", size=1
    )


def _more_rows(model):
    """Rows beyond the seed, so the page has several; projects show their images."""
    for n in range(5):
        if model is MediaFile:
            _media(n)
        elif model is Project:
            Project.objects.create(title_en=f"P{n}", description_en="x", image=_media(100 + n))


ENDPOINTS = {
    "/api/v1/admin/tools": AITool,
    "/api/v1/admin/posts": BlogPost,
    "/api/v1/admin/projects": Project,
    "/api/v1/admin/experiences": Experience,
    "/api/v1/admin/skills": Skill,
    "/api/v1/admin/media": MediaFile,
}


@pytest.fixture(params=["staff", "editor"])
def signed_in(request, client, admin_user, editor_user):
    user = admin_user if request.param == "staff" else editor_user
    client.defaults.update(bearer(user))
    return PERMISSION_QUERIES if request.param == "editor" else 0


@pytest.mark.parametrize(("path", "model"), ENDPOINTS.items())
def test_an_admin_list_costs_the_same_queries_for_any_number_of_rows(
    client, seeded, signed_in, path, model, django_assert_num_queries
):
    _more_rows(model)
    assert model.objects.count() >= 3
    with django_assert_num_queries(LIST_QUERIES + signed_in):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["data"]["items"]) == model.objects.count()


@pytest.mark.parametrize(("path", "model"), ENDPOINTS.items())
def test_an_admin_item_costs_a_fixed_number_of_queries(
    client, seeded, signed_in, path, model, django_assert_num_queries
):
    _more_rows(model)
    rows = Project.objects.exclude(image=None) if model is Project else model.objects
    instance = rows.last()
    with django_assert_num_queries(ITEM_QUERIES + signed_in):
        response = client.get(f"{path}/{instance.pk}")
    assert response.status_code == 200
    assert response.json()["data"]["id"] == str(instance.pk)
