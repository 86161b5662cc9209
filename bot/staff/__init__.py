"""Staff review of intakes, as plain Python (no web imports).

The staff web app (``web.staff``) and the ``intake staff`` / ``intake purge``
commands (``bot.staff.cli``) are thin layers over these modules:

- :mod:`bot.staff.db`: connections (intake database, Rasa's tracker store)
  and the ``staff_*`` tables (:func:`~bot.staff.db.ensure_schema`);
- :mod:`bot.staff.accounts`: users (argon2), sessions, login throttling;
- :mod:`bot.staff.permissions`: the one permission check (``allowed``);
- :mod:`bot.staff.inbox`: filters, keyset paging, counts per filter, the
  callback queue, export rows;
- :mod:`bot.staff.search`: the FTS5 index over summaries and transcripts;
- :mod:`bot.staff.transcript`: transcripts read from the tracker store;
- :mod:`bot.staff.review`: notes, status, assignment, booking changes;
- :mod:`bot.staff.retention`: the retention period and purging;
- :mod:`bot.staff.audit`: the audit log;
- :mod:`bot.staff.stats`: the dashboard's funnel and distributions.
"""
