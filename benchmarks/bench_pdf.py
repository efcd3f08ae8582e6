"""Export time of the PDFs (issue 6: a typical plan under 0.3 s), written to docs/performance.md.

Measures `documents.export` (render and write atomically) of:
  * the demo plan of 2026-0001 (the newest finalised version);
  * a long plan: 60 agreements with 5,000-character texts, 30 network members, 5,000-character
    plan texts (the same shape as the long plan of tests/core/test_pdf_plan.py);
  * the demo framework map of 2026-0001 (the newest mapping moment, with its scale chart).
The first export in a fresh process (imports and fonts included) is reported apart.

The anchor (issue 20): the same plans, gathered once more (`gather_plan`, the PlanExport the PDF
is rendered from) and written as a flat ODT (benchmarks/plan_fodt.py), turned into PDF by
LibreOffice (`soffice --headless --convert-to pdf`, a fresh process each time as a user or a
server script would run it) in the same run; printed next to jeugdtool's export with the
ratio (goal: jeugdtool at least 10× faster). Without `soffice` on PATH (scripts/bench-deps.sh
installs it) the anchor is left out and says so.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 7] [--no-write] [--no-anchor]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from perf_report import write_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPORT = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- bench_pdf:start -->", "<!-- bench_pdf:end -->"
TODAY = dt.date(2026, 3, 10)
TARGET = 0.3
#: jeugdtool's export at least this many times faster than LibreOffice's conversion.
ANCHOR_FACTOR = 10


def _words(seed: int, length: int) -> str:
    """Distinct, readable text of exactly `length` characters."""
    vocabulary = ["oma", "belt", "elke", "avond", "om", "acht", "uur", "en", "vraagt"]
    vocabulary += ["hoe", "het", "met", "de", "kinderen", "gaat"]
    out, i = f"[{seed}]", 0
    while len(out) < length:
        out += f" {vocabulary[i % len(vocabulary)]}{seed if i % 9 == 0 else ''}"
        i += 1
    return out[: length - 1].rstrip() + "."


def build_long_plan(uow) -> int:
    """The long plan of the tests: returns the case id."""
    from jeugdtool.cases import households
    from jeugdtool.cases import members
    from jeugdtool.framework import moments
    from jeugdtool.framework import plan_finalise
    from jeugdtool.framework import plan_sections
    from jeugdtool.framework import plans
    from jeugdtool.framework import statements
    from jeugdtool.framework.dto import Source
    from jeugdtool.framework.vocab import SourceKind
    from jeugdtool.framework.vocab import StatementType

    case = households.create_case(uow, name="Gezin Lang", case_number="2026-0099").value
    child = members.add_person(
        uow, case.id, {"first_name": "Noa", "last_name": "Lang", "role": "child"}
    ).value
    network = [
        members.add_network_member(
            uow,
            case.id,
            {
                "name": f"Netwerklid{i:02d} Achternaam",
                "kind": "friend",
                "relation": "vriendin van de familie",
                "phone": f"06-{i:08d}",
                "email": f"netwerklid{i:02d}@voorbeeld-organisatie.nl",
            },
        ).value
        for i in range(30)
    ]
    moment = moments.start_moment(uow, case.id, author="A. de Boer", held_on=TODAY).value
    statements.add_statement(
        uow,
        moment.id,
        StatementType.BOTTOM_LINE,
        {"text": _words(900, 2000), "set_by": "Veilig Thuis", "set_on": TODAY},
    )
    draft = plans.start_draft(uow, case.id).value
    for i, n in enumerate(network):
        source = Source(SourceKind.NETWORK, network_id=n.id)
        plan_sections.add_network_role(
            uow, draft.id, {"source": source, "role": _words(700 + i, 300)}
        )
    for i in range(60):
        fields = {
            "what": _words(i, 5000),
            "check": _words(100 + i, 5000 if i % 5 == 0 else 400),
            "when": "elke avond",
            "parties": [
                Source(SourceKind.NETWORK, network_id=network[i % 30].id),
                Source(SourceKind.PERSON, person_id=child.id),
            ],
        }
        agreement = plans.add_agreement(uow, draft.id, fields).value
        plans.record_acceptance(uow, agreement.parties[0].id, True, on=TODAY, how="meeting")
    texts = {k: _words(800 + j, 5000) for j, k in enumerate(("children_told", "review_schedule"))}
    texts["when_not_kept"] = _words(850, 5000)
    plans.update_plan(uow, draft.id, texts)
    plan_finalise.finalise(uow, draft.id, by="A. de Boer", override_reason="Bench", today=TODAY)
    return case.id


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def soffice_pdf(source: Path, out_dir: Path, profile: Path) -> float:
    """Seconds `soffice --headless --convert-to pdf` takes for `source` (a fresh process; its
    own user profile, made by a first run before any is timed)."""
    soffice = shutil.which("soffice")
    assert soffice is not None
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    took = time.perf_counter() - start
    if not (out_dir / f"{source.stem}.pdf").exists():
        raise RuntimeError("soffice wrote no PDF")
    return took


def soffice_version() -> str:
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=120)
    return " ".join(out.stdout.split()[:2]) or "LibreOffice"


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def anchor(uow, cases: dict[str, int], tmp: Path, runs: int) -> dict[str, tuple[float, int]]:
    """LibreOffice turning each plan, as a flat ODT from its PlanExport, into PDF: median
    seconds of `runs` (1 for the long plan) and pages."""
    from plan_fodt import plan_fodt

    from jeugdtool.export.pdf.plan_data import gather_plan

    profile = tmp / "lo-profile"
    results: dict[str, tuple[float, int]] = {}
    for name, case_id in cases.items():
        source = tmp / f"{name.replace(' ', '-')}.fodt"
        source.write_text(plan_fodt(gather_plan(uow, case_id, today=TODAY)), encoding="utf-8")
        out_dir = tmp / "lo-out"
        if not profile.exists():
            soffice_pdf(source, out_dir, profile)  # makes the profile: not timed
        times = [soffice_pdf(source, out_dir, profile) for _ in range(runs if name == "demo plan"
                 else 1)]  # fmt: skip
        results[f"{name}: LibreOffice"] = (statistics.median(times),
                                           pdf_pages(out_dir / f"{source.stem}.pdf"))  # fmt: skip
    return results


def measure(runs: int, with_anchor: bool = True) -> dict[str, tuple[float, int]]:
    """Seconds (median of `runs`; the first export separately) and pages per document."""
    from jeugdtool.cases.queries import find_case_id
    from jeugdtool.export.demo import load_demo
    from jeugdtool.store.engine import open_database
    from jeugdtool.store.uow import UnitOfWork

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JEUGDTOOL_HOME"] = str(Path(tmp) / "home")
        database = open_database(Path(tmp) / "bench.sqlite")
        uow = UnitOfWork(database, "A. de Boer")
        load_demo(uow)
        demo = find_case_id(uow, "2026-0001")
        long_plan = build_long_plan(uow)
        assert demo is not None
        from jeugdtool.export.pdf import documents
        from jeugdtool.export.selection import Document
        from jeugdtool.export.selection import default_selection

        def export(case_id: int, document: Document) -> Callable[[], object]:
            selection = default_selection(document)
            out = Path(tmp) / f"{document.value}.pdf"
            return lambda: documents.export(uow, case_id, selection, out, today=TODAY)

        results: dict[str, tuple[float, int]] = {}
        results["first"] = (_timed(export(demo, Document.PLAN)), 0)
        cases = {
            "demo plan": (demo, Document.PLAN),
            "long plan": (long_plan, Document.PLAN),
            "demo map": (demo, Document.MAP),
        }
        for name, (case_id, document) in cases.items():
            action = export(case_id, document)
            times = [_timed(action) for _ in range(runs if name != "long plan" else 3)]
            pages = documents.render(uow, case_id, default_selection(document)).pages
            results[name] = (statistics.median(times), pages)
        # The PDF/A-2b step (export/pdf/archive.py) alone, on the same documents.
        from jeugdtool.export.pdf.archive import to_pdfa

        for name, (case_id, document) in cases.items():
            done = documents.render(uow, case_id, default_selection(document))
            times = [
                _timed(lambda d=done.data: to_pdfa(d, language="nl"))
                for _ in range(runs if name != "long plan" else 3)
            ]
            results[f"{name}: PDF/A"] = (statistics.median(times), done.pages)
        if with_anchor and shutil.which("soffice"):
            plans = {"demo plan": demo, "long plan": long_plan}
            results |= anchor(uow, plans, Path(tmp), min(runs, 5))
        database.close()
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"reportlab {version('reportlab')}, {platform.system()} {platform.release()}"
    )


def report(r: dict[str, tuple[float, int]], runs: int) -> str:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"

    demo = r["demo plan"][0]
    rows = [
        ("The demo plan of 2026-0001 (render and write)", r["demo plan"], f"< {TARGET} s",
         "✅" if demo < TARGET else "❌"),
        ("The long plan (60 agreements of 5,000 characters, 30 network members)",
         r["long plan"], "—", ""),
        ("The demo framework map of 2026-0001 (landscape, scale chart)", r["demo map"], "—", ""),
        ("… of which the PDF/A-2b step (archive.to_pdfa): the demo plan",
         r["demo plan: PDF/A"], "—", ""),
        ("… the long plan", r["long plan: PDF/A"], "—", ""),
        ("… the demo map", r["demo map: PDF/A"], "—", ""),
    ]  # fmt: skip
    for name in ("demo plan", "long plan"):
        lo = r.get(f"{name}: LibreOffice")
        if lo is None:
            continue
        ratio = lo[0] / r[name][0]
        rows.append((
            f"Anchor: LibreOffice turning the {name} (the same PlanExport as a flat ODT) into "
            f"PDF (`soffice --headless --convert-to pdf`) = {ratio:.1f}× jeugdtool's export",
            lo, f"jeugdtool ≥ {ANCHOR_FACTOR}× faster", "✅" if ratio >= ANCHOR_FACTOR else "❌",
        ))  # fmt: skip
    lines = [
        MARK_START,
        "",
        f"Measured {dt.date.today():%Y-%m-%d} by `benchmarks/bench_pdf.py` (medians of {runs} "
        f"exports, 3 for the long plan; `documents.export`: render and write atomically) on: "
        f"{machine()}.",
        "",
        "| what | pages | time | target | |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {what} | {pages} | {ms(t)} | {target} | {ok} |" for what, (t, pages), target,
              ok in rows]  # fmt: skip
    lines += [
        "",
        f"The first export in a process takes {ms(r['first'][0])} (importing reportlab and "
        "jinja2, loading the fonts); every later one is as above.",
        "",
        "LibreOffice: "
        + (
            f"{soffice_version()}, medians of {min(runs, 5)} conversions of the demo plan and "
            "1 of the long plan, each a fresh `soffice` process (as a script would run it; its "
            "profile made before the timing). "
            if "demo plan: LibreOffice" in r
            else "not measured (no `soffice` on PATH: `bash scripts/bench-deps.sh`). "
        )
        + f"Load average at the end: {os.getloadavg()[0]:.1f}.",
        "",
        MARK_END,
    ]
    return "\n".join(lines)


def write_report(section: str) -> None:
    write_section(section, MARK_START, MARK_END, REPORT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--no-anchor", action="store_true", help="leave LibreOffice out")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    results = measure(args.runs, with_anchor=not args.no_anchor)
    section = report(results, args.runs)
    print(section)
    if not args.no_write:
        write_report(section)


if __name__ == "__main__":
    main()
