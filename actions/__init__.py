"""Rasa SDK actions: thin adapters between Rasa trackers and the ``bot`` package."""
