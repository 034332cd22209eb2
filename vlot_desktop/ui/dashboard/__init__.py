"""The dashboard: key figures per team and region."""
