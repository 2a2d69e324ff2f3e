"""Rolewise knowledge base: role profiles, role contrasts and the queries over them.

Usable on its own (``python -m kb``); it has no dependency on the chatbot.
"""
