"""Excel and CSV for the Opvanglocaties screen: the export action and the import dialog.

Two entry points, wired by the locations screen:

- ``run_export(parent, context, runner, location_filter)``: asks for a file name (.xlsx or
  .csv), writes the filtered list in a worker with a cancellable progress dialog;
- ``open_import_dialog(parent, context, runner)``: the import wizard (file, column mapping,
  preview with the problems, import); its ``imported`` signal says when data changed.
"""

from vlot_desktop.ui.locations_io.export_action import ExportJob, run_export
from vlot_desktop.ui.locations_io.import_dialog import LocationImportDialog, open_import_dialog

__all__ = ["ExportJob", "LocationImportDialog", "open_import_dialog", "run_export"]
