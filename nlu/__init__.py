"""Rasa NLU pieces built from the knowledge base: the role extractor and data generators."""
