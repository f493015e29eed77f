"""Both scales of 国办函〔2020〕109号 against the worked examples of domain.md."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xxgk.fees import FeeInputError, Scale, fee_per_page, fee_per_request


@pytest.mark.parametrize(
    ("requests", "yuan"),
    [
        (0, 0),
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (40, 4000),
        (41, 4300),
        (50, 7000),
        (51, 7400),
    ],
)
def test_per_request_examples(requests: int, yuan: int) -> None:
    assert fee_per_request(requests).amount == yuan


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_examples(pages: int, yuan: int) -> None:
    assert fee_per_page(pages).amount == yuan


def test_bands_are_explained() -> None:
    fee = fee_per_request(41)
    assert fee.scale is Scale.PER_REQUEST
    assert [(b.first, b.last, b.rate) for b in fee.bands] == [
        (1, 10, 0),
        (11, 30, 100),
        (31, 40, 200),
        (41, 41, 300),
    ]
    text = fee.explanation()
    assert "第41件：1件 × 300元 = 300元" in text and "合计：4300元" in text
    assert fee_per_page(250).to_json()["amount_yuan"] == 4700


def test_earlier_requests_in_the_month() -> None:
    fee = fee_per_request(5, already=28)
    assert fee.amount == 2 * 100 + 3 * 200
    assert "第29至33件" in fee.explanation()


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_the_month_cumulates(a: int, b: int) -> None:
    assert fee_per_request(a).amount + fee_per_request(b, already=a).amount == fee_per_request(a + b).amount


@given(st.integers(0, 5000))
def test_each_request_costs_its_band_rate(n: int) -> None:
    marginal = fee_per_request(n + 1).amount - fee_per_request(n).amount
    k = n + 1
    expected = 0 if k <= 10 else 100 if k <= 30 else 200 + 100 * ((k - 31) // 10)
    assert marginal == expected


@given(st.integers(0, 100_000))
def test_each_page_costs_its_band_rate(n: int) -> None:
    marginal = fee_per_page(n + 1).amount - fee_per_page(n).amount
    k = n + 1
    assert marginal == (0 if k <= 30 else 10 if k <= 100 else 20 if k <= 200 else 40)


@pytest.mark.parametrize("bad", [-1, 10**9, True, 2.5])
def test_absurd_input_is_refused_in_chinese(bad) -> None:
    with pytest.raises(FeeInputError, match=r"数|整数|范围"):
        fee_per_request(bad)
    with pytest.raises(FeeInputError):
        fee_per_page(bad)
