"""The Slack adapters: the Web API client, Block Kit per feature, replies, ids and the chart. They use
`domain` types, never `storage`."""
