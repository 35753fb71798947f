"""One private jieba tokenizer per thread, shared by every part of plantext.

jieba's module-level tokenizer is a global singleton that builds its tables on
first use; plantext never touches it: each thread gets its own
``jieba.Tokenizer``, initialised once, with jieba's log output quietened.
"""

from __future__ import annotations

import threading

_local = threading.local()


def new_jieba_tokenizer():
    """A fresh, initialised ``jieba.Tokenizer`` (jieba's logging kept quiet)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def jieba_tokenizer():
    """This thread's private, initialised ``jieba.Tokenizer``."""
    tok = getattr(_local, "tok", None)
    if tok is None:
        tok = _local.tok = new_jieba_tokenizer()
    return tok
