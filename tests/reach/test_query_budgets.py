"""Query budgets: every page in the sitemap, and the feeds, calendar and change logs, in both
languages, run a fixed number of SQL queries, the same with the demo data as with ten times as
much (docs/performance.md).

A new kind of public page fails here until its budget is added to BUDGETS.
"""

import pytest
from django.core.cache import cache
from django.urls import resolve
from django.utils import translation

from ops import loadgen
from tests.support.pages import (
    VOTING_DAY,
    add_fact_check_for_voting_day,
    load_demo,
    other_paths,
    sitemap_paths,
)

pytestmark = pytest.mark.django_db

# Queries per uncached page, by URL name; the same in both languages and whatever the data.
SITEMAP_BUDGETS = {
    "home": 12,
    "candidates:contest": 4,
    "candidates:compare": 7,
    "candidates:compare-theme": 7,
    "candidates:pair": 7,  # + the candidates' reported backgrounds
    "announcements:list": 2,
    "announcements:detail": 2,
    "announcements:factcheck-list": 2,
    "announcements:factcheck-detail": 1,
    "guide:how-to-vote": 1,
    "guide:glossary": 1,
    "open-data:index": 1,
    "open-data:api-docs": 0,
    # Each election's pages at their permanent address (elections.links): the short address's
    # budget; an earlier election's page reads the current one too (tests/elections/test_links.py).
    "election:overview": 6,  # the election, its contests, the outcomes (3), the previous one
    "election:schedule": 4,
    "election:voters": 3,
    "election:district": 4,
    "election:subdistrict": 4,
    "election:find-tps": 2,  # the election and the kelurahan list; + the kelurahan's TPS with a choice
    "election:results": 8,
    "election:candidates": 5,  # the index's 4 and the election it is about
    "election:results-history": 4,  # the election, the results' and votes' history, candidates
    "archive": 5,  # the elections, their contests, the outcomes (3)
}
# Public pages the sitemap does not list: feeds, the calendar, change logs, the sitemap itself.
OTHER_BUDGETS = {
    # Per section: its items and, in one more, when each page last changed; + the current
    # election for the sections at its permanent addresses, + the archive's elections and areas.
    "sitemap": 36,
    "robots": 0,
    "elections:calendar": 8,  # stages, debates, election, contests, and the history of each
    "announcements:feed-atom": 1,
    "announcements:feed-rss": 1,
    "announcements:category-feed-atom": 1,
    "announcements:factcheck-feed-atom": 1,
    "announcements:factcheck-feed-rss": 1,
    "announcements:history": 2,
    "announcements:factcheck-history": 2,
    "feedback:thanks": 0,
    # The current election's short addresses: the budgets of its permanent ones.
    "elections:schedule": 4,
    "elections:voters": 3,
    "elections:district": 4,
    "elections:subdistrict": 4,
    "elections:find-tps": 2,
    "results": 8,
    "candidates:index": 5,
    "election:results-history-feed": 4,
}
BUDGETS = {**SITEMAP_BUDGETS, **OTHER_BUDGETS}


@pytest.fixture
def demo(settings):
    settings.PORTAL_CLOCK = VOTING_DAY
    load_demo()
    add_fact_check_for_voting_day()


def url_name(path):
    path = path.partition("?")[0]
    language = path.split("/")[1]
    with translation.override(language if language in ("id", "en") else "id"):
        return resolve(path).view_name


def queries_per_page(client, paths, django_assert_num_queries):
    """Each page, rendered afresh, within its budget."""
    counts = {}
    for path in paths:
        name = url_name(path)
        assert name in BUDGETS, f"{path} ({name}) has no query budget: add one to BUDGETS"
        cache.clear()  # e.g. the sitemap, read to find the pages, would be served from the cache
        with django_assert_num_queries(BUDGETS[name], info=path) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(captured)
    return counts


def one_per_kind(paths):
    kinds = {}
    for path in paths:
        kinds.setdefault(url_name(path), path)
    return list(kinds.values())


def test_every_sitemap_page_in_both_languages_runs_its_budget_with_the_demo_data(
    client, demo, django_assert_num_queries
):
    paths = sitemap_paths(client)

    queries_per_page(client, paths, django_assert_num_queries)

    assert {"/id/", "/en/"} <= set(paths)
    assert {url_name(path) for path in paths} == set(SITEMAP_BUDGETS)


def test_feeds_calendar_change_logs_and_filtered_lists_run_their_budgets(
    client, demo, django_assert_num_queries
):
    paths = other_paths()

    queries_per_page(client, paths, django_assert_num_queries)

    assert {url_name(path) for path in paths} == set(OTHER_BUDGETS) | {"announcements:list"}


def test_the_same_pages_run_the_same_budgets_with_ten_times_the_data(client, demo, django_assert_num_queries):
    demo_paths = sitemap_paths(client)

    counts = loadgen.generate(factor=10)
    grown_paths = sitemap_paths(client)
    new_of_each_kind = one_per_kind(path for path in grown_paths if path not in set(demo_paths))
    queries_per_page(client, demo_paths + new_of_each_kind + other_paths(), django_assert_num_queries)

    assert counts.subdistricts >= 300 and counts.polling_stations >= 8000 and counts.pairs >= 45
    assert len(grown_paths) > 5 * len(demo_paths)


def test_no_public_page_sets_a_cookie_or_renders_a_csrf_token_even_for_signed_in_staff(
    client, demo, django_user_model
):
    """A cookie or a token on a shared copy would leak one reader's state to the next."""
    staff = django_user_model.objects.create_user("staff", password="a-long-password-1", is_staff=True)
    client.force_login(staff)
    paths = sitemap_paths(client) + other_paths() + ["/id/cari/?q=balikpapan", "/api/v1/districts"]

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path
        assert "public" in response["Cache-Control"], path
        assert "Cookie" not in response.get("Vary", ""), path
        assert b"csrfmiddlewaretoken" not in response.content, path
