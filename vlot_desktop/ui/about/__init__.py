"""The About box."""
