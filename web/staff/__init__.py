"""The staff review web app (see README.md here); the logic lives in ``bot.staff``."""
