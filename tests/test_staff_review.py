"""Working an intake: notes, status, assignment, cancelling and moving the booking."""
from __future__ import annotations

import pytest

from bot import booking as bookings
from bot import store
from bot.staff import audit, review
from staff_support import intake_db, logged_in, make_intake


def _book(conversation_id: str):
    db = bookings.connect(None)
    offer = bookings.find_slots(db, situation="detention", visitor_tz="America/Chicago", limit=3)
    assert offer.slots, "no open slot in the firm profile's next two weeks"
    visitor = bookings.Visitor("Maria Lopez", "maria@example.com", "+13125550148", "America/Chicago", "en", conversation_id)
    return bookings.book(db, offer.slots[0], visitor, "phone")


def _audit(action):
    return [e for e in audit.entries(intake_db(), action=action)[0]]


def test_add_note_shows_in_activity_and_audit():
    intake = make_intake("conv-1")
    c, token = logged_in("sam@firm.example")
    page = c.post(f"/staff/intakes/{intake['id']}/notes", data={"csrf_token": token, "body": "Left a voicemail <b>twice</b>"})
    assert page.status_code == 200 and "Note added." in page.text
    assert "Left a voicemail &lt;b&gt;twice&lt;/b&gt;" in page.text
    notes = review.activity(intake_db(), intake["id"])
    assert notes[-1]["body"] == "Left a voicemail <b>twice</b>" and notes[-1]["author"] == "sam@firm.example"
    (entry,) = _audit("add_note")
    assert entry["target"] == f"intake:{intake['id']}" and "voicemail" not in str(entry["detail"])


def test_empty_note_is_refused():
    intake = make_intake("conv-1")
    c, token = logged_in()
    page = c.post(f"/staff/intakes/{intake['id']}/notes", data={"csrf_token": token, "body": "   "})
    assert page.status_code == 400 and "The note is empty." in page.text


@pytest.mark.parametrize("status", ["reviewed", "contacted", "consultation_booked", "retained", "declined", "new"])
def test_status_workflow(status):
    intake = make_intake("conv-1", status="contacted" if status == "new" else "new")
    c, token = logged_in()
    page = c.post(f"/staff/intakes/{intake['id']}/status", data={"csrf_token": token, "status": status})
    assert page.status_code == 200 and "Status changed." in page.text
    assert store.get_intake(intake_db(), intake["id"])["status"] == status
    (entry,) = _audit("change_status")
    assert entry["detail"]["to"] == status
    assert review.activity(intake_db(), intake["id"])[-1]["kind"] == "status"


def test_unknown_status_is_refused():
    intake = make_intake("conv-1")
    c, token = logged_in()
    assert c.post(f"/staff/intakes/{intake['id']}/status", data={"csrf_token": token, "status": "archived"}).status_code == 400
    assert store.get_intake(intake_db(), intake["id"])["status"] == "new"


def test_assign_and_unassign_an_attorney_from_the_firm_profile():
    intake = make_intake("conv-1")
    c, token = logged_in()
    ids = [a.id for a in review.attorneys()]
    assert ids == ["arivera", "dcole", "mnguyen"]
    page = c.post(f"/staff/intakes/{intake['id']}/assign", data={"csrf_token": token, "attorney_id": "mnguyen"})
    assert page.status_code == 200 and '<option value="mnguyen" selected>' in page.text
    assert "Mai Nguyen" in c.get("/staff/").text
    c.post(f"/staff/intakes/{intake['id']}/assign", data={"csrf_token": token, "attorney_id": ""})
    assert review.get(intake_db(), intake["id"])["assigned_to"] is None
    assert c.post(f"/staff/intakes/{intake['id']}/assign", data={"csrf_token": token, "attorney_id": "nobody"}).status_code == 400


def test_unknown_intake_is_404():
    c, token = logged_in()
    assert c.get("/staff/intakes/999").status_code == 404
    assert c.post("/staff/intakes/999/notes", data={"csrf_token": token, "body": "x"}).status_code == 404


def test_cancel_the_booking():
    intake = make_intake("conv-1", situation="detention")
    booked = _book("conv-1")
    c, token = logged_in()
    page = c.get(f"/staff/intakes/{intake['id']}")
    assert booked.reference in page.text and "Cancel booking" in page.text
    refused = c.post(f"/staff/intakes/{intake['id']}/booking/cancel", data={"csrf_token": token})
    assert refused.status_code == 400  # the confirmation box was not ticked
    page = c.post(f"/staff/intakes/{intake['id']}/booking/cancel", data={"csrf_token": token, "confirm": "yes"})
    assert page.status_code == 200 and "The consultation was cancelled." in page.text
    assert bookings.get_booking(intake_db(), booked.reference).status == "cancelled"
    assert store.get_intake(intake_db(), intake["id"])["booking"]["status"] == "cancelled"
    assert _audit("cancel_booking")[0]["detail"] == {"reference": booked.reference}


def test_reschedule_the_booking_to_an_offered_time():
    intake = make_intake("conv-1", situation="detention")
    booked = _book("conv-1")
    c, token = logged_in()
    choices = review.reschedule_choices(intake_db(), review.get(intake_db(), intake["id"]))
    target = [ch for ch in choices if ch.key != booked.slot.key][0]
    page = c.post(f"/staff/intakes/{intake['id']}/booking/reschedule", data={"csrf_token": token, "slot": target.key})
    assert page.status_code == 200 and "The consultation was moved." in page.text
    old = bookings.get_booking(intake_db(), booked.reference)
    assert old.status == "rescheduled" and old.replaced_by
    new = bookings.get_booking(intake_db(), old.replaced_by)
    assert new.status == "confirmed" and new.slot.key == target.key
    assert store.get_intake(intake_db(), intake["id"])["booking"]["reference"] == new.reference
    assert new.reference in page.text
    bad = c.post(f"/staff/intakes/{intake['id']}/booking/reschedule", data={"csrf_token": token, "slot": "garbage"})
    assert bad.status_code == 400


def test_viewing_an_intake_is_audited():
    intake = make_intake("conv-1")
    c, _ = logged_in("viewer@firm.example")
    c.get(f"/staff/intakes/{intake['id']}")
    (entry,) = _audit("view_intake")
    assert entry["actor"] == "viewer@firm.example" and entry["target"] == f"intake:{intake['id']}"
