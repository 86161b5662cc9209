"""The firm's intake logic: plain Python, no Rasa imports.

Rasa actions (``actions/``), the staff app and the ``intake`` command line all
call into this package, so every decision is tested once, here.
"""
