"""The use cases: what each feature does, one module per feature, with the scheduler's tick and the delivery
ledger beside them. Each takes `Deps` and returns a message or an outcome; none knows Bolt."""
