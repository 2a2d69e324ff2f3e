"""The rules content must pass, one module per concern (``kb.content.validate`` runs them all)."""
