"""The Instellingen (preferences) dialog."""
