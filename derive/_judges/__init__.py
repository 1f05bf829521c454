"""One module per numeric check kind: ``judge(spec, env) -> (error, details)`` for one trial.

``env`` maps every given (and ``"__sizes__"``, ``"__key__"``) to its sampled value. The
error is compared with ``spec.tolerance``; details are diagnostics reported over the trials.
A new kind is a spec class in derive/_checks.py plus a module here named after its ``kind``.
"""
