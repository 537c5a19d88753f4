"""Clauses 1.4, 1.7, 1.8, 3.8: wages, terminations, policy documents, turnover and training (filled in by
the part). Imported by ``models.py``."""

__all__: list[str] = []
