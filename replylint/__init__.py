"""replylint: tone and politeness linter for customer-support replies (ru, en).

Heavy modules (spaCy, pymorphy3) are imported lazily so that `replylint --help`
and the CLI start fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
