"""People: who is named in the coverage (names, variants, roles) and who said what (attribution)."""
