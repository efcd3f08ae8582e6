"""The free-text minimiser: addresses, phone numbers and e-mail addresses are found wherever
they are written, ordinary sentences are left alone, and names outside a selection are masked."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from jeugdtool.export.minimise import Finding
from jeugdtool.export.minimise import Findings
from jeugdtool.export.minimise import Kind
from jeugdtool.export.minimise import contact_spans
from jeugdtool.export.minimise import marker
from jeugdtool.export.minimise import minimiser
from jeugdtool.export.minimise import strip_contacts
from jeugdtool.i18n import _
from jeugdtool.i18n import ngettext
from jeugdtool.i18n import set_language
from jeugdtool.meetings.names import Person


@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")
    yield
    set_language("en")


# ---- generated addresses

_STEMS = ("Park", "Molen", "Stations", "Kerk", "School", "Wilgen", "Esdoorn", "Linden", "Dorps",
          "Oude Ebbinge", "Van Speijk", "Burgemeester de With", "Hoofd", "Zuider",
          "Prins Hendrik")  # fmt: skip
_ENDINGS = ("straat", "weg", "laan", "plein", "singel", "gracht", "kade", "dijk", "dreef", "hof",
            "markt", "pad", "steeg")  # fmt: skip
_ADDITIONS = ("", "a", "A", "/14", "-II", "-2", " bis", "-III", " hs", "b")
_SENTENCES = (
    "Waar: {}",
    "thuis, {}",
    "bij oma Ria, {}, elke vrijdag",
    "Verslavingszorg Noord, {}.",
    "Ze woont op {} sinds mei.",
    "{} (dezelfde flat)",
)

street = st.builds(
    lambda stem, ending, number, addition: f"{stem}{ending} {number}{addition}",
    st.sampled_from(_STEMS),
    st.sampled_from(_ENDINGS),
    st.integers(min_value=1, max_value=2999),
    st.sampled_from(_ADDITIONS),
)
postcode = st.builds(
    lambda n, letters: f"{n} {letters}",
    st.integers(min_value=1000, max_value=9999),
    st.sampled_from(("AB", "CD", "KL", "MN", "GH", "XY")),
)
mobile = st.builds(
    lambda digits, style: style.format(d=digits),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(("06-{d}", "06 {d}", "06{d}", "+31 6 {d}", "+316{d}", "0031 6 {d}")),
)
#: Ten digits: a two-digit area code with seven digits, or a three-digit one with six.
landline = st.builds(
    lambda area, rest, sep: f"0{area}{sep}{rest[: 9 - len(area)][:3]} {rest[: 9 - len(area)][3:]}",
    st.sampled_from(("20", "50", "10", "30", "598", "592")),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
    st.sampled_from((" ", "-", "")),
)
email = st.builds(
    lambda user, domain: f"{user}@{domain}.nl",
    st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?", fullmatch=True),
    st.from_regex(r"[a-z]{2,10}(-[a-z]{2,6})?", fullmatch=True),
)


def _only(text: str, found: str, kind: Kind) -> None:
    spans = contact_spans(text)
    assert [s.kind for s in spans] == [kind], (text, spans)
    assert text[spans[0].start : spans[0].end].startswith(found.split()[0]) or kind is Kind.ADDRESS
    assert found not in strip_contacts(text)


@settings(max_examples=300, deadline=None)
@given(street, st.sampled_from(_SENTENCES))
def test_a_street_with_its_house_number_is_found_in_any_sentence(address, sentence):
    text = sentence.format(address)
    spans = contact_spans(text)
    assert [s.kind for s in spans] == [Kind.ADDRESS], (text, spans)
    out = strip_contacts(text)
    number = re.search(r"\d+", address).group()
    assert address not in out and number not in out, out
    assert marker(Kind.ADDRESS) in out


@settings(max_examples=200, deadline=None)
@given(street, postcode)
def test_an_address_with_its_postcode_and_town_is_one_address(address, code):
    text = f"Post naar {address}, {code} Groningen."
    assert [s.kind for s in contact_spans(text)] == [Kind.ADDRESS]
    out = strip_contacts(text)
    assert code not in out and "Groningen" not in out
    assert out == f"Post naar {marker(Kind.ADDRESS)}."


@settings(max_examples=300, deadline=None)
@given(st.one_of(mobile, landline), st.sampled_from(("Bel {}.", "{}", "tel. {} (na 17 uur)")))
def test_a_phone_number_is_found(number, sentence):
    text = sentence.format(number)
    assert [s.kind for s in contact_spans(text)] == [Kind.PHONE], text
    assert number not in strip_contacts(text)
    assert marker(Kind.PHONE) in strip_contacts(text)


@settings(max_examples=200, deadline=None)
@given(email)
def test_an_e_mail_address_is_found_before_the_name_in_it_could_be(address):
    text = f"Mail naar {address} of bel."
    assert [s.kind for s in contact_spans(text)] == [Kind.EMAIL]
    assert strip_contacts(text) == f"Mail naar {marker(Kind.EMAIL)} of bel."


@pytest.mark.parametrize(
    "number", ["0800-2000", "0800 2000", "0900-1234567", "020 123 4567", "(020) 123 4567",
               "+31 (0)50 123 45 67", "+32 2 123 45 67", "050-5712340", "0598-612345"],
)  # fmt: skip
def test_service_and_foreign_numbers_are_phone_numbers(number):
    assert [s.kind for s in contact_spans(f"bel {number} direct")] == [Kind.PHONE]


# ---- ordinary sentences stay as they are

_ORDINARY = (
    "3 keer per week",
    "om 12 uur",
    "groep 7",
    "juf Anja (groep 7)",
    "op 31 januari om 23.00 uur",
    "Sem (5) liep alleen op straat.",
    "elke dinsdag om 9.00 uur",
    "maandag en woensdag van 15.30 tot 18.00 uur",
    "Steungroep voor kinderen (10 bijeenkomsten).",
    "In 2026 en 2027 twee keer.",
    "Melding VT-2026-00412 van 13-02-2026.",
    "Casus 2026-0001, versie 3.",
    "Bel 112 als er direct gevaar is.",
    "Ze fietst naar de Parkstraat en belt aan.",
    "Marco woont in de Esdoornlaan.",
    "Hij gaat weg 3 keer per dag.",
    "Op het schoolplein 2 keer per dag.",
    "op 01-02-2026 12 uur",
    "Rekening NL91ABNA0417164300.",
    "Drinkt 2 glazen wijn, 1 fles per week.",
    "De Parkstraat 12 keer per jaar.",
    "Score 7 op 10; scaling 4.",
)


@pytest.mark.parametrize("text", _ORDINARY)
def test_ordinary_sentences_are_not_eaten(text):
    assert contact_spans(text) == ()
    assert strip_contacts(text) == text


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(("Sandra", "Daan", "Oma Ria", "De juf", "Henk", "We")),
    st.sampled_from(("komt", "belt", "fietst", "slaapt", "eet", "leest")),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(("keer per week", "uur", "minuten", "dagen", "weken", "kinderen", "euro")),
    st.sampled_from(("", " in groep 7", " om 12 uur", " op 3 maart", " tot 20.30 uur")),
)
def test_counts_times_and_groups_are_not_addresses_or_numbers(who, verb, n, unit, tail):
    text = f"{who} {verb} {n} {unit}{tail}."
    assert contact_spans(text) == ()


# ---- names and findings


def test_names_outside_the_selection_are_masked_and_contacts_stripped_first():
    m = minimiser(contacts=True, hidden=[Person("K. Hoekstra", "mentor van Daan")])
    text = "Mentor K. Hoekstra (k.hoekstra@school.example, 050-5712340) let op Daan."
    out = m.text(text)
    assert "Hoekstra" not in out and "5712340" not in out and "hoekstra" not in out
    assert "K.H." in out and "Daan" in out
    assert m.changes(text) == {Kind.EMAIL: 1, Kind.PHONE: 1, Kind.NAME: 1}


def test_no_minimiser_changes_nothing():
    m = minimiser(contacts=False)
    assert not m.active
    text = "Parkstraat 12, bel 06-12345678"
    assert m.text(text) == text and m.changes(text) == {}


def test_a_finding_names_the_field_not_the_data():
    finding = Finding("Afspraak 3", "Waar", Kind.ADDRESS)
    assert finding.message == "Afspraak 3 — Waar: " + _("an address is left out")
    assert Finding("Signaal 2", "Wie let erop", Kind.NAME).message == (
        "Signaal 2 — Wie let erop: " + _("a name is masked")
    )
    two = Finding("Afspraak 1", "Wat", Kind.PHONE, 2).message
    assert two.endswith(
        ngettext("a phone number is left out", "{n} phone numbers are left out", 2).format(n=2)
    )


def test_findings_collect_each_field_once_and_return_the_text_unchanged():
    found = Findings(minimiser(contacts=True, hidden=[Person("Piet Post")]))
    text = "Piet Post, Molenweg 3"
    assert found("Afspraak 1", "Waar", text) == text
    found("Afspraak 1", "Waar", text)  # walked twice: said once
    found("Afspraak 2", "Wat", "niets bijzonders")
    assert found.result() == (
        Finding("Afspraak 1", "Waar", Kind.ADDRESS),
        Finding("Afspraak 1", "Waar", Kind.NAME),
    )
