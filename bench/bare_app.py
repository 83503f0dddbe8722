"""The ack-latency baseline: a Bolt app whose slash command listeners only ack, on the bot's own server
(web.serve: the same threaded WSGI server) and Bolt's WSGI adapter. Run by bench.ack_latency as

    PORT=... SLACK_SIGNING_SECRET=... SLACK_BOT_TOKEN=... SLACK_API_URL=... python -m bench.bare_app
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from web import serve

COMMANDS = ("/reflect", "/feedback", "/summary", "/practice")


def only_ack(ack: Ack) -> None:
    ack()


def create_bare_app() -> App:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])
    for command in COMMANDS:
        app.command(command)(only_ack)
    return app


def wsgi(app: App) -> Callable[[dict, Callable[..., object]], Iterable[bytes]]:
    """Bolt's adapter on /slack/events, plus the /readyz the benchmark waits for."""
    slack = SlackRequestHandler(app, path="/slack/events")

    def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/readyz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return slack(environ, start_response)

    return application


def main() -> None:
    serve(wsgi(create_bare_app()), int(os.environ["PORT"]), host="127.0.0.1").serve_forever()


if __name__ == "__main__":
    main()
