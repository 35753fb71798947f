"""One private jieba tokenizer per thread, shared by every part of plantext.

jieba's module-level tokenizer is a global singleton that builds its tables on
first use; plantext never touches it: each thread gets its own
``jieba.Tokenizer``, initialised once, with jieba's log output quietened.
"""

from __future__ import annotations

import threading

_local = threading.local()


def jieba_tokenizer():
    """This thread's private, initialised ``jieba.Tokenizer``."""
    tok = getattr(_local, "tok", None)
    if tok is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        _local.tok = tok
    return tok
