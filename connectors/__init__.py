"""Rasa-side extensions (loaded by the Rasa server, not the action server)."""
