"""Production settings pass Django's deployment check with the documented environment."""

from tests.support.production import run_in_production


def test_production_settings_pass_the_deploy_check_at_warning_level():
    result = run_in_production(None, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_the_deploy_check_fails_when_https_is_switched_off():
    """Guards the test above: the check does look at the HTTPS settings."""
    result = run_in_production(
        None, "check", "--deploy", "--fail-level", "WARNING", DJANGO_SECURE_SSL_REDIRECT="0"
    )

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_production_cookies_and_sessions_are_locked_down():
    result = run_in_production(
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME,"
        " s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.CSRF_COOKIE_SAMESITE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.SESSION_COOKIE_AGE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.DEBUG, s.PORTAL_REQUIRE_2FA)"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "Lax",
        "Strict",
        "True",
        "3600",
        "31536000",
        "True",
        "False",
        "True",
    ]
