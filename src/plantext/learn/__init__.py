"""Trainable models (sm and trf), the offline transformer encoder, training and the model registry.

Submodules are imported explicitly (``from plantext.learn.encoder import Encoder``) so that
importing this package stays cheap.
"""
