"""Socket Mode: Bolt's handler, with each envelope counted as being answered while Bolt answers it
(foreground.py), as web.py counts HTTP requests, so listeners' work steps aside for acks here too."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from foreground import Foreground


class CountedSocketModeHandler(SocketModeHandler):
    def __init__(self, app: App, app_token: str, foreground: Foreground) -> None:
        super().__init__(app, app_token)
        self._foreground = foreground

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        self._foreground.enter()
        try:
            super().handle(client, req)
        finally:
            self._foreground.leave()
