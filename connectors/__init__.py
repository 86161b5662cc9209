"""Rasa-side extensions (loaded by the Rasa server), and the locked-down action server launcher."""
