"""The fast path: a repeat request for a public page is answered right after SecurityMiddleware,
with the same headers, the right Age, per language, and nothing but public pages is kept."""

import time
from unittest import mock

import pytest
from django.http import HttpResponse
from django.urls import path
from django.utils import translation

from portal.cache import public_page
from portal.middleware import StaffSessionMiddleware
from tests.portal.test_pagecopies import SharedCache

pytestmark = pytest.mark.django_db


@public_page
def active_language(request):
    return HttpResponse(translation.get_language())


# A public page outside the language prefix whose answer depends on Accept-Language.
urlpatterns = [path("bahasa/", active_language)]


@pytest.fixture
def lower_stack_calls():
    """How often a middleware below the fast path (the staff session one) is reached."""
    calls = []
    original = StaffSessionMiddleware.__call__

    def counting(self, request):
        calls.append(request.path)
        return original(self, request)

    with mock.patch.object(StaffSessionMiddleware, "__call__", counting):
        yield calls


@pytest.fixture
def shared(settings):
    settings.CACHES = {"default": {"BACKEND": "tests.portal.test_pagecopies.SharedCache"}}
    SharedCache.store.clear()
    SharedCache.reads.clear()
    return SharedCache.reads


def test_a_repeat_request_for_a_public_page_never_reaches_the_rest_of_the_stack(
    client, lower_stack_calls, django_assert_num_queries
):
    first = client.get("/id/")
    with django_assert_num_queries(0):
        second = client.get("/id/")

    assert lower_stack_calls == ["/id/"]
    assert second.content == first.content


def test_a_kept_page_has_every_header_of_the_first_answer_and_its_age(client, monkeypatch):
    first = client.get("/id/")
    later = time.time() + 10
    monkeypatch.setattr(time, "time", lambda: later)

    second = client.get("/id/")

    assert set(second.headers) == set(first.headers) | {"Age"}
    assert all(second[name] == first[name] for name in first.headers)
    assert 9 <= int(second["Age"]) <= 11


def test_a_reader_who_has_the_page_gets_304_from_the_fast_path(client, lower_stack_calls):
    etag = client.get("/en/")["ETag"]

    repeat = client.get("/en/", HTTP_IF_NONE_MATCH=etag)

    assert repeat.status_code == 304
    assert lower_stack_calls == ["/en/"]


@pytest.mark.urls(__name__)
def test_a_page_outside_the_language_prefix_is_kept_per_language(client):
    english = [client.get("/bahasa/", HTTP_ACCEPT_LANGUAGE="en").content for _ in range(2)]
    indonesian = [client.get("/bahasa/", HTTP_ACCEPT_LANGUAGE="id").content for _ in range(2)]

    assert english == [b"en", b"en"]
    assert indonesian == [b"id", b"id"]


def test_other_pages_are_not_looked_up_again_and_the_admin_never(client, shared, admin_client):
    client.get("/healthz")
    shared.clear()

    client.get("/healthz")
    admin_client.get("/admin/")

    assert not [key for key in shared if "page." in key]
