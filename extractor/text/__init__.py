"""Thai text: character classes, the dictionary, digits, dates, item labels, normalization and repair."""
