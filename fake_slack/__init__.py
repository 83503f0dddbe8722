"""A stand-in for Slack: its Web API on loopback (web_api, with Slack's published rate limits in rate_limits),
the signed requests Slack sends to an app (requests), and the ids of the workspace they share (workspace).

The tests, the demo (`python bot.py demo`) and the benchmarks all run the bot against it. It answers as Slack
does but does not judge what it is asked: the tests plug Slack's spec checks in (tests/fakes/spec_checks.py).
"""
