"""The README's commands work as written from a fresh clone: every `manage.py` command it shows
exists and is run with the project's own Python, every make target it names exists."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text()


def test_every_manage_command_in_the_readme_exists_and_uses_the_projects_python():
    shown = re.findall(r"([\w./]*python) manage\.py ([a-z_]+)", README)

    assert shown
    assert {python for python, _command in shown} == {".venv/bin/python"}
    assert {command for _python, command in shown} - set(get_commands()) == set()


def test_every_make_target_in_the_readme_exists():
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), flags=re.M))

    named = set(re.findall(r"`make ([a-z-]+)", README)) | set(re.findall(r"^make ([a-z-]+)", README, re.M))

    assert named and named <= targets
