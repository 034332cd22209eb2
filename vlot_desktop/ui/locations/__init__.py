"""The Opvanglocaties screen: the filtered list, its totals, and the detail pane that saves as
the user types."""
