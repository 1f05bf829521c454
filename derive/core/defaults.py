"""The defaults every pipeline shares, written once: the seed of random inputs, the time bound of
one symbolic step, and the random inputs per step of ``derive verify``."""

SEED = 0
STEP_SECONDS = 30.0
VERIFY_TRIALS = 32
