"""The Slack front end: the Bolt app, Block Kit rendering, Socket Mode and HTTP serving."""
