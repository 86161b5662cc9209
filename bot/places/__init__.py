"""Where the visitor is: place names, the gazetteer, the spaCy pipeline, the resolver.

* :mod:`~bot.places.names`: the hand-written word lists and :func:`~bot.places.names.norm`;
* :mod:`~bot.places.gazetteer`: every known place name, from packaged data (built by ``make``);
* :mod:`~bot.places.placedb`: the gazetteer as a read-only SQLite file, which the
  servers read per lookup (``python -m bot.places.placedb OUTPUT_FILE``);
* :mod:`~bot.places.pipeline`: the spaCy pipeline built from it
  (``python -m bot.places.pipeline OUTPUT_DIR``);
* :mod:`~bot.places.place`: a resolved :class:`~bot.places.place.Place` and its label;
* :mod:`~bot.places.resolver`: free text -> a place;
* :mod:`~bot.places.roles`: what each place in a message is to the visitor;
* :mod:`~bot.places.facilities`: detention facilities named in passing;
* :mod:`~bot.places.location`: the location slots of an intake.
"""
