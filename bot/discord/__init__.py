"""The Discord front end: rendering, the gateway client and the HTTP interactions endpoint."""
