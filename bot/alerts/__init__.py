"""Alerts for the people on call: urgent, safety, callback and booking events.

- :mod:`bot.alerts.oncall`: who is on call and when (``firm.yml``), office hours;
- :mod:`bot.alerts.queue`: alerts and deliveries in the intake database;
- :mod:`bot.alerts.message`: what an alert says, signed links and webhook bodies;
- :mod:`bot.alerts.channels`: email, webhook and SMS senders;
- :mod:`bot.alerts.run`: one pass of the worker.
"""
