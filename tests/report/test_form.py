import re

import pytest
from corpus import CELLS_MD

from xxgk.report import EDITIONS, all_keys, edition, expected_edition, holds, identities


def spec_keys(edition_name: str) -> list[str]:
    """Every key cells.md names for an edition, in its order, read from the spec itself."""
    text = CELLS_MD.read_text(encoding="utf-8")
    s2_part = text.split("## Section 二")[1].split("## Section 三")[0]
    ed19, ed21 = s2_part.split("Edition 2021:")
    s2 = re.findall(r"`(s2\.[a-z_.]+)`", ed19 if edition_name == "2019" else ed21)
    s3_part = text.split("## Section 三")[1].split("## Section 四")[0]
    columns = re.findall(r"^\| `([a-z]+)` \|", s3_part.split("Rows, in printed order")[0], re.M)
    rows = []
    for line in s3_part.split("Rows, in printed order")[1].splitlines():
        m = re.match(r"^\| `([a-z_.]+)` \|(.*)\|$", line)
        if not m:
            continue
        only = re.search(r"edition (\d{4})( only)?", m.group(2))
        if only and only.group(1) != edition_name:
            continue
        rows.append(m.group(1))
    s4_part = text.split("## Section 四")[1].split("## The identities")[0]
    s4 = re.findall(r"`(s4\.[a-z_.]+)`", s4_part)
    return s2 + [f"s3.{r}.{c}" for r in rows for c in columns] + s4


@pytest.mark.parametrize("name", EDITIONS)
def test_keys_are_exactly_those_of_the_spec(name):
    assert edition(name).keys() == spec_keys(name)


def test_keys_are_unique_and_all_keys_cover_both_editions():
    for name in EDITIONS:
        keys = edition(name).keys()
        assert len(keys) == len(set(keys))
        assert set(keys) <= set(all_keys())
    assert len(all_keys()) == len(set(edition("2019").keys()) | set(edition("2021").keys()))


def test_money_and_signed_cells():
    assert edition("2019").money_keys() == {"s2.procurement.amount"}
    assert edition("2021").money_keys() == {"s2.fee.amount"}
    assert edition("2019").signed_keys() == {
        f"s2.{r}.delta" for r in ("license", "other_service", "penalty", "coercion", "fee")
    }
    assert edition("2021").signed_keys() == frozenset()


def test_expected_edition_by_year():
    assert [expected_edition(y) for y in (2019, 2020, 2021, 2025)] == ["2019", "2019", "2021", "2021"]


def test_unknown_edition_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown edition"):
        edition("2018")


@pytest.mark.parametrize("name", EDITIONS)
def test_identities_hold_on_every_seed_of_the_edition(name, seeds):
    checked = 0
    for _, truth in seeds:
        if truth["edition"] != name:
            continue
        for ident in identities(name):
            assert holds(ident, truth["cells"]), (truth["id"], ident.name)
        checked += 1
    assert checked or name == "2021"


def test_identity_counts():
    # 7 columns x identities 1 and 2, one identity 3 per row, one identity 4 per group
    assert len(identities("2019")) == 7 + 7 + 23 + 3
    assert len(identities("2021")) == 7 + 7 + 25 + 3
    outcome = identities("2021")[7].right
    assert "s3.other.no_fee.natural" in outcome and "s3.total.natural" not in outcome
