"""The searchable history of past reports: a store, Thai segmentation for full-text search, and search."""
