"""Rolewise knowledge base: role profiles, role contrasts and the queries over them.

Usable on its own (``python -m kb``); it has no dependency on the chatbot.
"""

from kb.wages import models as wage_models  # noqa: F401  (registers the wage tables with the schema)
from kb.wages import outside_models  # noqa: F401  (registers the outside-occupation tables)
