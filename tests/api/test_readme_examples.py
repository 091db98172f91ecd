"""Every API and CSV example in the README returns data with the demo (`make run`)."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

README = (Path(settings.BASE_DIR) / "README.md").read_text()
EXAMPLES = re.findall(r"curl (?:-O )?'http://127\.0\.0\.1:8000(/api/[^']+)'", README)


def test_the_readme_has_api_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES)
def test_each_readme_example_returns_data_with_the_demo(demo, client, path):
    response = client.get(path)

    assert response.status_code == 200
    if path.split("?")[0].endswith(".csv"):
        assert len(response.content.decode().strip().splitlines()) > 1
    elif path.split("?")[0].endswith(".zip"):
        assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    else:
        assert response.json()["count"] > 0
