"""Against a catalog entry, the letters that name the entry's counts (dimensions no given's shape uses:
bayesian-ab-test's alpha_A, k_B) are its whole numbers at the entry's sizes (run.entry_counts), so a
closed form in them is decided on that instance; a wrong closed form is invalid against the entry."""

import pytest

import derive

RESULT = (
    r"\sum_{i=0}^{\alpha_{B} - 1} \frac{\mathrm{B}\left(\alpha_{A} + i, \alpha_{B} + \beta_{A} + \beta_{B} - i - 1\right)"
    r" \binom{\alpha_{B} + \beta_{B} - 1}{i}}{\mathrm{B}\left(\alpha_{A}, \beta_{A}\right)}"
)
WHERE = [r"p_{A} \in (0,1)", r"p_{B} \in (0,1)"]
WRONG = {
    "A and B swapped": RESULT.replace(r"\alpha_{A} + i", r"\alpha_{B} + i"),
    "one term too many": RESULT.replace(r"^{\alpha_{B} - 1}", r"^{\alpha_{B}}"),
    "the second parameter one too large": RESULT.replace(r"\beta_{B} - i - 1\right)", r"\beta_{B} - i\right)"),
}


def test_the_closed_form_is_valid_against_the_entry():
    report = derive.verify(rf"{RESULT} = {RESULT}", WHERE, against="bayesian-ab-test", trials=8)
    assert report.verdict == "valid", report.to_text()
    assert "alpha_A=4" in report.steps[-1].method, report.to_text()


@pytest.mark.parametrize("name", list(WRONG))
def test_a_wrong_closed_form_is_invalid_against_the_entry(name):
    assert WRONG[name] != RESULT
    report = derive.verify(rf"{WRONG[name]} = {WRONG[name]}", WHERE, against="bayesian-ab-test", trials=8)
    assert report.verdict == "invalid" and report.steps[-1].status == "invalid", report.to_text()
