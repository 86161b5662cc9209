"""``python -m web [--host H] [--port P]``: the web process under uvicorn, with
uvicorn's own forwarded-header handling off (``web.app.ClientAddress`` trusts
only the configured proxies)."""
from __future__ import annotations

import argparse

import uvicorn

#: uvicorn's options for this app: what ``make run`` and any deployment must use.
UVICORN_OPTIONS = {"proxy_headers": False, "ws": "none"}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m web", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    # --ws none: uvicorn's websocket support needs a newer `websockets` than Rasa 3.6 pins.
    uvicorn.run("web.app:app", host=args.host, port=args.port, **UVICORN_OPTIONS)


if __name__ == "__main__":
    main()
