"""Rasa SDK actions: thin adapters between Rasa trackers and the ``bot`` package."""
from bot import places

# Load the place data and spaCy pipeline when the action server starts, not
# on the first visitor's message.
places.warm_up()
