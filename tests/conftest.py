import pytest


def pytest_collection_modifyitems(config, items):
    """Tests that run JAX checks of catalog entries are slow-ish; mark them so `-m "not slow"` is quick."""
    for item in items:
        if "catalog_check" in item.keywords:
            item.add_marker(pytest.mark.slow)
