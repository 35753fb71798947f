"""plantext's team corpus, installed as the data package ``plantext_corpora``.

``community-v1/`` (documents, annotations, MANIFEST.tsv) is the default source of
suggestions and draft phrasings; ``plantext.resources.team_corpus_dir()`` finds it.
Nothing to import here.
"""
