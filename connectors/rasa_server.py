"""The Rasa server, started in place of ``rasa run``: Rasa's own command line, without JAX.

    python -m connectors.rasa_server run --model models --endpoints endpoints.yml ...

Takes exactly ``rasa``'s arguments and runs Rasa's own ``main``. The one
difference: JAX is kept out of the process. TensorFlow 2.12 (which Rasa's
policy modules import) imports JAX, when it is installed (TensorFlow's own
requirements install it), for one function of its TFLite converter, and does
without it when the import fails. Neither Rasa nor this project converts
models to TFLite, so the Rasa server no longer pays for it: 65 MB resident and
about a second of its start. With the module's entry None, the import fails
as if JAX were absent, before anything else is imported.

``rasa run`` itself still works and answers the same; it only keeps JAX.
"""
from __future__ import annotations

import sys
from typing import List, Optional

#: Modules the Rasa server never uses that TensorFlow imports only when they are installed.
KEPT_OUT = ("jax",)


def without_unused_modules() -> None:
    """Make the imports of :data:`KEPT_OUT` fail in this process, as if they were not installed."""
    for name in KEPT_OUT:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def main(argv: Optional[List[str]] = None) -> None:
    without_unused_modules()
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
