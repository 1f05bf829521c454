from derive.checking.comparison import relative_error
from derive.checking.jax_eval import evaluate


def judge(spec, env):
    return relative_error(evaluate(spec.lhs, env), evaluate(spec.rhs, env)), {}
