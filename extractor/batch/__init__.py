"""Folders of inputs: plan, isolated workers with limits, resume, errors log, progress."""
from .run import Limits, Outcome, run_batch

__all__ = ["Limits", "Outcome", "run_batch"]
