"""The first-run dialog: who uses this laptop, for which team, and which share."""
