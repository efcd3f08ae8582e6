"""The safety plan as a flat OpenDocument text (.fodt, plain XML): the LibreOffice anchor of
bench_pdf.py turns it into a PDF with `soffice --headless --convert-to pdf`.

Written from the same `PlanExport` jeugdtool's own PDF is rendered from (`gather_plan`), with
the same parts: the case, the members and the network, what we are worried about (harm, danger,
safety goals, bottom lines), the safety network's roles, the agreements (what, who, when,
where, check), the signs to watch for, the help, how the children are told, the reviews and
what happens when an agreement is not kept; A4 with a header ("Vertrouwelijk") and "page x of
y" in the footer, tables with repeated header rows, 10 pt DejaVu Sans. No new dependency: the
XML is written with the standard library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from xml.sax.saxutils import escape

from jeugdtool.export.pdf.plan_data import PlanExport

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title><dc:language>nl-NL</dc:language></office:meta>
<office:font-face-decls>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"
  style:font-family-generic="swiss" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.12cm"/>
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:language="nl"
   fo:country="NL" fo:hyphenate="true"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="18pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0cm"/>
 </style:style>
 <style:style style:name="CellHead" style:family="paragraph" style:parent-style-name="Cell">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
 </style:page-layout>
 <style:style style:name="Table" style:family="table">
  <style:table-properties style:width="17cm" table:align="margins"/>
 </style:style>
 <style:style style:name="Box" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #888888"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Standard">Vertrouwelijk — {title}</text:p></style:header>
  <style:footer><text:p text:style-name="Standard">Pagina <text:page-number/> van
   <text:page-count/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
_TAIL = "</office:text></office:body></office:document>\n"


def _p(text: str, style: str = "Standard") -> str:
    """One paragraph per line of `text`."""
    lines = text.split("\n") if text else [""]
    return "".join(f'<text:p text:style-name="{style}">{escape(line)}</text:p>' for line in lines)


def _h(text: str) -> str:
    return f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(text)}</text:h>'


def _table(name: str, head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    def row(cells: Sequence[str], style: str) -> str:
        return "<table:table-row>" + "".join(
            f'<table:table-cell table:style-name="Box" office:value-type="string">'
            f"{_p(cell, style)}</table:table-cell>"
            for cell in cells
        ) + "</table:table-row>"  # fmt: skip

    body = "".join(row(r, "Cell") for r in rows)
    if not body:
        return ""
    return (
        f'<table:table table:name="{escape(name)}" table:style-name="Table">'
        f'<table:table-column table:number-columns-repeated="{len(head)}"/>'
        f"<table:table-header-rows>{row(head, 'CellHead')}</table:table-header-rows>"
        f"{body}</table:table>"
    )


def _day(day: dt.date | None) -> str:
    return f"{day:%d-%m-%Y}" if day else ""


def plan_fodt(data: PlanExport) -> str:
    """The plan `data` as a flat ODT document."""
    h, plan = data.case.household, data.plan
    version = plan.plan
    title = f"Veiligheidsplan {h.case_number}, versie {version.number}"
    out = [_HEAD.format(title=escape(title)), _p(title, "Title")]
    out.append(
        _p(
            f"{h.name} — dossiernummer {h.case_number}\n"
            f"Vaste hulpverlener: {h.case_manager_name or ''}\n"
            f"Vastgesteld op {_day(version.finalised_on)} door {version.finalised_by or ''}\n"
            f"Volgende evaluatie: {_day(version.next_review_on)}"
        )
    )
    out.append(_h("Wie horen bij het gezin"))
    out.append(
        _table(
            "Gezin",
            ("Naam", "Rol", "Geboren"),
            (
                (f"{p.first_name} {p.last_name}", str(p.role.value), _day(p.birth_date))
                for p in data.case.persons
            ),
        )
    )
    out.append(_h("Waar maken we ons zorgen over, wat willen we bereiken"))
    for statement in plan.statements:
        out.append(_p(f"{statement.type.value}: {statement.text}"))
    if plan.family_goals:
        out.append(_h("De doelen van het gezin"))
        out.extend(_p(f"{g.source.label}: {g.text}") for g in plan.family_goals)
    out.append(_h("Het veiligheidsnetwerk"))
    out.append(
        _table(
            "Netwerk",
            ("Wie", "Taak", "Op de hoogte sinds"),
            ((r.source.label, r.role, _day(r.told_on)) for r in plan.network),
        )
    )
    out.append(_h("Afspraken"))
    out.append(
        _table(
            "Afspraken",
            ("Nr", "Wat", "Wie", "Wanneer", "Waar", "Controle"),
            (
                (
                    str(a.position),
                    a.what,
                    "\n".join(f"{p.source.label}{' ✓' if p.accepted else ''}" for p in a.parties),
                    a.when,
                    a.where,
                    f"{a.check}\n{a.checked_by}".strip(),
                )
                for a in plan.agreements
            ),
        )
    )
    out.append(_h("Signalen: waar letten we op"))
    out.append(
        _table(
            "Signalen",
            ("Signaal", "Wie let erop", "Wat doen we dan"),
            ((f.sign, "\n".join(f.watched_by), f.action) for f in plan.red_flags),
        )
    )
    if data.help:
        out.append(_h("Hulp"))
        out.append(
            _table(
                "Hulp",
                ("Voor wie", "Soort", "Wat", "Wie", "Van", "Tot"),
                (
                    (
                        x.for_whom,
                        x.kind,
                        x.description,
                        x.provider,
                        _day(x.starts_on),
                        _day(x.until),
                    )
                    for x in data.help
                ),
            )
        )
    out.append(_h("Hoe de kinderen het horen"))
    out.append(_p(version.children_told))
    out.append(_h("Evaluatie"))
    out.append(_p(version.review_schedule))
    out.append(_h("Als een afspraak niet lukt"))
    out.append(_p(version.when_not_kept))
    out.append(_h("Contact"))
    out.append(_table(
        "Contact",
        ("Naam", "Relatie", "Telefoon"),
        ((n.name, n.relation, n.phone or "") for n in data.case.network),
    ))  # fmt: skip
    out.append(_TAIL)
    return "".join(out)
