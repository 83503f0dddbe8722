"""Block Kit per feature, built with slack_sdk's models so every message and view is validated as it is made."""
