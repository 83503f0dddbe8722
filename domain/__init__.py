"""Pure domain logic: no Slack, Bolt or SQL imports, so it can be reasoned about and tested alone."""
