"""Writing XLSX workbooks for the data export: the formatted workbook (xlsxwriter, row by
row) and the sheets of values streamed straight into the file's XML.

May import: domain, services, reports.chart_style (never the UI or Qt widgets).
"""
