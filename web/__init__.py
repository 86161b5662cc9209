"""The web process on :8000: the demo firm site with the chat widget, and the staff app."""
