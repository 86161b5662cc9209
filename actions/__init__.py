"""Rasa SDK actions: thin adapters between Rasa trackers and the ``bot`` package."""
from bot.places import resolver

# Load the place data and spaCy pipeline when the action server starts, not
# on the first visitor's message.
resolver.warm_up()
