"""Demo content of the knowledge base (fictional, dated facts from docs; not legal advice)."""
