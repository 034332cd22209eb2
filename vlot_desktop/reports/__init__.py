"""PDF reports (reportlab platypus): plain data in, PDF out. No Qt.

``layout`` holds what every report shares (fonts, page template with header and footer, styles,
tables); each report kind has its own module (``prospect``).
"""
