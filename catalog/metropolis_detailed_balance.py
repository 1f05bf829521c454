"""The Metropolis-Hastings acceptance probability satisfies detailed balance."""

import sympy as sp

from derive import POSITIVE, Derivation, Given, IdentityCheck, Reference, Step, exp, normal, scalar


def derivation() -> Derivation:
    px, py = scalar("pi_x", POSITIVE), scalar("pi_y", POSITIVE)
    qxy, qyx = scalar("q_{y|x}", POSITIVE), scalar("q_{x|y}", POSITIVE)  # q(y | x), q(x | y)
    x, y, mu, s = scalar("x"), scalar("y"), scalar("mu"), scalar("s", POSITIVE)

    def acceptance(p_from, q_forward, p_to, q_backward):
        return sp.Min(1, p_to * q_backward / (p_from * q_forward))

    result = py * qyx * acceptance(py, qyx, px, qxy)
    # A Gaussian target and a non-symmetric autoregressive proposal y | x ~ N(x/2, 1).
    target, proposal_from_x, proposal_from_y = normal(mu, s), normal(x / 2, 1), normal(y / 2, 1)
    model = (
        (px, exp(target.log_density(x))),
        (py, exp(target.log_density(y))),
        (qxy, exp(proposal_from_x.log_density(y))),
        (qyx, exp(proposal_from_y.log_density(x))),
    )
    return Derivation(
        id="metropolis-detailed-balance",
        title="Metropolis-Hastings satisfies detailed balance",
        topic="probability",
        statement=(
            r"Metropolis-Hastings proposes $y$ from $q(y \mid x)$ and accepts with probability $a (x, y) = \min(1, "
            r"\pi(y) q (x | y) / (\pi(x) q (y | x)))$. Show detailed balance: $\pi(x) q (y | x) a (x, y) = \pi(y) "
            r"q (x | y) a (y, x)$, so the chain leaves $\pi$ invariant."
        ),
        givens=(
            Given(px, r"target density at $x$, $\pi(x)$", POSITIVE),
            Given(py, r"target density at $y$, $\pi(y)$", POSITIVE),
            Given(qxy, r"proposal density $q(y \mid x)$", POSITIVE),
            Given(qyx, r"proposal density $q(x \mid y)$", POSITIVE),
            Given(
                x,
                r"current state (the checks take $\pi = \mathcal{N}(\mu, s^{2})$, $q(y \mid x) = \mathcal{N}(y ; x /2, 1)$)",
            ),
            Given(y, "proposed state"),
            Given(mu, "target mean"),
            Given(s, "target standard deviation", POSITIVE),
        ),
        start=px * qxy * acceptance(px, qxy, py, qyx),
        steps=(
            Step(sp.Min(px * qxy, py * qyx), r"$c \min(1, r) = \min(c, c r)$ for $c = \pi(x) q(y \mid x) > 0$"),
            Step(
                result,
                "the minimum is symmetric in $x$ and $y$: the same step read backwards with $x$ and $y$ swapped",
            ),
        ),
        checks=(
            IdentityCheck(
                label="both sides of detailed balance for a Gaussian target and an autoregressive proposal",
                lhs=px * qxy * acceptance(px, qxy, py, qyx),
                rhs=result,
                where=model,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 11.2.2, eqs. 11.44-11.45"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 24.3.6"),
            Reference("Wasserman, All of Statistics", "section 24.4, theorem 24.12"),
        ),
        tags=("MCMC", "detailed balance", "Metropolis-Hastings"),
    )
