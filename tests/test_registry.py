import pytest

import derive
from derive import UnknownEntry, UnknownTopic


def test_ids_are_listed_without_importing_entries():
    assert {"logistic-grad", "normal-equations", "svm-kkt", "pca-lagrangian", "backprop-mlp"} <= set(derive.ids())


def test_get_returns_the_entry_and_caches_it():
    assert derive.get("logistic-grad") is derive.get("logistic-grad")
    assert derive.get("logistic-grad").id == "logistic-grad"


def test_unknown_id_suggests_the_closest():
    with pytest.raises(UnknownEntry) as info:
        derive.get("normal-equation")
    assert info.value.suggestions[0] == "normal-equations"
    assert "did you mean 'normal-equations'?" in str(info.value)


def test_hopeless_id_points_to_list():
    with pytest.raises(UnknownEntry, match="derive list"):
        derive.get("zzzzzzzz")


def test_topics_filter():
    assert all(e.topic == "optimization" for e in derive.entries("optimization"))
    with pytest.raises(UnknownTopic):
        derive.entries("cooking")


def test_repr_latex_for_jupyter():
    latex = derive.get("logistic-grad")._repr_latex_()
    assert latex.startswith("$") and r"\mathbf{X}^{\top}" in latex and r"\sigma" in latex
