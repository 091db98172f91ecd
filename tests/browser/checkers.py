"""Where the front-end checkers live (installed by `make test` with npm) and how to find them."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The WCAG 2.2 A and AA rules (axe-core tags), as the accessibility target requires.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require(path, what):
    """Skip (or, with PORTAL_REQUIRE_BROWSER=1, fail) when a checker is not installed."""
    if path.exists() and (path.suffix != ".jar" or shutil.which("java")):
        return path
    message = f"{what} not found at {path}: run `make test` (npm install) to check this."
    if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def axe_violations(page):
    """Run axe on the loaded page; a list of 'rule: target' strings."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node.get('failureSummary', '')[:160]}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
