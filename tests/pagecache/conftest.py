import pytest

from tests.support.redis import REDIS_TEST_URL
from tests.support.renders import forget_jobs


@pytest.fixture
def rq_renders(settings, real_redis):
    """Renders on RQ over the test's Redis, in a queue of the test's own."""
    settings.PORTAL_RENDER_JOBS = "rq"
    settings.PORTAL_JOBS_REDIS_URL = REDIS_TEST_URL
    forget_jobs()
    yield real_redis
    forget_jobs()
