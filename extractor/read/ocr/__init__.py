"""Scans and images: preprocessing, Tesseract, and the repairs OCR text needs."""
