"""The one exception a user should ever see: input the tool cannot use.

Every stage raises :class:`UnusableInput` with a one-line Thai/English reason;
the CLI prints it and exits 2, a batch records it and goes on.
"""


def missing_package(e: ModuleNotFoundError) -> str:
    """One line for a dependency that is not installed (a checkout updated without re-installing)."""
    return (f"ไม่พบแพ็กเกจ Python '{e.name}' ที่ต้องใช้ ติดตั้งใหม่ด้วย bash scripts/setup.sh "
            f"(missing Python package '{e.name}': reinstall with `bash scripts/setup.sh` or `pip install .`)")


class UnusableInput(Exception):
    """Input that is not a readable ITA report or memo (exit status 2)."""

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason
