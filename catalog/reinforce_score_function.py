"""REINFORCE: the gradient of an expected reward is the expected reward times the score."""

import sympy as sp

from derive import (
    BINARY,
    Derivation,
    Given,
    Grad,
    MonteCarlo,
    Reference,
    Step,
    categorical,
    dims,
    grad,
    hadamard,
    jacobian,
    log,
    scalar_of,
    softmax,
    vector,
)


def derivation() -> Derivation:
    (k,) = dims("k")
    theta, f, e = vector("theta", k), vector("f", k), vector("e", k)
    policy = softmax(theta)
    expected_reward = scalar_of(policy.T * f)
    result = hadamard(policy, f) - policy * (policy.T * f)
    score = grad(scalar_of(e.T * log(policy)), theta)  # grad_theta log pi_a for the one-hot action e
    return Derivation(
        id="reinforce-score-function",
        title="REINFORCE: the score-function gradient estimator",
        topic="models",
        statement=(
            "A softmax policy pi = softmax(theta) picks one of k actions; action a earns reward f_a. The expected "
            "reward is J(theta) = E_{a~pi}[f_a] = sum_a pi_a f_a. Show that grad J = E_{a~pi}[f_a grad log pi_a] "
            "(the log-derivative trick), which can be estimated from sampled actions alone, and compute it: "
            "grad log pi_a = e_a - pi, so grad J = pi . f - pi (pi^T f)."
        ),
        givens=(
            Given(theta, "the policy's logits"),
            Given(f, "the reward of each action"),
            Given(e, "a sampled action as a one-hot vector (for the Monte Carlo estimate)", BINARY),
        ),
        start=grad(expected_reward, theta),
        steps=(
            Step(
                jacobian(policy, theta).T * f,
                "f does not depend on theta: grad sum_a pi_a f_a = sum_a f_a grad pi_a = J_pi^T f",
            ),
            Step(
                jacobian(log(policy), theta).T * hadamard(policy, f),
                "the log-derivative trick grad pi_a = pi_a grad log pi_a: the sum becomes "
                "sum_a pi_a f_a grad log pi_a = E_{a~pi}[f_a grad log pi_a]",
            ),
            Step(
                result,
                "for a softmax, grad log pi_a = e_a - pi (row a of the Jacobian of log pi is e_a^T - pi^T), so "
                "sum_a pi_a f_a (e_a - pi) = pi . f - pi (pi^T f)",
            ),
        ),
        checks=(
            Grad(
                label="pi . f - pi (pi^T f) vs jax.grad of the expected reward",
                objective=expected_reward,
                wrt=theta,
                claim=result,
            ),
            MonteCarlo(
                label="mean of f_a grad log pi_a (jax.grad) over actions a ~ pi drawn with jax.random",
                integrand=scalar_of(e.T * f) * score,
                claim=result,
                draws=((e, categorical(policy)),),
                # two actions whose rewards differ by about 6: with more, some entry of the gradient
                # lies near 0 and no sample size refuses it 2% off (the check's power)
                sizes=((k, 2),),
                where=((f, f + sp.ImmutableMatrix([3, -3])),),
                samples=1_600_000,
            ),
        ),
        references=(
            Reference(
                "Williams, Simple statistical gradient-following algorithms (Machine Learning, 1992)",
                "section 4, eq. 2 and the REINFORCE theorem",
            ),
            Reference(
                "Sutton & Barto, Reinforcement Learning: An Introduction (2nd ed.)",
                "section 2.8 (gradient bandit) and section 13.3",
            ),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 20.9.1 (REINFORCE)"),
        ),
        tags=("policy gradient", "score function", "Monte Carlo", "reinforcement learning"),
        notes=(
            "The estimator needs only samples of a and their rewards, not the reward's derivative, so it works "
            "for discrete actions and non-differentiable rewards; subtracting a baseline b from f_a leaves its mean "
            "unchanged (E grad log pi_a = 0) and can reduce its variance."
        ),
        sizes=((k, 3),),
    )
