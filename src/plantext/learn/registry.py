"""Finding and loading trained models by name (``sm``, ``trf``) or folder."""

from __future__ import annotations

import os
import pathlib
from functools import lru_cache

MODEL_NAMES = ("sm", "trf")


def models_dir() -> pathlib.Path:
    """Where trained models live: ``$PLANTEXT_MODELS``, else the project's ``models/``."""
    env = os.environ.get("PLANTEXT_MODELS")
    if env:
        return pathlib.Path(env)
    return pathlib.Path(__file__).resolve().parents[3] / "models"


@lru_cache(maxsize=8)
def classifier_for(model: str | None):
    """The labeller for ``model`` (default ``sm``), or None when none is trained yet."""
    from .labeller import Labeller

    return Labeller.load(model or "sm", models_dir())


TRAINED_TAXONOMY = "community-v1"   # the taxonomy the theme models were trained on


def labeller_for(model: str | None, taxonomy=None):
    """:func:`classifier_for`, with zero-shot themes when ``taxonomy`` is not the trained one.

    ``taxonomy`` is a :class:`~plantext.labels.taxonomy.Taxonomy` or None.
    Returns ``(labeller or None, zero_shot)``. Roles still come from the
    trained role model; themes come from :class:`~.zeroshot.ZeroShotThemer`,
    with embeddings only for ``model="trf"`` (``sm`` stays torch-free).
    """
    base = classifier_for(model)
    if taxonomy is None or is_trained_taxonomy(taxonomy):
        return base, False
    from .labeller import Labeller

    return Labeller(model or "sm", base.roles if base is not None else None,
                    zero_shot_themer(taxonomy, model == "trf")), True


@lru_cache(maxsize=8)
def zero_shot_themer(taxonomy, embeddings: bool):
    """The :class:`~.zeroshot.ZeroShotThemer` of ``taxonomy``, built once per process.

    (Its keyword patterns and theme vectors then serve every plan; a
    ``Taxonomy`` hashes by name and version and compares in full, so an
    edited file gets a themer of its own.)
    """
    from .zeroshot import ZeroShotThemer

    return ZeroShotThemer(taxonomy, use_embeddings=embeddings)


def is_trained_taxonomy(taxonomy) -> bool:
    """Whether ``taxonomy`` has the name and codes of the one the theme models learned."""
    from ..labels.taxonomy import load_taxonomy

    if taxonomy.name != TRAINED_TAXONOMY:
        return False
    return taxonomy.codes == load_taxonomy(TRAINED_TAXONOMY).codes
