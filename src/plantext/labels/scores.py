"""Role scores the rules give, shared by the labelling rules and the models that read them."""

UNDECIDED_SCORE = 0.2   # a segment no heading or rule speaks for: left to the model
SURE_RULE = 0.9         # a rule at least this sure is kept like a heading's role: the models read it as fixed
