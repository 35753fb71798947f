"""One pipeline object: ``nlp = pt.load("sm")`` owns its resources and runs named stages.

>>> import plantext as pt
>>> nlp = pt.load("sm")                      # or "trf", "none", or a models folder
>>> nlp.stage_names
['read', 'clean', 'split', 'outline', 'roles', 'themes']
>>> plan = nlp.parse("draft.docx")          # doctest: +SKIP
>>> report = nlp.audit(plan)                # doctest: +SKIP

The resources (role and theme models, tokenizer, encoder, embedding store,
suggestion index) load lazily on first use and belong to the pipeline.
``pt.parse`` and the other module-level functions run the default pipeline of
their ``model``, made on first use (:mod:`plantext.defaults`). The stages are
functions of a :class:`~plantext.stages.ParseState` (see :mod:`plantext.stages`).
"""

from __future__ import annotations

import os
import pathlib
import threading
from typing import Any, Callable

from .defaults import pipeline_for, register_loader
from .document import Plan
from .errors import InputError, error
from .stages import MAX_CHARS, STAGES, ParseState, Source, _emit, load_source  # noqa: F401

__all__ = ["MAX_CHARS", "Pipeline", "load", "parse", "parse_many"]

MODEL_NAMES = ("sm", "trf", "none")
Stage = Callable[[ParseState], Any]


def load(name: str | os.PathLike = "sm", *, labeller: Any = None) -> "Pipeline":
    """A new pipeline: ``"sm"`` (default), ``"trf"``, ``"none"`` (heading rules only), or a
    folder of trained models (``roles-sm/``, ``themes-sm/`` …).

    ``labeller`` (a :class:`~plantext.learn.labeller.Labeller`, e.g. of models a
    user trained) replaces the models the name would load.
    """
    return Pipeline(name, labeller=labeller)


class Pipeline:
    """Named parsing stages and the resources they use; see :func:`load`."""

    def __init__(self, name: str | os.PathLike = "sm", *, labeller: Any = None):
        self.name, self.model_dir = _model_spec(name)
        self.stages: list[tuple[str, Stage]] = list(STAGES)
        self._labeller = labeller
        self._given = self._loaded = labeller is not None
        self._lock = threading.RLock()
        self._resources: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Pipeline({self.name!r}, stages={self.stage_names})"

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for worker processes: names, folder and stages; loaded models stay behind
        (reloaded lazily there) unless the user gave them."""
        given = self._labeller if self._given else None
        return {"name": self.name, "model_dir": self.model_dir, "stages": self.stages,
                "labeller": given, "given": self._given}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.name, self.model_dir, self.stages = state["name"], state["model_dir"], state["stages"]
        self._labeller, self._given = state["labeller"], state["given"]
        self._loaded = self._given
        self._lock = threading.RLock()
        self._resources = {}

    def fingerprint(self) -> str:
        """What the results of this pipeline depend on: models (meta.json hashes) and stages.

        Caches (``Corpus.process``) key results by it; a pipeline with models the user
        gave has no stable fingerprint and gets one unique to this object.
        """
        from .corpus.cache import models_fingerprint
        from .resources import models_dir

        if self._given:
            return f"given-{id(self)}"
        base = "none" if not self.uses_models else \
            models_fingerprint(self.name, self.model_dir or models_dir())
        if self.stages == list(STAGES):
            return base
        stages = ",".join(f"{n}={getattr(f, '__module__', '')}.{getattr(f, '__qualname__', f)}"
                          for n, f in self.stages)
        return f"{base}|{stages}"

    # -- stages ---------------------------------------------------------------
    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def get_stage(self, name: str) -> Stage:
        return self.stages[self._index(name)][1]

    def replace_stage(self, name: str, stage: Stage) -> None:
        """Run ``stage`` (a function of the :class:`ParseState`) in place of stage ``name``."""
        self.stages[self._index(name)] = (name, stage)

    def add_stage(self, name: str, stage: Stage, *, before: str | None = None,
                  after: str | None = None) -> None:
        """Add ``stage`` under ``name``: at the end, or ``before``/``after`` a named stage."""
        if name in self.stage_names:
            raise error(InputError, "E009", what="new stage name", value=name,
                        choices="a name not in " + ", ".join(self.stage_names))
        if before is not None and after is not None:
            raise InputError("add_stage() takes before= or after=, not both.")
        at = len(self.stages) if before is None and after is None else \
            self._index(before) if before is not None else self._index(after) + 1
        self.stages.insert(at, (name, stage))

    def remove_stage(self, name: str) -> Stage:
        """Take stage ``name`` out (``roles``/``themes``: no model labels); returns it."""
        return self.stages.pop(self._index(name))[1]

    def _index(self, name: str) -> int:
        for i, (n, _) in enumerate(self.stages):
            if n == name:
                return i
        raise error(InputError, "E009", what="stage", value=name, choices=", ".join(self.stage_names))

    # -- resources --------------------------------------------------------------
    @property
    def uses_models(self) -> bool:
        return self.name != "none"

    @property
    def labeller(self):
        """The role and theme models (a Labeller), loaded on first use; None when none is trained."""
        if not self._loaded and self.uses_models:
            with self._lock:
                if not self._loaded:
                    from .learn.labeller import Labeller
                    from .resources import models_dir

                    self._labeller = Labeller.load(self.name, self.model_dir or models_dir())
                    self._loaded = True
        return self._labeller

    def labeller_for(self, taxonomy=None) -> tuple[Any, bool]:
        """``(labeller, zero_shot)``: zero-shot themes when ``taxonomy`` is not the trained one."""
        if not self.uses_models:
            return None, False
        from .learn.registry import with_taxonomy

        return with_taxonomy(self.labeller, self.name, taxonomy)

    @property
    def tokenizer(self):
        """The word segmenter, from the one segmenter factory (:func:`plantext.segmentation.segmenter`)."""
        from .segmentation import segmenter

        return segmenter()

    @property
    def encoder(self):
        """The sentence encoder (multilingual e5, needs the ``trf`` extra), made on first use."""
        def make():
            from .learn.encoder import get_encoder

            return get_encoder()
        return self._resource("encoder", make)

    @property
    def embedding_store(self):
        """This pipeline's cache of sentence embeddings (SQLite in the user cache)."""
        def make():
            from .learn.trf import EmbeddingStore

            return EmbeddingStore(self.encoder)
        return self._resource("embedding_store", make)

    @property
    def index(self):
        """The default suggestion index (the team corpus), built or loaded on first use."""
        def make():
            from .suggest.api import get_index

            return get_index(None)
        return self._resource("index", make)

    @property
    def resources(self) -> dict[str, Any]:
        """What this pipeline has loaded so far (models, encoder, index …), by name."""
        out = dict(self._resources)
        if self._loaded:
            out["labeller"] = self._labeller
        return out

    def _resource(self, key: str, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key not in self._resources:
                self._resources[key] = make()
            return self._resources[key]

    # -- running ------------------------------------------------------------------
    def run(self, source: Source, *, many: bool = False, doc_type: str | None = None,
            clean: bool = True, plan_id: str | None = None, max_chars: int = MAX_CHARS,
            taxonomy=None) -> ParseState:
        """Run every stage on ``source``; the final :class:`ParseState` (its ``plans``)."""
        state = ParseState(self, source, many=many, doc_type=doc_type, clean=clean,
                           plan_id=plan_id, max_chars=max_chars, taxonomy=taxonomy)
        for _, stage in self.stages:
            stage(state)
        return state

    def parse(self, source: Source, *, doc_type: str | None = None, clean: bool = True,
              plan_id: str | None = None, max_chars: int = MAX_CHARS, taxonomy=None,
              warn: bool = True, stacklevel: int = 3) -> Plan:
        """One :class:`Plan` (see :func:`plantext.parse`); ``warn=False`` leaves the
        plan's warnings on ``plan.warnings`` without issuing them."""
        plan = self.run(source, doc_type=doc_type, clean=clean, plan_id=plan_id,
                        max_chars=max_chars, taxonomy=taxonomy).plans[0]
        if warn:
            _emit(plan, stacklevel=stacklevel)
        return plan

    def parse_many(self, source: Source, *, doc_type: str | None = None, clean: bool = True,
                   max_chars: int = MAX_CHARS, taxonomy=None, warn: bool = True,
                   stacklevel: int = 3) -> list[Plan]:
        """One Plan per plan of the page (see :func:`plantext.parse_many`)."""
        plans = self.run(source, many=True, doc_type=doc_type, clean=clean,
                         max_chars=max_chars, taxonomy=taxonomy).plans
        if warn:
            for plan in plans:
                _emit(plan, stacklevel=stacklevel)
        return plans

    def as_plan(self, source_or_plan: Any, *, warn: bool = True) -> Plan:
        """A Plan as given, or parsed from a source by this pipeline."""
        if isinstance(source_or_plan, Plan):
            return source_or_plan
        return self.parse(source_or_plan, warn=warn, stacklevel=4)

    def audit(self, source_or_plan: Any, **kwargs) -> Any:
        """:func:`plantext.audit` with this pipeline."""
        from .audit import audit

        return audit(source_or_plan, nlp=self, **kwargs)

    def suggest(self, text: str | None = None, **kwargs) -> Any:
        """:func:`plantext.suggest` (default ``corpus``: the index of :attr:`index`)."""
        from .suggest import suggest

        if kwargs.get("corpus") is None:
            kwargs["corpus"] = self.index
        return suggest(text, **kwargs)

    def draft(self, *args, **kwargs) -> Any:
        """:func:`plantext.draft` with this pipeline."""
        from .draft import draft

        return draft(*args, model=self, **kwargs)

    def complete(self, plan_or_source: Any, **kwargs) -> Any:
        """:func:`plantext.complete` with this pipeline."""
        from .draft import complete

        return complete(plan_or_source, model=self, **kwargs)

    def corpus(self, *args, **kwargs) -> Any:
        """A :class:`plantext.Corpus` that parses with this pipeline (``Corpus(..., nlp=self)``)."""
        from .corpus import Corpus

        return Corpus(*args, nlp=self, **kwargs)


def _model_spec(name: str | os.PathLike) -> tuple[str, pathlib.Path | None]:
    """(variant name, models folder or None for the default folder) of ``name``."""
    if isinstance(name, str) and name in MODEL_NAMES:
        return name, None
    folder = pathlib.Path(name).expanduser()
    if not folder.is_dir():
        raise error(InputError, "E009", what="model", value=str(name),
                    choices=", ".join(MODEL_NAMES) + ", or a folder of trained models")
    for variant in ("sm", "trf"):
        if (folder / f"roles-{variant}").is_dir() or (folder / f"themes-{variant}").is_dir():
            return variant, folder
    raise error(InputError, "E009", what="model folder", value=str(folder),
                choices="a folder holding roles-sm/, themes-sm/ (or -trf) model folders")


def parse(source: Source, *, doc_type: str | None = None, clean: bool = True,
          model: Any = None, plan_id: str | None = None,
          max_chars: int = MAX_CHARS, taxonomy=None) -> Plan:
    """Read ``source`` into one :class:`Plan` with outline, segments, roles and themes.

    ``source`` is plan text, or a path to a .txt/.md/.html/.docx/.pdf file (a
    ``str`` naming an existing file is read as a path). With ``clean=False``,
    ``plan.text`` is exactly the input text. ``taxonomy`` (a built-in name,
    a path to a JSON file, or a ``Taxonomy``) other than the one the theme
    model learned gives zero-shot themes for that taxonomy. ``model`` is
    ``"sm"`` (default), ``"trf"``, ``"none"``, a models folder, or a
    :class:`Pipeline`: this runs that default pipeline, made on first use.
    """
    return pipeline_for(model).parse(source, doc_type=doc_type, clean=clean, plan_id=plan_id,
                                     max_chars=max_chars, taxonomy=taxonomy, stacklevel=4)


def parse_many(source: Source, *, clean: bool = True, model: Any = None,
               doc_type: str | None = None, max_chars: int = MAX_CHARS,
               taxonomy=None) -> list[Plan]:
    """Split a page holding several plans (计划(一)/(二)…) into one Plan each.

    On a single plan it returns a list of one. ``model`` and ``taxonomy`` as for
    :func:`parse`. Each plan's ``meta["page_start"]`` is where its text starts
    in the page's (cleaned) text, the text :func:`parse` gives the whole page.
    """
    return pipeline_for(model).parse_many(source, clean=clean, doc_type=doc_type,
                                          max_chars=max_chars, taxonomy=taxonomy, stacklevel=4)


register_loader(load)
