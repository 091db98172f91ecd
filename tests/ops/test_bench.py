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


def results(cached, uncached, baseline=1000.0, mirror=None):
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
