import pytest
from ledger_world import Tree, make_tree


@pytest.fixture
def tree(db) -> Tree:
    return make_tree()
