"""The private-names contract of `make lint`, on two small packages written for the test."""

import textwrap

import grimp
import pytest

from tools.import_contracts import PrivateNamesContract

PACKAGES = {
    "shop/__init__.py": "__version__ = '1'\n",
    "shop/helpers.py": "def _secret(): ...\ndef public(): ...\n",
    "shop/views.py": "from shop.helpers import _secret, public\n",  # its own: allowed
    "till/__init__.py": "",
    "till/views.py": """
        from shop import __version__
        from shop.helpers import (
            public,
            _secret,
        )
    """,
    "till/later.py": """
        def pay():
            from shop.helpers import _secret
    """,
}


@pytest.fixture
def graph(tmp_path, monkeypatch):
    for name, source in PACKAGES.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
    monkeypatch.syspath_prepend(str(tmp_path))
    return grimp.build_graph("shop", "till", cache_dir=None)


def check(graph, packages):
    contract = PrivateNamesContract(
        name="private names", session_options={}, contract_options={"packages": packages}
    )
    return contract.check(graph, verbose=False)


def test_another_packages_private_name_breaks_it_even_in_a_function_or_parentheses(graph):
    result = check(graph, ["shop", "till"])
    assert not result.kept
    assert result.metadata["illegal"] == [
        ("till.later", 2, "shop.helpers._secret"),
        ("till.views", 2, "shop.helpers._secret"),
    ]


def test_a_package_not_listed_is_not_checked(graph):
    assert check(graph, ["shop"]).kept
