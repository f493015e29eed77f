"""Personal data masked by role, in the one function every output uses; history of changes."""

from datetime import date

import pytest
from ledger_world import registered

from xxgk.ledger import services
from xxgk.ledger.history import changes
from xxgk.ledger.masking import mask, personal_data

pytestmark = pytest.mark.django_db


def test_masks_keep_enough_to_tell_records_apart():
    assert mask("142301199001011234", "id_number") == "142***********1234"
    assert mask("13800001234", "phone") == "138****1234"
    assert mask("zhang@example.cn", "email") == "z***@example.cn"
    assert mask("张三", "applicant_name") == "张*"


def test_the_agency_sees_personal_data_and_a_supervisor_sees_it_masked(tree):
    req = registered(tree)
    assert personal_data(req, tree.clerk)["id_number"] == "142301199001011234"
    for who in (tree.supervisor, tree.auditor):
        shown = personal_data(req, who)
        assert shown["id_number"] == "142***********1234"
        assert shown["applicant_name"] == "张*" and "1234" not in shown["address"]


def test_an_organisations_name_is_not_personal_data(tree):
    req = registered(tree, applicant_type="commercial", applicant_name="偏关县某某煤业有限公司")
    assert personal_data(req, tree.supervisor)["applicant_name"] == "偏关县某某煤业有限公司"


def test_history_says_who_changed_what_from_what_to_what(tree):
    req = registered(tree)
    services.update_details(req, tree.clerk, phone="13900005678")
    services.reply(req, tree.approver, replied_on=date(2026, 3, 5), outcome="granted")
    seen = changes(req, tree.clerk)
    phone = next(c for c in seen if c.field == "phone")
    assert (phone.user, phone.old, phone.new, phone.label) == (
        "clerk",
        "13800001234",
        "13900005678",
        "联系电话",
    )
    assert any(c.field == "outcome" and c.new == "granted" and c.user == "approver" for c in seen)
    masked = next(c for c in changes(req, tree.supervisor) if c.field == "phone")
    assert masked.old == "138****1234"
