"""The Discord front end (in progress: rendering first; the client and its transports follow)."""
