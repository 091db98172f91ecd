from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The real Balikpapan demo data, as `make run` shows it."""
    call_command("load_demo", stdout=StringIO())
