"""`python bot.py demo`: the real bot (handlers, domain, storage) on a simulated workspace and a virtual clock."""
