"""Listener groups, one module per kind of Slack request; each has register(app, services, later)."""
