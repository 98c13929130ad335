"""The summitbot front ends: command line (and Slack app), settings and user-facing messages."""
