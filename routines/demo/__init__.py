"""Demo content for the self-care site: text, point pictures and handout PDFs.

Pure Python (no Django imports), so the seed command and the tests can use it
without a database.
"""
