"""The Dossiers screen (issue 6): the case list, its filters and the detail pane."""
