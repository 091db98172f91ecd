"""`make bench`: its floor exists only when asked for, and its verdict follows the targets."""

import importlib.util
from importlib import reload
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import clear_url_caches

import portal.urls

RUN = Path(django_settings.BASE_DIR) / "bench" / "run.py"


@pytest.fixture
def bench():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def baseline_routed(settings):
    settings.PORTAL_BENCH_BASELINE = True
    reload(portal.urls)
    clear_url_caches()
    yield
    settings.PORTAL_BENCH_BASELINE = False
    reload(portal.urls)
    clear_url_caches()


def test_the_baseline_view_does_not_exist_in_a_normal_setup(client):
    assert client.get("/bench/baseline").status_code == 404


def test_the_baseline_view_answers_when_the_benchmark_asks_for_it(client, baseline_routed):
    response = client.get("/bench/baseline")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def figures(rps, p99=20.0, errors=0):
    return {"rps": rps, "p50_ms": 10.0, "p99_ms": p99, "errors": errors, "bytes": 1000, "requests": 100}


def publishing(storm=None, reader_renders=0, fresh=(0.6, 1.1)):
    """The publishing part of a run: freshness (demo, 10x) and the publish storm's rows."""
    return {
        "demo": {"cpu_ms": {"home": 18.0}, "fresh": {"delays_s": [fresh[0]]}},
        "storm": {
            "fresh": {"delays_s": [fresh[1]]},
            "saves": 61,
            "pages": storm or {"home": figures(1600, p99=45.0)},
            "reader_renders": reader_renders,
            "background_renders": 400,
        },
        "cpu_ms": {"uncached": {"home": 43.0}},
    }


def results(cached, uncached, baseline=1000.0, mirror=None, **publish):
    def run(pages):
        rows = {
            name: {**row, "baseline_rps": baseline, "ratio": row["rps"] / baseline}
            for name, row in pages.items()
        }
        return {
            "baseline": figures(baseline),
            "pages": rows,
            "urls": dict.fromkeys(rows, "/"),
            "api": None,
        }

    mirror_rows = {name: {**row, "ratio": row["rps"] / baseline} for name, row in (mirror or {}).items()}
    return {
        "cached": run(cached),
        "uncached": run(uncached),
        "mirror": {"bake_s": 20.0, "floor_rps": baseline, "pages": mirror_rows},
        **publishing(**publish),
    }


def test_the_verdict_passes_when_every_target_holds(bench):
    assert bench.check(results({"home": figures(850)}, {"home": figures(300)})) == []


@pytest.mark.parametrize(
    ("cached", "uncached", "missed"),
    [
        (figures(790), figures(300), "cached home: 0.79x the baseline"),
        (figures(850, p99=100.0), figures(300), "cached home: p99 100 ms"),
        (figures(850), figures(300, errors=1), "uncached home: 1 errors"),
    ],
)
def test_the_verdict_names_each_missed_target(bench, cached, uncached, missed):
    failures = bench.check(results({"home": cached}, {"home": uncached}))

    assert len(failures) == 1 and failures[0].startswith(missed)


def test_uncached_pages_are_reported_without_a_target_since_issue_22(bench):
    measured = results({"home": figures(850)}, {"home": figures(20)})

    assert bench.check(measured) == []
    assert "| 20 | 1,000 | 0.02x |" in bench.table(measured)


def test_the_mirror_rows_report_each_page_through_nginx_and_fail_on_errors(bench):
    measured = results({"home": figures(850)}, {"home": figures(300)}, mirror={"home": figures(15000)})
    failing = results(
        {"home": figures(850)}, {"home": figures(300)}, mirror={"home": figures(15000, errors=3)}
    )

    assert "| home | 15,000 | 15.0x | 10.0 | 20.0 | 0 |" in bench.mirror_table(measured["mirror"])
    assert "baked in 20.0 s" in bench.mirror_table(measured["mirror"])
    assert bench.check(measured) == []
    assert bench.check(failing) == ["mirror home: 3 errors"]


def test_the_table_shows_both_runs_and_the_ratio_to_the_baseline(bench):
    table = bench.table(results({"home": figures(850)}, {"home": figures(300)}))

    assert "| baseline (floor), mean | /bench/baseline | 1,000 | 1,000 | 1,000 | 1.00x |" in table
    assert "| home | / | 1,000 | 850 | 1,000 | 0.85x | 10.0 | 20.0 | 0 | 300 | 1,000 | 0.30x |" in table


def test_the_shared_link_row_sends_a_new_tracking_value_with_every_request(bench, monkeypatch):
    fetched = []
    monkeypatch.setattr(bench, "fetch", lambda url: fetched.append(url) or (200, b"ok"))

    figures = bench.drive("python", f"http://127.0.0.1:1/id/?fbclid={bench.UNIQUE_SUFFIX}", 0.05)

    loaded = [url for url in fetched if "/bench/baseline" not in url]  # not the drain's
    assert figures["requests"] == len(loaded) > 1
    assert len(set(loaded)) == len(loaded)
    assert all(url.startswith("http://127.0.0.1:1/id/?fbclid=IwAR") for url in loaded)


@pytest.mark.parametrize(
    ("publish", "missed"),
    [
        ({"reader_renders": 2}, "publish storm: 2 renders on readers' requests, target 0"),
        ({"storm": {"home": figures(1600, p99=51.0)}}, "publish storm home: p99 51 ms, target < 50 ms"),
        ({"storm": {"home": figures(1600, errors=4)}}, "publish storm home: 4 errors"),
        ({"fresh": (0.6, 12.5)}, "freshness (10x): 12.5 s, target < 10.0 s"),
    ],
)
def test_the_publishing_targets_are_checked(bench, publish, missed):
    assert bench.check(results({"home": figures(850)}, {"home": figures(300)}, **publish)) == [missed]


def test_the_publishing_table_reports_freshness_the_storm_and_cpu_per_render(bench):
    text = bench.publishing_table(results({"home": figures(850)}, {"home": figures(300)}))

    assert "demo max 0.60 s" in text and "demo + 10x max 1.10 s" in text
    assert "Renders during the storm: 0 on readers' requests, 400 in the background." in text
    assert "| home | 1,600 | 10.0 | 45.0 | 0 |" in text
    assert "home 18.0 (demo) / 43.0 (10x)" in text


def test_without_redis_publishing_is_reported_as_not_measured(bench):
    measured = results({"home": figures(850)}, {"home": figures(300)})
    measured["storm"] = {"skipped": bench.NEEDS_REDIS}
    measured["demo"]["fresh"] = {"skipped": bench.NEEDS_REDIS}

    assert bench.check(measured) == []
    assert bench.publishing_table(measured).startswith("Publishing: not measured (needs Redis")
