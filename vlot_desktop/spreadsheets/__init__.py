"""Excel (.xlsx) and CSV files in and out, without Qt and without knowing about locations.

``reading`` opens what users really have (Excel files written by Excel or LibreOffice, CSV files
from a Belgian Windows in Windows-1252 with ``;``) as one stream of rows; ``cells`` turns cell
values into dates, numbers and yes/no; ``writing`` writes typed cells (numbers as numbers, dates
as dates with a Belgian format) to a temporary file that replaces the target only when complete.
"""
