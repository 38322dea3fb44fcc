"""Question families, one folder each (see generator/family.py for what a folder holds)."""
