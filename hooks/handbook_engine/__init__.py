"""The handbook engine: load, validate, model and render the learning path in data/.

Stages 1-4 of the pipeline live here and import nothing from MkDocs, so the same functions can
serve the MkDocs hook, the contributor check and any later builder.
"""
