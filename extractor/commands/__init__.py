"""Sub-commands of the CLI, one module each; see :mod:`extractor.cli`."""
