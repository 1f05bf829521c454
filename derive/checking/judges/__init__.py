"""One module per numeric check kind: ``judge(spec, env) -> (error, details)`` for one trial.

``env`` maps every given (and ``"__sizes__"``, ``"__key__"``) to its sampled value. The
error is compared with ``spec.tolerance``; details are diagnostics reported over the trials.
A new kind is a spec class in derive/core/checks.py, a module here, and its row in
derive.checking.numeric.JUDGES.
"""
