"""Finding and loading trained models by name (``sm``, ``trf``) or folder."""

from __future__ import annotations

import pathlib
from functools import lru_cache

from ..resources import models_dir  # noqa: F401  (re-exported: where trained models live)

MODEL_NAMES = ("sm", "trf")


def classifier_for(model: str | None):
    """The labeller for ``model`` (default ``sm``), or None when none is trained yet.

    The models folder is looked up at each call (``$PLANTEXT_MODELS`` set
    after the first parse is honoured); the loaded models are kept per folder.
    """
    return _load_labeller(model or "sm", str(models_dir()))


@lru_cache(maxsize=8)
def _load_labeller(name: str, root: str):
    from .labeller import Labeller

    return Labeller.load(name, pathlib.Path(root))


classifier_for.cache_clear = _load_labeller.cache_clear   # type: ignore[attr-defined]


TRAINED_TAXONOMY = "community-v1"   # the taxonomy the theme models were trained on


def labeller_for(model: str | None, taxonomy=None):
    """:func:`classifier_for`, with zero-shot themes when ``taxonomy`` is not the trained one.

    ``taxonomy`` is a :class:`~plantext.labels.taxonomy.Taxonomy` or None.
    Returns ``(labeller or None, zero_shot)``. Roles still come from the
    trained role model; themes come from :class:`~.zeroshot.ZeroShotThemer`,
    with embeddings only for ``model="trf"`` (``sm`` stays torch-free).
    """
    return with_taxonomy(classifier_for(model), model or "sm", taxonomy)


def with_taxonomy(base, name: str, taxonomy=None):
    """``(labeller, zero_shot)``: ``base``, or its roles with zero-shot themes of ``taxonomy``."""
    if taxonomy is None or is_trained_taxonomy(taxonomy):
        return base, False
    from .labeller import Labeller

    return Labeller(name, base.roles if base is not None else None,
                    zero_shot_themer(taxonomy, name == "trf")), True


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
