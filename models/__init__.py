"""plantext's trained models, installed as the data package ``plantext_models``.

Each folder (``roles-sm/``, ``themes-sm/`` …) is one model with its ``meta.json``;
``plantext.resources.models_dir()`` finds them. Nothing to import here.
"""
