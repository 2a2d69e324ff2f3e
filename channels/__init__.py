"""Rasa input/output channels specific to Rolewise."""
