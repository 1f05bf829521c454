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


def test_a_notebook_shows_the_whole_worked_solution():
    entry = derive.get("pca-lagrangian")
    shown = derive.typeset(entry)._repr_markdown_()
    assert entry.statement in shown and "## Given" in shown
    assert all(step.because in shown for step in entry.steps)  # every row with its reason
    assert "\\boxed{" in shown and r"\lambda" in shown


def test_the_teaching_order_places_every_entry_once():
    from catalog._order import TEACHING_ORDER

    assert sorted(TEACHING_ORDER) == sorted(set(TEACHING_ORDER)), "an id is placed twice"
    assert set(TEACHING_ORDER) == set(derive.ids()), "place every entry in catalog/_order.py"
    assert [e.id for e in derive.entries()] == list(TEACHING_ORDER)


def test_a_topic_keeps_the_teaching_order():
    listed = [e.id for e in derive.entries("statistics")]
    assert listed.index("central-limit") < listed.index("bootstrap-ci") < listed.index("bayesian-ab-test")
