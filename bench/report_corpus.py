"""The audit report at scale: time ``build_report`` on a generated run of N documents.

    python bench/report_corpus.py [--docs 100000] [--format jsonl|folder] [--work DIR]

Generates N documents of about 1 KB (news-like English paragraphs, with ``[ad_1]`` markers,
"READ MORE" links and their headlines, name variants such as Aliev and Nagorno Karabakh,
curly quotes and guillemets, a share of French, German, Russian and Armenian documents, and
a few malformed JSONL lines), as one JSONL file with a ``metadata.url`` per record (default)
or as a folder of ``.txt`` files. Cleans them with ``cleaner clean --jobs 2``, then times
``build_report`` on the output folder and prints the time, the size of the HTML and of the
stats JSON, and the peak memory of this process. The corpus is the same for the same N.

``--work DIR`` keeps the corpus and the cleaned run there and reuses them when they already
exist, so the report alone can be timed again without cleaning 100,000 documents twice.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SITES = [f"news{n}.example.{tld}" for n in range(40) for tld in ("com", "am", "az")][:90]

ENGLISH = [
    "The President of Azerbaijan, Ilham Aliev, said on Tuesday that talks would resume.",
    "Fighting continued overnight in Nagorno Karabakh, the defence ministry said .",
    "“We are ready to negotiate,“ the minister told reporters in Yerevan.",
    "«The ceasefire must hold», an OSCE Minsk Group co-chair said in a statement.",
    "Officials met on November10 , 2020 to discuss the return of displaced people.",
    "Prime Minister Nikol Pashinian spoke to the parliament about the agreement.",
    "The region’s economy depends on agriculture, and the war has hit farmers hard.",
    "Aid agencies said thousands of families had left their homes since September.",
    "Foreign ministers from both countries are expected to meet in Moscow next week.",
    "Analysts say the agreement leaves many questions about the corridor unanswered.",
    "The UN Security Council held a closed session on the situation in Artesian.",
    "Residents of Stepanakert spent the night in basements as shelling resumed.",
]
OTHER = {
    "fr": [
        "Le président a déclaré mardi que les négociations reprendraient bientôt.",
        "Les combats se sont poursuivis dans la nuit, selon le ministère de la Défense.",
        "« Nous sommes prêts à négocier », a déclaré le ministre aux journalistes.",
        "Des milliers de familles ont quitté leurs maisons depuis le mois de septembre.",
    ],
    "de": [
        "Der Präsident sagte am Dienstag, die Gespräche würden bald fortgesetzt.",
        "Die Kämpfe dauerten nach Angaben des Verteidigungsministeriums die Nacht an.",
        "„Wir sind bereit zu verhandeln“, sagte der Minister vor Journalisten.",
        "Tausende Familien haben seit September ihre Häuser verlassen müssen.",
    ],
    "ru": [
        "Президент заявил во вторник, что переговоры скоро возобновятся.",
        "Бои продолжались всю ночь, сообщило министерство обороны.",
        "«Мы готовы к переговорам», — сказал министр журналистам.",
        "Тысячи семей покинули свои дома с сентября.",
    ],
    "hy": [
        "Նախագահը երեքշաբթի հայտարարեց, որ բանակցությունները շուտով կվերսկսվեն։",
        "Մարտերը շարունակվել են ամբողջ գիշեր, հայտնում է պաշտպանության նախարարությունը։",
        "Հազարավոր ընտանիքներ սեպտեմբերից ի վեր լքել են իրենց տները։",
    ],
}
FURNITURE = ["[ad_1]", "[ad_2]", "Advertisement", "Share", "Tweet", "Photo: Jane Doe/AP"]


def document(rng: random.Random, n: int) -> str:
    """About 1 KB of text: paragraphs, with furniture and dirt in varied places."""
    roll = rng.random()
    language = "en" if roll < 0.8 else rng.choice(sorted(OTHER))
    pool = ENGLISH if language == "en" else OTHER[language]
    lines = [f"Report {n}: {rng.choice(pool)}"]
    while sum(len(line) for line in lines) < 950:
        lines.append(rng.choice(pool))
        if rng.random() < 0.12:
            lines.append(rng.choice(FURNITURE))
        if rng.random() < 0.05:
            lines.extend(["READ MORE", rng.choice(ENGLISH)[:60]])
        if rng.random() < 0.3:
            lines.append("")
    if rng.random() < 0.1:
        lines.insert(0, f"date 2020-10-{rng.randint(1, 28):02d}")
    if rng.random() < 0.05:
        lines.append(lines[1])  # a repeated paragraph
    if rng.random() < 0.1:
        lines.append("\n\n\n")
    return "\n".join(lines)


def make_jsonl(path: Path, docs: int) -> int:
    rng = random.Random(2020)
    size = 0
    with path.open("w", encoding="utf-8") as stream:
        for n in range(docs):
            if n % 5000 == 4999:
                line = f'{{"id": "broken-{n}", "text": "unterminated\n'
            else:
                site = SITES[rng.randrange(len(SITES))]
                record = {
                    "id": f"doc{n:06d}",
                    "text": document(rng, n),
                    "metadata": {"url": f"https://{site}/2020/10/{n}.html"},
                }
                line = json.dumps(record, ensure_ascii=False) + "\n"
            stream.write(line)
            size += len(line.encode())
    return size


def make_folder(folder: Path, docs: int) -> int:
    rng = random.Random(2020)
    size = 0
    for n in range(docs):
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = document(rng, n).encode()
        if n % 5000 == 4999:
            data = b"\x00binary\x00" + data  # an input error
        (sub / f"doc{n:06d}.txt").write_bytes(data)
        size += len(data)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--format", choices=("jsonl", "folder"), default="jsonl")
    parser.add_argument("--work", type=Path, help="keep (and reuse) the corpus and run here")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / ("corpus.jsonl" if args.format == "jsonl" else "corpus")
        out = work / "out"
        if not corpus.exists():
            started = time.perf_counter()
            maker = make_jsonl if args.format == "jsonl" else make_folder
            size = maker(corpus, args.docs)
            print(
                f"corpus: {args.docs:,} documents, {size / 1e6:.1f} MB in "
                f"{time.perf_counter() - started:.1f} s"
            )
        if not (out / "manifest.jsonl").exists():
            started = time.perf_counter()
            command = [
                sys.executable,
                "-m",
                "cleaner",
                "clean",
                str(corpus),
                "--out",
                str(out),
                "--jobs",
                str(args.jobs),
            ]
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            if done.returncode not in (0, 1):  # 1: some documents were errors, by design
                sys.exit(f"cleaner failed ({done.returncode}):\n{done.stderr}")
            print(
                f"clean (--jobs {args.jobs}): {time.perf_counter() - started:.1f} s; "
                f"{done.stderr.strip().splitlines()[-1]}"
            )

        from cleaner.audit import build_report

        html, stats_json = work / "report.html", work / "report-stats.json"
        started = time.perf_counter()
        stats = build_report(out, html, stats=stats_json)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        totals = stats["totals"]
        print(
            f"report: {elapsed:.1f} s for {totals['documents']:,} documents "
            f"({totals['changed']:,} changed, {totals['errors']:,} errors); "
            f"HTML {html.stat().st_size / 1e6:.2f} MB, stats JSON "
            f"{stats_json.stat().st_size / 1e3:.0f} KB, peak RSS {peak:.0f} MB"
        )


if __name__ == "__main__":
    main()
