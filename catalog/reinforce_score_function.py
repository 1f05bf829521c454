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
            r"A softmax policy $\boldsymbol{\pi} = \operatorname{softmax}(\boldsymbol{\theta})$ picks one of $k$ "
            r"actions; action $a$ earns reward $f_{a}$. The expected reward is $J(\boldsymbol{\theta}) = "
            r"\mathbb{E}_{a \sim \boldsymbol{\pi}}[f_{a}] = \sum_{a} \pi_{a} f_{a}$. Show that $\nabla J = "
            r"\mathbb{E}_{a \sim \boldsymbol{\pi}}[f_{a} \nabla \log \pi_{a}]$ (the log-derivative trick), which "
            r"can be estimated from sampled actions alone, and compute it: $\nabla \log \pi_{a} = \mathbf{e}_{a} "
            r"- \boldsymbol{\pi}$, so $\nabla J = \boldsymbol{\pi} \odot \mathbf{f} - \boldsymbol{\pi} "
            r"(\boldsymbol{\pi}^{\top} \mathbf{f})$."
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
                (
                    r"$\mathbf{f}$ does not depend on $\boldsymbol{\theta}$: $\nabla \sum_{a} \pi_{a} f_{a} = \sum_{a} "
                    r"f_{a} \nabla \pi_{a} = J_{\boldsymbol{\pi}}^{\top} \mathbf{f}$"
                ),
            ),
            Step(
                jacobian(log(policy), theta).T * hadamard(policy, f),
                (
                    r"the log-derivative trick $\nabla \pi_{a} = \pi_{a} \nabla \log \pi_{a}$: the sum becomes $\sum_{a} "
                    r"\pi_{a} f_{a} \nabla \log \pi_{a} = \mathbb{E}_{a \sim \boldsymbol{\pi}}[f_{a} \nabla \log \pi_{a}]$"
                ),
            ),
            Step(
                result,
                (
                    r"for a softmax, $\nabla \log \pi_{a} = \mathbf{e}_{a} - \boldsymbol{\pi}$ (row $a$ of the Jacobian "
                    r"of $\log \boldsymbol{\pi}$ is $\mathbf{e}_{a}^{\top} - \boldsymbol{\pi}^{\top}$), so $\sum_{a} "
                    r"\pi_{a} f_{a} (\mathbf{e}_{a} - \boldsymbol{\pi}) = \boldsymbol{\pi} \odot \mathbf{f} - "
                    r"\boldsymbol{\pi} (\boldsymbol{\pi}^{\top} \mathbf{f})$"
                ),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"$\boldsymbol{\pi} \odot \mathbf{f} - \boldsymbol{\pi} (\boldsymbol{\pi}^{\top} \mathbf{f})$ vs "
                    r"\texttt{jax.grad} of the expected reward"
                ),
                objective=expected_reward,
                wrt=theta,
                claim=result,
            ),
            MonteCarlo(
                label=(
                    r"mean of $f_{a} \nabla \log \pi_{a}$ (\texttt{jax.grad}) over actions $a \sim \boldsymbol{\pi}$ "
                    r"drawn with \texttt{jax.random}"
                ),
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
            r"The estimator needs only samples of $a$ and their rewards, not the reward's derivative, so it works "
            r"for discrete actions and non-differentiable rewards; subtracting a baseline $b$ from $f_{a}$ leaves "
            r"its mean unchanged ($\mathbb{E} \nabla \log \pi_{a} = 0$) and can reduce its variance."
        ),
        sizes=((k, 3),),
    )
