"""Every role on every write endpoint: anonymous 401, signed in without the
permission 403, Editor / staff / superuser 2xx, each checked in the database."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from blog_app.models import BlogPost
from content_app.models import Experience, MediaFile, Project, Skill
from portfolio.testing import bearer
from tools_app.models import AITool

pytestmark = pytest.mark.django_db


@dataclass
class Endpoint:
    path: str
    model: Any
    make: Any  # () -> an existing object
    full: dict  # a valid POST / PUT body
    patch: dict  # a valid PATCH body
    field: str  # a field the bodies change


ENDPOINTS = {
    "projects": Endpoint(
        "/api/v1/admin/projects",
        Project,
        lambda: Project.objects.create(title_en="Old", description_en="Old text"),
        {"title_en": "New project", "title_es": "Proyecto nuevo", "description_en": "Text"},
        {"title_en": "Patched project"},
        "title_en",
    ),
    "experiences": Endpoint(
        "/api/v1/admin/experiences",
        Experience,
        lambda: Experience.objects.create(
            title_en="Old", company_en="Old Co", description_en="x", start=datetime.date(2020, 1, 1)
        ),
        {"title_en": "New job", "company_en": "Acme", "description_en": "x", "start": "2024-02-01"},
        {"title_en": "Patched job"},
        "title_en",
    ),
    "skills": Endpoint(
        "/api/v1/admin/skills",
        Skill,
        lambda: Skill.objects.create(name_en="Old", category_en="Old category"),
        {"name_en": "Rust", "name_es": "Rust", "category_en": "Languages"},
        {"name_en": "Go"},
        "name_en",
    ),
    "tools": Endpoint(
        "/api/v1/admin/tools",
        AITool,
        lambda: AITool.objects.create(
            name="Old",
            description="x",
            category="Design",
            status="Popular",
            url="https://old.example.com",
            pricing="Free",
        ),
        {
            "name": "New tool",
            "description": "x",
            "category": "Design",
            "status": "Trending",
            "url": "https://new.example.com",
            "pricing": "Paid",
        },
        {"name": "Patched tool"},
        "name",
    ),
    "posts": Endpoint(
        "/api/v1/admin/posts",
        BlogPost,
        lambda: BlogPost.objects.create(
            title="Old", excerpt="x", content="x", category="Ethics", published="2024-01-01"
        ),
        {
            "title": "New post",
            "excerpt": "x",
            "content": "# Hello",
            "category": "Ethics",
            "published": "2024-06-01",
        },
        {"title": "Patched post"},
        "title",
    ),
}

EXPECTED = {"anonymous": 401, "member": 403, "editor": 2, "staff": 2, "superuser": 2}
SUCCESS = {"GET": 200, "POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 204}


@pytest.fixture
def headers_for(member_user, editor_user, staff_user, admin_user):
    users = {
        "member": member_user,
        "editor": editor_user,
        "staff": staff_user,
        "superuser": admin_user,
    }
    return lambda role: bearer(users[role]) if role in users else {}


def send(client, method, path, body, headers):
    call = getattr(client, method.lower())
    if method in {"GET", "DELETE"}:
        return call(path, **headers)
    return call(path, body, content_type="application/json", **headers)


def expected_status(role, method):
    expected = EXPECTED[role]
    return SUCCESS[method] if expected == 2 else expected


def assert_refused(response, status):
    assert response.status_code == status, response.content
    assert response.json()["success"] is False
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_create(client, headers_for, name, role):
    endpoint = ENDPOINTS[name]
    response = send(client, "POST", endpoint.path, endpoint.full, headers_for(role))
    status = expected_status(role, "POST")
    created = endpoint.model.objects.filter(**{endpoint.field: endpoint.full[endpoint.field]})
    if status == 201:
        assert response.status_code == 201, response.content
        assert response.json()["data"][endpoint.field] == endpoint.full[endpoint.field]
        assert created.count() == 1
    else:
        assert_refused(response, status)
        assert not created.exists()


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_update(client, headers_for, name, method, role):
    endpoint = ENDPOINTS[name]
    instance = endpoint.make()
    body = endpoint.full if method == "PUT" else endpoint.patch
    response = send(client, method, f"{endpoint.path}/{instance.pk}", body, headers_for(role))
    status = expected_status(role, method)
    instance.refresh_from_db()
    if status == 200:
        assert response.status_code == 200, response.content
        assert getattr(instance, endpoint.field) == body[endpoint.field]
        assert response.json()["data"]["id"] == str(instance.pk)
    else:
        assert_refused(response, status)
        assert getattr(instance, endpoint.field) == "Old"


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_delete(client, headers_for, name, role):
    endpoint = ENDPOINTS[name]
    instance = endpoint.make()
    response = send(client, "DELETE", f"{endpoint.path}/{instance.pk}", None, headers_for(role))
    status = expected_status(role, "DELETE")
    still_there = endpoint.model.objects.filter(pk=instance.pk).exists()
    if status == 204:
        assert response.status_code == 204
        assert response.content == b""
        assert not still_there
    else:
        assert_refused(response, status)
        assert still_there


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_list_for_editing(client, headers_for, name, role):
    endpoint = ENDPOINTS[name]
    instance = endpoint.make()
    response = send(client, "GET", endpoint.path, None, headers_for(role))
    status = expected_status(role, "GET")
    if status == 200:
        assert response.status_code == 200
        assert [item["id"] for item in response.json()["data"]["items"]] == [str(instance.pk)]
    else:
        assert_refused(response, status)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_media_delete(client, headers_for, role, django_capture_on_commit_callbacks):
    media = MediaFile.objects.create(
        file="uploads/0123456789abcdef0123456789abcdef.png", kind="image",
        content_type="image/png", size=1,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client, "DELETE", f"/api/v1/admin/media/{media.pk}", None, headers_for(role)
        )
    status = expected_status(role, "DELETE")
    if status == 204:
        assert response.status_code == 204
        assert not MediaFile.objects.exists()
    else:
        assert_refused(response, status)
        assert MediaFile.objects.exists()


def test_an_editor_who_loses_a_permission_is_refused_that_action(client, editor_user):
    from django.contrib.auth.models import Permission

    editor_user.user_permissions.clear()
    group = editor_user.groups.get()
    group.permissions.remove(Permission.objects.get(codename="delete_skill"))
    skill = Skill.objects.create(name_en="Old", category_en="x")
    response = client.delete(f"/api/v1/admin/skills/{skill.pk}", **bearer(editor_user))
    assert response.status_code == 403
    assert Skill.objects.filter(pk=skill.pk).exists()
    # The rest of the group's permissions still apply.
    response = client.patch(
        f"/api/v1/admin/skills/{skill.pk}", {"name_en": "New"}, content_type="application/json",
        **bearer(editor_user),
    )  # fmt: skip
    assert response.status_code == 200


def test_a_user_with_one_direct_permission_can_do_just_that(client, member_user):
    from django.contrib.auth.models import Permission

    member_user.user_permissions.add(Permission.objects.get(codename="add_skill"))
    headers = bearer(member_user)
    created = client.post(
        "/api/v1/admin/skills", {"name_en": "Rust", "category_en": "Languages"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert created.status_code == 201
    skill_id = created.json()["data"]["id"]
    assert client.delete(f"/api/v1/admin/skills/{skill_id}", **headers).status_code == 403
