"""Run the application with Uvicorn on a host and port, warning when it is reachable from elsewhere."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from collections.abc import Callable

from derive.core.defaults import STEP_SECONDS

LOOPBACK = "127.0.0.1"
# Uvicorn's h11 parser refuses a request line longer than this; it is set past the input limit
# (20 kB of LaTeX, up to three times that once percent-encoded in the URL) so that too long an
# input gets the page's clear message rather than a bare 400 from the parser.
MAX_REQUEST_LINE = 256 * 1024


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """The warning printed when the server listens on more than this machine."""
    if is_loopback(host):
        return None
    return (
        f"warning: listening on {host}, not only on this machine: anyone who can reach it can run checks "
        "here (each uses CPU time). Use --host 127.0.0.1 to keep it local."
    )


def serve(host: str = LOOPBACK, port: int = 8000, open_browser: bool = False, timeout: float = STEP_SECONDS,
          say: Callable[[str], None] = print) -> None:  # fmt: skip
    """Serve until interrupted; ``open_browser`` opens the verify page once the server is up."""
    import uvicorn

    from derive.serving.app import create_app

    warning = exposure_warning(host)
    if warning:
        say(warning)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown if ':' not in shown else f'[{shown}]'}:{port}/verify"
    say(f"derive serve: {url} (Ctrl+C stops it)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.Server(uvicorn_config(create_app(timeout=timeout), host, port)).run()


def uvicorn_config(app, host: str, port: int):
    """Uvicorn's settings for the app: h11 with room for an input past the limit, quiet logs."""
    import uvicorn

    return uvicorn.Config(
        app, host=host, port=port, http="h11", h11_max_incomplete_event_size=MAX_REQUEST_LINE, log_level="warning"
    )
