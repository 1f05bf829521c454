"""catalog/_lib: the vocabulary only some entries use lives beside the catalog, not in the engine's
public names, and editing it invalidates the stored renderings and reports as engine code does."""

import derive
from derive.cache import digests, renderings
from derive.cache.reports import StoredReports

MOVED = (
    "hmm_paths",
    "hmm_forward",
    "hmm_suffix_paths",
    "hmm_backward",
    "hmm_marginals",
    "bootstrap_variance",
    "resample_quantile",
    "resample_indices",
    "rank",
    "nullity",
    "null_basis",
    "column_basis",
    "beta_function",
    "normal_expectation",
)


def test_entry_specific_vocabulary_is_not_exported_by_derive():
    assert not set(MOVED) & set(derive.__all__)
    assert not any(hasattr(derive, name) for name in MOVED)


def test_the_shared_vocabulary_is_among_the_digested_sources():
    assert any(path.parts[-2:] == ("_lib", "hmm.py") for path in digests.package_files())


def test_an_edit_to_catalog_lib_changes_the_rendering_and_report_digests(tmp_path, monkeypatch):
    library = tmp_path / "catalog" / "_lib"
    library.mkdir(parents=True)
    code = library / "hmm.py"
    code.write_text("WEIGHT = 1\n")
    monkeypatch.setattr(digests, "catalog_directory", lambda: tmp_path / "catalog")

    def keys():
        return renderings.source_digest(), StoredReports({"trials": 1}).context

    before = keys()
    code.write_text("WEIGHT = 2\n")
    after = keys()
    assert before[0] != after[0] and before[1] != after[1]
