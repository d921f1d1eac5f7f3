"""Benchmark the names step: rule loading and throughput with 10 to 100,000 aliases.

Run from the repository root (it is a script, not a test)::

    .venv/bin/python bench/names_bench.py                        # 20 MB, 10/1,000/100,000
    .venv/bin/python bench/names_bench.py --mb 1 --sizes 10,1000 # smoke test, a few seconds

It generates, deterministically from ``--seed``:

- a corpus of English news-like documents (2-5 KB each) built from a word list, sentence
  templates and real-looking names, so aliases match at a realistic rate;
- alias rule files with N aliases each (N from ``--sizes``), written as TOML to a temp dir:
  small sets as hand-written-style rules (one ``canonical`` + ``variants`` rule per person),
  large sets (over 100) as one ``alias`` rule with a ``[rule.map]`` table. The sets are
  nested: the first 10 aliases of every set are the same.

and measures, for every N:

- load: ``load_rules([path], defaults=False)`` then ``AliasIndex(rules)``, median of 5;
- find: ``index.find(text, "en")`` over every document, splicing the replacements in;
- step: ``cleaner.steps.names.run`` + ``Document.apply``, as the pipeline runs it;
- baseline: one ``regex.sub(r"\\bVARIANT\\b", canonical)`` per generated alias per document
  (patterns compiled beforehand, outside the timer; no conditions, no exceptions). Where that
  would take too long it runs on the first documents only (``--baseline-kb``) and, for big
  sets, on an evenly spaced sample of the aliases (``--baseline-aliases``), and is
  extrapolated linearly; the table says which.

The shipped ``names.toml`` rules are NOT included unless ``--with-defaults`` is given (they
then come first in every set, with their conditions and exceptions). Exit status: 0, or 1
when the done-when criteria were evaluated (sizes 10 and 100000 both run) and missed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.aliases import AliasIndex  # noqa: E402
from cleaner.document import Document  # noqa: E402
from cleaner.options import Context, Options  # noqa: E402
from cleaner.rules import RuleSet, load_rules  # noqa: E402
from cleaner.steps import names as names_step  # noqa: E402

SHIPPED_NAMES = ROOT / "cleaner" / "default_rules" / "names.toml"
MB = 1_000_000  # throughput is input bytes (UTF-8) per second, 1 MB = 10^6 bytes


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# --- names -------------------------------------------------------------------------------
#
# Every culture has first names (canonical form first, then transliteration variants) and
# surname roots; a surname is root + one of the culture's endings. Variants come from
# transliteration swaps on the surname (Kuznetsov -> Kouznetsov, Kuznetsoff, Kusnezow) and
# from the first-name variants, so many aliases share a first word, as real ones do.

# fmt: off
CULTURES: dict[str, dict[str, list]] = {
    "ru": {
        "first": [
            ["Sergei", "Sergey", "Serguei", "Sergej"], ["Dmitri", "Dmitry", "Dmitrij"],
            ["Yuri", "Yury", "Iouri", "Jurij"], ["Alexei", "Alexey", "Aleksei", "Alexej"],
            ["Mikhail", "Michail", "Mikhael"], ["Andrei", "Andrey", "Andrej"],
            ["Nikolai", "Nikolay", "Nicolai"], ["Vladimir", "Wladimir"],
            ["Yevgeny", "Evgeny", "Evgeniy", "Jewgeni"], ["Pyotr", "Petr", "Piotr"],
            ["Anatoly", "Anatoli", "Anatolij"], ["Valery", "Valeri", "Valerij"],
            ["Gennady", "Gennadi", "Gennadiy"], ["Vyacheslav", "Viacheslav", "Wjatscheslaw"],
            ["Tatyana", "Tatiana", "Tatjana"], ["Natalya", "Natalia", "Natalja"],
            ["Yelena", "Elena", "Jelena"], ["Olga"], ["Irina"], ["Maria", "Mariya"],
            ["Ksenia", "Kseniya", "Xenia"], ["Ivan", "Iwan"], ["Oleg"], ["Boris"],
        ],
        "roots": [
            "Kuznets", "Ivan", "Smirn", "Pop", "Sokol", "Lebed", "Kozl", "Novik", "Moroz",
            "Volk", "Zaits", "Pavl", "Semyon", "Golub", "Vinograd", "Bogdan", "Vorob",
            "Fyodor", "Mikhail", "Belyak", "Tarasenk", "Belous", "Komar", "Orl", "Kisel",
            "Makar", "Andrey", "Kovalyov", "Ilyin", "Gusev", "Titov", "Kuzmin", "Kudryavts",
            "Baran", "Kulik", "Alexeyev", "Stepan", "Yakovl", "Sorokin", "Sergeyev", "Romanov",
            "Zakharov", "Borisov", "Korolyov", "Gerasim", "Ponomaryov", "Grigoryev", "Lazarev",
            "Medvedev", "Yershov", "Nikitin", "Sobolev", "Ryabov", "Polyakov", "Tsvetkov",
            "Danilov", "Zhukov", "Frolov", "Zhuravlyov", "Nikolayev", "Krylov", "Maximov",
            "Sidorov", "Osipov", "Belousov", "Fedotov", "Dorofeyev", "Yegorov", "Matveyev",
            "Bobrov", "Dmitriyev", "Kalinin", "Anisimov", "Petukhov", "Antonov", "Timofeyev",
            "Nikiforov", "Veselov", "Filippov", "Markov", "Bolshakov", "Sukhanov", "Mironov",
            "Shiryayev", "Alexandrov", "Konovalov", "Shestakov", "Kazakov", "Yefimov",
            "Denisov", "Gromov", "Fomin", "Davydov", "Melnikov", "Shcherbakov", "Blinov",
            "Kolesnikov", "Karpov", "Afanasyev", "Vlasov", "Maslov", "Isakov", "Tikhonov",
            "Aksyonov", "Gavrilov", "Rodionov", "Kotov", "Gorbunov", "Kudryashov", "Bykov",
            "Zuyev", "Tretyakov", "Savelyev", "Panov", "Rybakov", "Suvorov", "Abramov",
            "Voronov", "Mukhin", "Arkhipov", "Trofimov", "Martynov", "Yemelyanov", "Gorshkov",
            "Chernov", "Ovchinnikov", "Seleznyov", "Panfilov", "Kopylov", "Mikheyev",
            "Galkin", "Nazarov", "Lobanov", "Lukin", "Belyakov", "Potapov", "Nekrasov",
            "Khokhlov", "Zhdanov", "Naumov", "Shilov", "Vorontsov", "Yermakov", "Drozdov",
        ],
        "endings": ["ov", "ov", "ev", "sky", "in"],
    },
    "hy": {
        "first": [
            ["Armen", "Armén"], ["Tigran", "Dikran"], ["Hovhannes", "Ovanes", "Hovanes"],
            ["Grigor", "Krikor"], ["Vardan", "Vartan"], ["Gevorg", "Kevork", "Georg"],
            ["Hakob", "Hagop", "Akop"], ["Karen"], ["Davit", "Davith"],
            ["Aram"], ["Ashot"], ["Levon"], ["Anahit", "Anaid"], ["Lusine", "Lousine"],
            ["Mher", "Mger"], ["Narek"], ["Samvel", "Samuel"], ["Artur", "Arthur"],
            ["Sargis", "Sarkis"], ["Hayk", "Haik", "Haig"],
        ],
        "roots": [
            "Harutyun", "Hovhannis", "Grigor", "Sargs", "Petros", "Khachatr", "Gasp",
            "Vardan", "Karapet", "Mkrtch", "Avetis", "Hakob", "Mnatsakan", "Ghazar",
            "Manuk", "Poghos", "Sahak", "Stepan", "Abraham", "Galst", "Martiros", "Arakel",
            "Tovmas", "Hambardzum", "Melkon", "Simon", "Zakar", "Ghukas", "Minas", "Yeghiaz",
            "Babay", "Balay", "Danielyan", "Ohan", "Melikset", "Kocharyan", "Ter-Petros",
            "Markar", "Nazar", "Hovsep", "Arzum", "Aghajan", "Kirakos", "Barsegh", "Vahan",
            "Torosyan", "Tadevos", "Gabriel", "Mikael", "Musheg", "Sahakyan", "Ayvaz",
        ],
        "endings": ["yan", "yan", "yants"],
    },
    "az": {
        "first": [
            ["Ilham", "Ilgam"], ["Heydar", "Geidar", "Heidar"], ["Ramiz", "Ramis"],
            ["Elmar", "Elmir"], ["Rasim", "Rassim"], ["Fuad", "Fouad"], ["Jeyhun", "Ceyhun"],
            ["Vugar", "Vuqar", "Wugar"], ["Tural"], ["Zaur", "Zaour"], ["Elnur", "Elnour"],
            ["Leyla", "Leila", "Lejla"], ["Gunel", "Gyunel"], ["Aynur", "Aynour"],
            ["Rashad", "Rashat"], ["Anar"], ["Farid", "Fariz"], ["Kamran"], ["Javid", "Cavid"],
        ],
        "roots": [
            "Mammad", "Huseyn", "Hasan", "Abbas", "Guliy", "Ismayil", "Rahim", "Jafar",
            "Karim", "Nasir", "Suleyman", "Bagir", "Mehdi", "Rustam", "Samad", "Askar",
            "Najaf", "Veliy", "Gasim", "Babay", "Musay", "Yusif", "Bakhtiyar", "Ibrahim",
            "Shahbaz", "Jalil", "Zeynal", "Sadig", "Garay", "Mahmud", "Kazim", "Novruz",
            "Salah", "Tahir", "Sabir", "Javad", "Farhad", "Akhund", "Nuriy", "Isgandar",
        ],
        "endings": ["ov", "ov", "ova", "li", "zade"],
    },
    "ar": {
        "first": [
            ["Mohammed", "Muhammad", "Mohamed", "Mohammad", "Mukhammed"],
            ["Ahmed", "Ahmad", "Achmed"], ["Abdullah", "Abdallah", "Abdulla"],
            ["Yusuf", "Youssef", "Yousef", "Yussuf"], ["Omar", "Umar"], ["Khalid", "Khaled"],
            ["Hussein", "Husain", "Hussain", "Husayn"], ["Mahmoud", "Mahmud"],
            ["Mustafa", "Moustafa", "Mostafa"], ["Ibrahim", "Ebrahim"], ["Hassan", "Hasan"],
            ["Fatima", "Fatma", "Fatemeh"], ["Aisha", "Aicha", "Ayesha"], ["Karim", "Kareem"],
            ["Tariq", "Tarek", "Tarik"], ["Walid", "Waleed"], ["Said", "Saeed", "Sayed"],
        ],
        "roots": [
            "Rashid", "Masri", "Haddad", "Khoury", "Hashemi", "Tamimi", "Shami", "Najjar",
            "Qasim", "Zahrani", "Ghamdi", "Otaibi", "Harbi", "Mutairi", "Shehri", "Qahtani",
            "Dosari", "Anazi", "Jaber", "Sabah", "Thani", "Nahyan", "Maktoum", "Khalifa",
            "Farsi", "Sharif", "Kabir", "Amin", "Bakr", "Darwish", "Hakim", "Jamal",
            "Kassab", "Mansour", "Nasser", "Qureshi", "Sayegh", "Tahan", "Yasin", "Zayed",
        ],
        "endings": ["", "", "i"],
        "prefix": ["al-", "al-", ""],
    },
    "uk": {
        "first": [
            ["Volodymyr", "Wolodymyr", "Vladimir"], ["Oleksandr", "Olexandr", "Aleksandr"],
            ["Mykola", "Mikola", "Nikolai"], ["Andriy", "Andrii", "Andrij"],
            ["Yuliya", "Yulia", "Julia"], ["Vitaliy", "Vitali", "Vitalii"],
            ["Petro", "Pietro"], ["Oleksiy", "Oleksii", "Olexiy"], ["Serhiy", "Serhii"],
            ["Dmytro", "Dmitro"], ["Iryna", "Irina"], ["Kateryna", "Katerina"],
        ],
        "roots": [
            "Shevch", "Kovalench", "Bondar", "Tkach", "Kravch", "Oliynyk", "Shevchuk",
            "Koval", "Polishchuk", "Lysenk", "Marchenk", "Moroz", "Petrenk", "Rudenk",
            "Savchenk", "Vasylenk", "Zinchenk", "Klymenk", "Pavlenk", "Tymoshenk",
            "Kuchm", "Yanukovych", "Poroshenk", "Kravchuk", "Hrytsenk", "Symonenk",
            "Melnych", "Honchar", "Kushnir", "Hnatyuk", "Boyko", "Kostenk", "Levch",
        ],
        "endings": ["enko", "enko", "uk", "chuk", ""],
    },
    "ka": {
        "first": [
            ["Giorgi", "Georgi", "Guiorgui"], ["Levan", "Lewan"], ["Irakli", "Irakly"],
            ["Zurab", "Surab"], ["Nino"], ["Tamar", "Tamara"], ["Davit", "Dawit"],
            ["Mikheil", "Mikhail", "Micheil"], ["Salome", "Salomé"], ["Eduard", "Edward"],
        ],
        "roots": [
            "Beridz", "Kapanadz", "Gelashv", "Maisuradz", "Giorgadz", "Lomidz", "Tsiklauri",
            "Kvaratskhel", "Margvelashv", "Gharibashv", "Zurabashv", "Natelashv",
            "Javakhishv", "Chkheidz", "Mchedlidz", "Abashidz", "Bakradz", "Tsereteli",
            "Kobakhidz", "Garibashv", "Kharaishv", "Bregadz", "Khvichia", "Janelidz",
        ],
        "endings": ["e", "ili", "shvili", "dze"],
    },
    "tr": {
        "first": [
            ["Mehmet", "Mehmed", "Mahmet"], ["Mustafa", "Moustafa"], ["Ahmet", "Ahmed"],
            ["Hüseyin", "Huseyin", "Husseyin"], ["Yaşar", "Yasar"], ["Çağlar", "Caglar"],
            ["Gökhan", "Gokhan"], ["Özlem", "Ozlem"], ["Şükrü", "Sukru"], ["Emre"],
            ["Selin"], ["Burak"], ["Ayşe", "Ayse"], ["Ömer", "Omer"],
        ],
        "roots": [
            "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk",
            "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara",
            "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Özcan", "Korkmaz", "Çakır",
            "Erdem", "Yavuz", "Güneş", "Aksoy", "Bulut", "Güler", "Akar", "Soylu",
        ],
        "endings": [""],
    },
}

# Transliteration swaps on surnames, applied to the lower-cased name (then re-capitalised).
# Each entry: (what, replacements[, only at the end]).
_SWAP_TABLE: list[tuple] = [
    ("yev", ("iev", "jev", "yeff", "iew"), True),
    ("yov", ("ev", "iov", "jow"), True),
    ("ov", ("off", "ow", "of"), True),
    ("ova", ("owa", "offa"), True),
    ("ev", ("eff", "ew"), True),
    ("sky", ("ski", "skiy", "skij"), True),
    ("yan", ("ian", "jan", "yann"), True),
    ("yants", ("iants", "janz"), True),
    ("enko", ("enco", "enka"), True),
    ("shvili", ("schwili", "chvili", "shwili"), True),
    ("dze", ("dse", "dzé"), True),
    ("zade", ("zadeh", "sade"), True),
    ("li", ("ly", "lu"), True),
    ("kh", ("ch", "h", "x")),
    ("sh", ("ch", "sch", "sz")),
    ("ch", ("tch", "tsch", "cz")),
    ("zh", ("j", "sch", "zj")),
    ("ts", ("tz", "c", "z")),
    ("ya", ("ia", "ja")),
    ("yu", ("iu", "ju")),
    ("y", ("i", "j")),
    ("u", ("ou", "oo")),
    ("j", ("dj", "dzh", "c")),
    ("q", ("k", "g", "gh")),
    ("gh", ("g", "kh")),
    ("ı", ("i",)),
    ("ş", ("s", "sh")),
    ("ç", ("c", "ch")),
    ("ğ", ("g", "")),
    ("ö", ("o", "oe")),
    ("ü", ("u", "ue")),
    ("al-", ("el-", "Al-", "al ")),
    ("ss", ("s",)),
    ("ou", ("u", "oo")),
    ("ee", ("i",)),
    ("ai", ("ay", "ei")),
    ("a", ("o", "e")),
    ("i", ("y", "e")),
]
# fmt: on
SWAPS = [(what, repls, bool(at_end)) for what, repls, *at_end in _SWAP_TABLE]

# Names that belong to the shipped names.toml rules (or are its canonical forms): generated
# aliases must not collide with them when --with-defaults loads both.
SHIPPED_WORDS = set(
    _words(
        "aliev alijev alijew aliyev alieva aliyeva pashinian pashinyan pachinian pahshinyan "
        "margarian margaryan mnatsakanian mnatsakanyan shoygu shoigu karabak karabagh karabach "
        "karabaj karabakh sarkisian sarkisyan sarkissyan sarkissian harutiunian harutyunyan "
        "hajiev hajiyev bayramov baïramov hasanov gasanov hasanow ayvazyan aivazian aivazyan "
        "ayvazian hovhannisyan ovannisian ovannisyan hovannisyan artsaj arzach artsakh mir mger "
        "schoffer stagnant artisan artesian ganja gyanja lachin hadrut jabrayil fuzuli kalbajar "
        "aghdam tartar terter zangilan mingachevir armenpress stepanakert stepanakart "
        "arutyunyan haroutiounian yasar"
    )
)


def _capitalise(name: str) -> str:
    """``al-rashid`` -> ``al-Rashid``, ``ter-petrosyan`` -> ``Ter-Petrosyan``."""
    parts = regex.split(r"([- ])", name)
    out = []
    for i, part in enumerate(parts):
        if i == 0 and part in ("al", "el") and len(parts) > 1:
            out.append(part)
        elif part and part[0].isalpha():
            out.append(part[0].upper() + part[1:])
        else:
            out.append(part)
    return "".join(out)


def _swap(name: str, rng: random.Random) -> str | None:
    """One or two transliteration swaps on a surname; None when none applies."""
    low = name.lower()
    for _ in range(rng.choice((1, 1, 2))):
        options = []
        for what, repls, at_end in SWAPS:
            if at_end:
                if low.endswith(what) and len(low) > len(what) + 2:
                    options.append((len(low) - len(what), what, repls))
            else:
                at = low.find(what, 1)  # never the first letter: it stays recognisable
                if at > 0:
                    options.append((at, what, repls))
        if not options:
            break
        at, what, repls = rng.choice(options)
        low = low[:at] + rng.choice(repls) + low[at + len(what) :]
    result = _capitalise(low)
    return result if result != name else None


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    middle: str  # "" or a patronymic
    surname: str
    culture: str

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.surname) if p)


def _surnames(root: str, endings: list[str]) -> set[str]:
    """The surnames a root makes: whole surnames stay, stems take the culture's endings."""
    if root.endswith(("ov", "ev", "in", "yan", "yants", "uk", "ch", "ko", "ri", "li", "ia")):
        return {root}
    if root.endswith("enk"):
        return {root + "o"}
    if root.endswith("dz"):
        return {root + "e"}
    if root.endswith("shv"):
        return {root + "ili"}
    return {root + ending for ending in endings if not (ending == "i" and root.endswith("i"))}


# Syllables for more surname stems than the lists above hold (Belashov, Vartikyan...): a
# 100,000-alias table needs some 40,000 people.
# fmt: off
STEM_PARTS = {
    "ru": ("Bel Vor Kol Mal Sen Tar Zel Gor Mik Sav Dub Lis Kras Zhur Shel Pro Ryb Tsar Yag "
           "Chug Ost Med Pol Grom Kor", "ash ek ik an ush ar et yak ich in ov ok en ul"),
    "hy": ("Var Ash Gev Mkh Tat Nor Hra Mel Sar Hak Ter Avag Khach Ghar Ohan Arzh Bag Dav",
           "tik ber gin os an ar ek ush es ag um ik"),
    "az": ("Gul Mir Sah Nur Jab Aga Sel Ism Ves Huss Tal Ram Kham Shir Bab Kaz Hey",
           "ak ar im ul an ib ez ud at ir"),
    "ar": ("Qas Naj Had Sul Bas Far Zah Ham Sab Kar Tah Mas Jaz Raf Wal", "ir im an ar ud ar awi"),
    "uk": ("Hry Pet Bon Tkach Sav Kuz Mar Oles Vas Dan Yar Bor Lyt Hal", "ch enk yuk ets ar"),
    "ka": ("Gel Kap Lom Tsik Mchedl Jan Kob Bakr Mach Gog Tsag Nadar", "adz ashv idz ishv ur"),
    "tr": ("Ak Kar Yıl Öz Ay Er Gün Tek Şen Bal Kor Ulu Sar Tun Gök", "soy kan doğan tepe çay er"),
}

# fmt: on


def _stems(culture: str) -> list[str]:
    starts, ends = (part.split() for part in STEM_PARTS[culture])
    return [start + end.lower() for start in starts for end in ends]


def build_people(rng: random.Random) -> list[Person]:
    """Every canonical person of the name universe, shuffled (some 70,000)."""
    people: list[Person] = []
    for culture, data in sorted(CULTURES.items()):
        surnames = set()
        for root in [*data["roots"], *_stems(culture)]:
            for base in _surnames(root, data["endings"]):
                for prefix in data.get("prefix", [""]):
                    surnames.add(_capitalise((prefix + base).lower()))
        surnames = sorted(s for s in surnames if s.lower() not in SHIPPED_WORDS)
        for first in data["first"]:
            for surname in surnames:
                middle = ""
                if culture == "ru" and rng.random() < 0.15:
                    father = rng.choice(data["first"])[0]
                    middle = father + ("ovich" if not father.endswith(("i", "y")) else "yevich")
                people.append(Person(first[0], middle, surname, culture))
    rng.shuffle(people)
    return people


def build_aliases(people: list[Person], total: int, rng: random.Random) -> list[tuple[str, str]]:
    """``total`` (variant, canonical) pairs, every variant unique and never a canonical form.

    The first ten are full names only (two or three words) so that the 10-alias set can be
    written as one hand-written rule per person without one variant nesting in another.
    """
    first_variants = {first[0]: first[1:] for data in CULTURES.values() for first in data["first"]}
    canonicals = {p.full for p in people} | {p.surname for p in people}
    canonical_folded = {c.casefold() for c in canonicals}
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(variant: str, canonical: str) -> None:
        key = variant.casefold()
        words = {w.casefold() for w in regex.findall(r"\w+", variant)}
        if key in seen or key in canonical_folded or words & SHIPPED_WORDS:
            return
        if not regex.fullmatch(r"\w(?:.*\w)?", variant):
            return
        seen.add(key)
        pairs.append((variant, canonical))

    for person in people:
        if len(pairs) >= total:
            break
        core = len(pairs) < 10
        wanted = rng.choice((1, 1, 2, 2, 3))
        before = len(pairs)
        for _ in range(wanted * 2):  # some attempts produce nothing new
            kind = rng.random()
            first = person.first
            surname = person.surname
            if kind < 0.35 or not first_variants[first]:
                surname = _swap(surname, rng) or ""
            elif kind < 0.55:
                first = rng.choice(first_variants[first])
            else:
                first = rng.choice(first_variants[first])
                surname = _swap(surname, rng) or surname
            if not surname:
                continue
            if not core and kind > 0.85 and surname != person.surname:
                add(surname, person.surname)  # the bare surname: one word
            else:
                variant = " ".join(p for p in (first, person.middle, surname) if p)
                add(variant, person.full)
            if len(pairs) >= total or len(pairs) - before >= wanted:
                break
    if len(pairs) < total:
        raise SystemExit(f"name universe too small: {len(pairs)} aliases, {total} wanted")
    return pairs[:total]


# --- corpus ------------------------------------------------------------------------------

WORDS = regex.compile(r"\w+")


NOUNS = _words(
    "government ministry army talks ceasefire agreement parliament election vote report "
    "statement official spokesman delegation region border city village district economy "
    "budget company market investors prices inflation bank court judge trial police "
    "protest rally crowd opposition party coalition leader president minister ambassador "
    "summit meeting conference committee council sanctions pipeline gas oil exports "
    "imports trade deal contract tender project road bridge airport railway school "
    "hospital doctors patients vaccine outbreak refugees aid convoy troops peacekeepers "
    "shelling attack drone missile casualties civilians soldiers negotiations mediators "
    "observers mission corridor checkpoint territory capital province referendum decree "
    "law amendment constitution reform tax pension wages workers strike union farmers "
    "harvest drought flood storm power grid energy reactor plant factory jobs growth "
    "forecast quarter survey poll campaign candidate rival ally neighbour partner "
    "newspaper broadcaster agency journalist editor statement interview website media"
)
VERBS = _words(
    "said announced confirmed denied warned urged rejected accepted signed approved "
    "criticised welcomed condemned reported claimed insisted promised demanded proposed "
    "discussed postponed cancelled launched suspended resumed extended blocked opened "
    "closed visited met called told added noted stressed acknowledged estimated expected"
)
ADJS = _words(
    "new former senior local regional national foreign military economic political "
    "official independent international joint temporary permanent fragile tense heavy "
    "major minor early late final public private state-run opposition-leaning "
    "humanitarian diplomatic annual quarterly key long-awaited controversial"
)
TITLES = _words(
    (
        "President|Prime Minister|Foreign Minister|Defence Minister|Finance Minister|spokesman|"
        "spokeswoman|lawmaker|Ambassador|General|Colonel|deputy minister|mayor|governor|"
        "analyst|professor|correspondent|chief executive|chairman|envoy|opposition leader"
    ),
    "|",
)
PLACES = _words(
    (
        "Moscow|Kyiv|Tbilisi|Ankara|Istanbul|Baku|Yerevan|Tehran|Riyadh|Cairo|Brussels|Geneva|"
        "Vienna|Washington|London|Paris|Berlin|Minsk|Almaty|Tashkent|Doha|Dubai|Beirut|Amman|"
        "Gyumri|Batumi|Kutaisi|Odesa|Kharkiv|Sochi|Kazan|Novosibirsk|the Caucasus|the Black Sea"
    ),
    "|",
)
ORGS = _words(
    (
        "the United Nations|the European Union|NATO|the OSCE|the World Bank|the IMF|the Kremlin|"
        "the State Department|the Red Cross|Reuters|the Associated Press|AFP|TASS|Interfax|"
        "Anadolu Agency|Al Jazeera|the BBC|Gazprom|Rosneft|SOCAR|BP|the central bank"
    ),
    "|",
)
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = "January February March April May June July August September October November December"
MONTHS_L = _words(MONTHS)
# Variants of the shipped names.toml rules, so --with-defaults has something to do.
SHIPPED_MENTIONS = [
    "Ilham Aliev",
    "Nikol Pashinian",
    "Nagorno Karabakh",
    "Sergey Shoygu",
    "Karabagh",
    "Araik Harutyunyan",
    "Zohrab Mnatsakanian",
    "Ganja",
    "Nagorny Karabakh",
]

TEMPLATES = [
    "{P}, the {adj} {title}, {verb} on {day} that the {noun} would {inf} the {noun2}.",
    "In {place}, {P} {verb} the {noun} was {adj} and {verb2} {org} to act.",
    '"The {noun} is {adj}," {P} {verb} in an interview with {org}.',
    "{Org} {verb} {num} {noun}s in {place} on {day}, according to {P}.",
    "{P} and {P2} {verb} the {adj} {noun} during a {noun2} in {place} in {month}.",
    "The {noun} in {place} {verb} after {num} {noun2}s, {P} told reporters.",
    "Officials in {place} {verb} the {noun}, but {P} {verb2} that the {noun2} was {adj}.",
    "{Title} {P} {verb} the {noun} with {P2}, the {title2} of {place}.",
    "According to {org}, the {adj} {noun} {verb} {num} per cent in {month}.",
    "{P} {verb} that {org} had {verb2} the {noun} and the {noun2}.",
    "The {adj} {noun} was {verb} by {P}, who {verb2} the {noun2} in {place}.",
    "{Num} {noun}s were {verb} near {place} on {day}, {org} {verb2}.",
    "Speaking in {place}, {P} {verb} the {noun} a {adj} {noun2}.",
    "Asked about the {noun}, {P} {verb} only that the {noun2} remained {adj}.",
    "The {noun} between {place} and {place2} {verb} on {day}, {P} {verb2}.",
    "{P}'s {noun} {verb} the {adj} {noun2} in {month}, {org} reported.",
]
INFINITIVES = _words(
    "delay review approve block extend support reject expand limit restore replace "
    "strengthen weaken end resume"
)


class CorpusWriter:
    """Documents of 2-5 KB, deterministic for a seed, with names at a set rate."""

    def __init__(
        self,
        rng: random.Random,
        people: list[Person],
        core: list[tuple[str, str]],
        wide: list[tuple[str, str]],
        variant_share: float,
    ) -> None:
        self.rng = rng
        self.people = people
        self.core = [v for v, _ in core]
        self.wide = [v for v, _ in wide]
        self.variant_share = variant_share

    def person(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < self.variant_share:  # a variant spelling: half core, half any of the table
            return rng.choice(self.core if rng.random() < 0.5 else self.wide)
        if roll < self.variant_share + 0.004:
            return rng.choice(SHIPPED_MENTIONS)
        person = rng.choice(self.people)
        return person.full if rng.random() < 0.75 else person.surname

    def sentence(self) -> str:
        rng = self.rng
        template = rng.choice(TEMPLATES)
        fill = {
            "P": self.person(),
            "P2": self.person(),
            "adj": rng.choice(ADJS),
            "title": rng.choice(TITLES),
            "title2": rng.choice(TITLES),
            "verb": rng.choice(VERBS),
            "verb2": rng.choice(VERBS),
            "noun": rng.choice(NOUNS),
            "noun2": rng.choice(NOUNS),
            "inf": rng.choice(INFINITIVES),
            "place": rng.choice(PLACES),
            "place2": rng.choice(PLACES),
            "org": rng.choice(ORGS),
            "day": rng.choice(DAYS),
            "month": rng.choice(MONTHS_L),
            "num": str(rng.randint(2, 900)),
        }
        fill["Org"] = fill["org"][0].upper() + fill["org"][1:]
        fill["Title"] = fill["title"][0].upper() + fill["title"][1:]
        fill["Num"] = fill["num"]
        return template.format(**fill)

    def document(self) -> str:
        rng = self.rng
        target = rng.randint(2000, 5000)
        head = f"{rng.choice(PLACES).upper()} ({rng.choice(ORGS).removeprefix('the ')})"
        paragraphs: list[str] = []
        size = 0
        while size < target:
            paragraph = " ".join(self.sentence() for _ in range(rng.randint(2, 5)))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        return f"{head}\n\n" + "\n\n".join(paragraphs) + "\n"


def build_corpus(
    megabytes: float, seed: int, people: list[Person], pairs: list[tuple[str, str]]
) -> list[str]:
    rng = random.Random(seed * 7919 + 1)
    # About one name slot per 12 words; one slot in 16 holds a variant: ~1 variant per 200
    # words, half of them in the 10-alias set (so every set matches at least that rate).
    writer = CorpusWriter(rng, people, pairs[:10], pairs, variant_share=1 / 16)
    docs: list[str] = []
    total = 0
    limit = int(megabytes * MB)
    while total < limit:
        doc = writer.document()
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


# --- rule files --------------------------------------------------------------------------


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_rules(path: Path, pairs: list[tuple[str, str]]) -> int:
    """Write ``pairs`` as alias rules; returns the number of rules."""
    lines = [f"# {len(pairs)} generated aliases (bench/names_bench.py)", ""]
    if len(pairs) <= 100:
        groups: dict[str, list[str]] = {}
        for variant, canonical in pairs:
            groups.setdefault(canonical, []).append(variant)
        for number, (canonical, variants) in enumerate(groups.items()):
            lines += [
                "[[rule]]",
                f'id = "bench.person-{number}"',
                f"description = {_q(canonical + ': ' + ', '.join(variants) + ' -> ' + canonical)}",
                'kind = "alias"',
                f"canonical = {_q(canonical)}",
                f"variants = [{', '.join(_q(v) for v in variants)}]",
                f"examples = [{{ input = {_q('Officials said ' + variants[0] + ' arrived.')}, "
                f"expected = {_q('Officials said ' + canonical + ' arrived.')} }}]",
                f"unchanged = [{_q('Officials said ' + canonical + ' arrived.')}]",
                "",
            ]
        rules = len(groups)
    else:
        variant, canonical = pairs[0]
        lines += [
            "[[rule]]",
            f'id = "bench.names-{len(pairs)}"',
            f'description = "{len(pairs)} generated person-name transliterations."',
            'kind = "alias"',
            f"examples = [{{ input = {_q('Officials said ' + variant + ' arrived.')}, "
            f"expected = {_q('Officials said ' + canonical + ' arrived.')} }}]",
            f"unchanged = [{_q('Officials said ' + canonical + ' arrived.')}]",
            "",
            "[rule.map]",
            *(f"{_q(v)} = {_q(c)}" for v, c in pairs),
            "",
        ]
        rules = 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return rules


# --- measuring ---------------------------------------------------------------------------


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Median wall time of ``repeats`` runs (GC collected before each), and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def splice(text: str, matches: Iterable) -> tuple[str, int]:
    pieces = []
    cursor = 0
    count = 0
    for m in matches:
        pieces.append(text[cursor : m.start])
        pieces.append(m.replacement)
        cursor = m.end
        count += 1
    if not count:
        return text, 0
    pieces.append(text[cursor:])
    return "".join(pieces), count


def run_find(index: AliasIndex, docs: list[str]) -> tuple[list[str], int]:
    out = []
    total = 0
    for text in docs:
        new, count = splice(text, index.find(text, "en"))
        out.append(new)
        total += count
    return out, total


def run_step(ctx: Context, documents: list[Document]) -> int:
    changes = 0
    for doc in documents:
        for batch in names_step.run(doc, ctx):
            doc.apply(batch)
        changes += len(doc.changes)
    return changes


def make_documents(docs: list[str]) -> list[Document]:
    documents = []
    for number, text in enumerate(docs):
        doc = Document(f"doc{number}", text)
        doc.language = "en"
        documents.append(doc)
    return documents


def baseline_patterns(pairs: list[tuple[str, str]]) -> list[tuple[regex.Pattern[str], str]]:
    return [
        (regex.compile(r"\b" + regex.escape(v) + r"\b"), c.replace("\\", "\\\\")) for v, c in pairs
    ]


def run_baseline(patterns: list[tuple[regex.Pattern[str], str]], docs: list[str]) -> list[str]:
    out = []
    for text in docs:
        for pattern, replacement in patterns:
            text = pattern.sub(replacement, text)
        out.append(text)
    return out


def engine_version() -> str:
    """Which engine was measured: the commit, and a hash of the two files that matter."""
    digest = hashlib.sha256()
    for name in ("aliases.py", "rules.py"):
        digest.update((ROOT / "cleaner" / name).read_bytes())
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return f"git {commit}, aliases.py+rules.py sha256 {digest.hexdigest()[:12]}"


def profile(label: str, fn: Callable[[], object], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    print(f"\n### profile: {label} (sorted by own time)\n\n```", file=sys.stderr)
    lines = stream.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(lines[max(0, start - 4) :]), file=sys.stderr)
    print("```", file=sys.stderr)


def _times(factor: float) -> str:
    return f"{factor:.2g}x" if factor < 10 else f"{factor:,.0f}x"


@dataclass(frozen=True, slots=True)
class Corpus:
    docs: list[str]
    size: int  # UTF-8 bytes
    words: int
    fingerprint: str
    sample: list[str]  # the first documents, for the slow baselines
    sample_size: int


def make_corpus(docs: list[str], sample_kb: float) -> Corpus:
    sizes = [len(d.encode("utf-8")) for d in docs]
    count = 0
    sample_size = 0
    while count < len(docs) and sample_size < sample_kb * 1000:
        sample_size += sizes[count]
        count += 1
    return Corpus(
        docs,
        sum(sizes),
        sum(len(WORDS.findall(d)) for d in docs),
        hashlib.sha256("\0".join(docs).encode()).hexdigest()[:12],
        docs[:count],
        sample_size,
    )


@dataclass(frozen=True, slots=True)
class Row:
    size: int
    rules: int
    file_kb: float
    load_s: float
    toml_s: float
    index_s: float
    find_mbs: float
    step_mbs: float
    matches: int
    base_mbs: float
    base_note: str
    agree: str


def status(*parts: object) -> None:
    """Progress goes to stderr; the report (markdown) to stdout."""
    print(*parts, file=sys.stderr, flush=True)


def measure(
    size: int, pairs: list[tuple[str, str]], corpus: Corpus, folder: Path, args: argparse.Namespace
) -> Row:
    path = folder / f"aliases_{size}.toml"
    n_rules = write_rules(path, pairs[:size])
    paths = [SHIPPED_NAMES, path] if args.with_defaults else [path]
    if args.with_defaults:
        n_rules += len(load_rules([SHIPPED_NAMES], defaults=False))

    # (a) Loading: cheap enough for a median of at least 5 (the machine is noisy).
    def load() -> tuple[RuleSet, AliasIndex]:
        rules = load_rules(paths, defaults=False)
        return rules, AliasIndex(rules)

    load_repeats = max(args.repeats, 5)
    toml_s, _ = timed(lambda: tomllib.loads(path.read_text("utf-8")), load_repeats)
    load_s, (rules, index) = timed(load, load_repeats)
    index_s, _ = timed(lambda: AliasIndex(rules), load_repeats)
    status(f"[{size}] load+index {load_s:.3f} s (tomllib {toml_s:.3f}, index {index_s:.3f})")

    # (b) The names step alone. A pass over 20 s is not repeated.
    docs = corpus.docs
    once, (found_docs, matches) = timed(lambda: run_find(index, docs), 1)
    repeats = args.repeats if once < 20 else 1
    find_s = statistics.median(
        [once, *(timed(lambda: run_find(index, docs), 1)[0] for _ in range(repeats - 1))]
    )
    find_mbs = corpus.size / MB / find_s
    status(f"[{size}] find {find_s:.2f} s = {find_mbs:.2f} MB/s, {matches:,} replacements")

    step_mbs = float("nan")
    if not args.no_step:
        ctx = Context.build(Options(), rules)
        step_times = []
        for _ in range(repeats):
            documents = make_documents(docs)  # fresh each time: apply() changes them
            gc.collect()
            start = time.perf_counter()
            changes = run_step(ctx, documents)
            step_times.append(time.perf_counter() - start)
        step_s = statistics.median(step_times)
        step_mbs = corpus.size / MB / step_s
        status(f"[{size}] step {step_s:.2f} s = {step_mbs:.2f} MB/s")
        if changes != matches:
            status(f"[{size}] note: the step logged {changes} changes, find gave {matches}")

    if args.profile == size:
        profile(f"load_rules + AliasIndex, {size:,} aliases", load, 25)
        part = docs[: max(1, len(docs) // 10)]
        profile(
            f"find over {len(part)} documents, {size:,} aliases", lambda: run_find(index, part), 25
        )

    # (c) Baseline: one regex.sub per alias. The whole corpus when that is at most ~10
    # passes over 25 MB; else the first documents, and above --baseline-aliases an evenly
    # spaced sample of the aliases; both extrapolated linearly.
    base_pairs = pairs[:size]
    alias_factor = 1.0
    if size > args.baseline_aliases:
        spacing = size / args.baseline_aliases
        base_pairs = [pairs[int(i * spacing)] for i in range(args.baseline_aliases)]
        alias_factor = size / len(base_pairs)
    on_full = size * corpus.size <= 10 * 25 * MB
    base_docs = docs if on_full else corpus.sample
    base_size = corpus.size if on_full else corpus.sample_size
    patterns = baseline_patterns(base_pairs)  # compiled outside the timer
    base_repeats = args.repeats if size <= 1000 else 1
    base_s, base_out = timed(lambda: run_baseline(patterns, base_docs), base_repeats)
    base_mbs = corpus.size / MB / (base_s * alias_factor * corpus.size / base_size)
    if on_full:
        note = "measured, whole corpus"
    elif alias_factor == 1:
        note = f"first {base_size / 1000:.0f} KB, extrapolated"
    else:
        note = (
            f"{len(base_pairs):,} of {size:,} aliases on first {base_size / 1000:.0f} KB, "
            "extrapolated"
        )
    agree = "-"  # a sample of the aliases cannot give the same output
    if args.with_defaults:
        agree = "- (baseline has no shipped rules)"
    elif alias_factor == 1:
        differ = sum(1 for a, b in zip(found_docs, base_out, strict=False) if a != b)
        agree = "all docs equal" if not differ else f"{differ} of {len(base_docs)} docs differ"
    status(f"[{size}] baseline {base_s:.2f} s ({note}) = {base_mbs:.3g} MB/s; {agree}")
    return Row(
        size,
        n_rules,
        path.stat().st_size / 1000,
        load_s,
        toml_s,
        index_s,
        find_mbs,
        step_mbs,
        matches,
        base_mbs,
        note,
        agree,
    )


def report(rows: list[Row], corpus: Corpus, args: argparse.Namespace, load_before: float) -> bool:
    """Print the markdown report; True when the done-when criteria were evaluated and met."""
    print("## names step benchmark\n")
    print(f"- command: `{' '.join(['python', *sys.argv])}`")
    print(f"- engine: {engine_version()}")
    print(
        f"- corpus: {len(corpus.docs):,} documents (2-5 KB), {corpus.size / MB:.1f} MB, "
        f"{corpus.words:,} words, seed {args.seed}, sha256 {corpus.fingerprint}"
    )
    print(
        "- rules: shipped names.toml + generated aliases (load_rules(..., defaults=False))"
        if args.with_defaults
        else "- rules: generated aliases only (load_rules([file], defaults=False))"
    )
    print(
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.python_implementation()} {platform.python_version()}, regex "
        f"{regex.__version__}; load average {load_before:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end"
    )
    print(
        f"- timings: wall clock (time.perf_counter); load: median of {max(args.repeats, 5)}; "
        f"throughput: median of {args.repeats} (1 run when a pass takes over 20 s)"
    )
    print()
    print(
        "| aliases | rules | file | load+index | (tomllib) | (index) | find MB/s | step MB/s "
        "| replacements | per 1k words | regex.sub baseline MB/s | find vs baseline "
        "| baseline basis | same output |"
    )
    print("|" + "---|" * 14)
    for r in rows:
        step = "-" if args.no_step else f"{r.step_mbs:.2f}"
        print(
            f"| {r.size:,} | {r.rules} | {r.file_kb:,.0f} KB | {r.load_s:.3f} s | "
            f"{r.toml_s:.3f} s | {r.index_s:.3f} s | {r.find_mbs:.2f} | {step} | "
            f"{r.matches:,} | {1000 * r.matches / corpus.words:.2f} | {r.base_mbs:.3g} | "
            f"{_times(r.find_mbs / r.base_mbs)} | {r.base_note} | {r.agree} |"
        )
    by_size = {r.size: r for r in rows}
    if 10 not in by_size or 100_000 not in by_size:
        print("\n(done-when criteria need sizes 10 and 100000; not evaluated)")
        return True
    small, big = by_size[10], by_size[100_000]
    ratio = big.find_mbs / small.find_mbs
    speed_ok = ratio >= 0.5
    load_ok = big.load_s < 3.0
    step_note = (
        "step: not measured" if args.no_step else f"step: {big.step_mbs / small.step_mbs:.0%}"
    )
    print("\n### done-when criteria\n")
    print(
        f"- names step at 100,000 aliases runs at >= half its speed at 10: find "
        f"{big.find_mbs:.2f} vs {small.find_mbs:.2f} MB/s = {ratio:.0%} ({step_note}) -> "
        f"{'MET' if speed_ok else 'MISSED'}"
    )
    print(
        f"- rules load (load_rules + AliasIndex) in under 3 s at 100,000 aliases: "
        f"{big.load_s:.2f} s -> {'MET' if load_ok else 'MISSED'}"
    )
    return speed_ok and load_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (10^6 bytes)")
    parser.add_argument("--sizes", default="10,1000,100000", help="alias counts, comma-separated")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--repeats", type=int, default=3, help="median of this many runs")
    parser.add_argument(
        "--baseline-kb",
        type=float,
        default=200.0,
        help="slow baselines run on the first documents up to this size (KB)",
    )
    parser.add_argument(
        "--baseline-aliases",
        type=int,
        default=1000,
        help="above this many aliases the baseline runs an evenly spaced sample of this many",
    )
    parser.add_argument("--with-defaults", action="store_true", help="add shipped names.toml")
    parser.add_argument("--no-step", action="store_true", help="skip the names.run measurement")
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also cProfile loading and find at N aliases (to stderr)",
    )
    parser.add_argument("--keep", type=Path, help="write the rule files here, not to a temp dir")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        sizes = []
    if not sizes or sizes[0] < 1 or args.mb <= 0 or args.repeats < 1:
        parser.error(
            "--sizes needs positive whole numbers (10,1000,100000), --mb and "
            "--repeats positive numbers"
        )

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    rng = random.Random(args.seed)
    people = build_people(rng)
    # Always all 100,000 (the corpus draws variants from them), whatever --sizes says, so
    # the corpus is the same for every --sizes.
    pairs = build_aliases(people, max(*sizes, 100_000), rng)
    corpus = make_corpus(build_corpus(args.mb, args.seed, people, pairs), args.baseline_kb)
    status(
        f"corpus: {len(corpus.docs)} documents, {corpus.size / MB:.1f} MB, {corpus.words:,} "
        f"words, sha256 {corpus.fingerprint}; {len(people):,} people; built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    folder = args.keep or Path(tempfile.mkdtemp(prefix="names-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = [measure(size, pairs, corpus, folder, args) for size in sizes]
    met = report(rows, corpus, args, load_before)
    status(f"total {time.perf_counter() - started:.0f} s; rule files in {folder}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
