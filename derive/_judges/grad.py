from .._jax_eval import evaluate
from .._numeric import relative_error


def judge(spec, env):
    return relative_error(evaluate(spec.claim, env), evaluate(spec.reference(), env)), {}
