"""``intake staff ...``: accounts and the search index from the command line."""
from __future__ import annotations

from click.testing import CliRunner

from bot.cli import main
from bot.staff import accounts
from staff_support import PASSWORD, client, intake_db, login, make_intake


def run(*args, input=None):
    return CliRunner().invoke(main, ["staff", *args], input=input)


def test_add_user_with_password_from_stdin_then_log_in():
    result = run("add-user", "Admin@Firm.example", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "added admin@firm.example (admin)" in result.output
    assert login(client(), "admin@firm.example").status_code == 200


def test_add_user_prompts_for_the_password_twice():
    result = run("add-user", "sam@firm.example", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert accounts.get_user_by_email(intake_db(), "sam@firm.example").role == "staff"


def test_add_user_refuses_duplicates_and_weak_passwords():
    assert run("add-user", "sam@firm.example", "--password-stdin", input=PASSWORD).exit_code == 0
    again = run("add-user", "sam@firm.example", "--password-stdin", input=PASSWORD)
    assert again.exit_code != 0 and "already exists" in again.output
    weak = run("add-user", "kim@firm.example", "--password-stdin", input="123")
    assert weak.exit_code != 0 and "at least 12 characters" in weak.output
    assert run("add-user", "kim@firm.example", "--role", "owner", "--password-stdin", input=PASSWORD).exit_code != 0


def test_set_role_disable_enable_and_set_password():
    run("add-user", "boss@firm.example", "--role", "admin", "--password-stdin", input=PASSWORD)
    run("add-user", "sam@firm.example", "--password-stdin", input=PASSWORD)
    assert run("set-role", "sam@firm.example", "admin").exit_code == 0
    assert accounts.get_user_by_email(intake_db(), "sam@firm.example").is_admin
    assert run("disable", "sam@firm.example").exit_code == 0
    assert login(client(), "sam@firm.example").status_code == 400
    assert run("enable", "sam@firm.example").exit_code == 0
    assert run("set-password", "sam@firm.example", "--password-stdin", input="another long password\n").exit_code == 0
    assert login(client(), "sam@firm.example", "another long password").status_code == 200
    listing = run("list-users")
    assert "boss@firm.example\tadmin\tactive" in listing.output
    assert run("disable", "nobody@firm.example").exit_code != 0
    # the last admin stays
    run("set-role", "sam@firm.example", "staff")
    assert run("disable", "boss@firm.example").exit_code != 0


def test_reindex():
    make_intake("conv-1", situation_text="bond hearing")
    result = run("reindex")
    assert result.exit_code == 0 and "1 intake(s) indexed" in result.output
    result = run("reindex", "--full")
    assert result.exit_code == 0 and "1 intake(s) indexed" in result.output
