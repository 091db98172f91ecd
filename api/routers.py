"""The API with every endpoint mounted under /v1: import ``api`` from here, not from ``core``."""

from .core import api
from .endpoints import announcements, candidates, elections, index

for module in (index, elections, candidates, announcements):
    api.add_router("/v1", module.router)

__all__ = ["api"]
