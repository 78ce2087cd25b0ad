"""salesbot: a sales copilot over a product catalog (CLI and Slack)."""
