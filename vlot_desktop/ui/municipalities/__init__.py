"""The municipalities screen (Gemeenten): list, search, province filter and detail pane."""
