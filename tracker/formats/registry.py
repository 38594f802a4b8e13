"""The members registry: people, their names and identifiers, parties and seats over time.

Two layouts are read into the same typed records (:class:`RegistryData`):

- mySociety's "UK Politician data" CSVs (``organizations.csv``,
  ``simple_memberships.csv``, ``person_identifiers.csv``,
  ``person_alternative_names.csv``), read by :func:`read_mysociety`;
- the project's own seed layout, ``people.jsonl`` (one person a line, with
  identifiers, aliases and memberships) and ``organizations.csv``, read by
  :func:`read_seed` and written by :func:`write_seed`.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..extract.records import Directory, DirectoryPerson, Seat
from .chambers import CHAMBER_ORGS

TWFY_PREFIX = "uk.org.publicwhip/person/"
_TITLE_SUFFIX = re.compile(r"\s*\((?:[A-Z][a-z]+)\)\s*$")  # "(Lord)", "(Baroness)", "(Marquess)", "(Sir)"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Organization:
    key: str
    name: str
    classification: str  # party | chamber | metro | ...


@dataclass
class MembershipRec:
    key: str  # the registry's membership id
    chamber: str  # commons | lords | scotland | wales | ni | london | crown
    party: str | None  # party organization key
    constituency: str | None
    start: str | None
    end: str | None
    start_reason: str | None = None
    end_reason: str | None = None
    role: str | None = None


@dataclass
class PersonRec:
    key: str
    name: str
    given_name: str | None = None
    family_name: str | None = None
    honorific: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    aliases: list[dict[str, str]] = field(default_factory=list)  # {"alias", "kind"}
    memberships: list[MembershipRec] = field(default_factory=list)

    @property
    def sort_name(self) -> str:
        return f"{self.family_name}, {self.given_name}" if self.family_name and self.given_name else self.name


@dataclass
class RegistryData:
    organizations: list[Organization]
    people: list[PersonRec]

    def party_names(self) -> dict[str, str]:
        return {o.key: o.name for o in self.organizations}


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _check_date(value: str | None, where: str) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    if not _DATE.match(value):
        raise InputError(where, f"bad date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise InputError(where, f"bad date {value!r} (no such day)") from None
    return value


def _read_csv(path: Path, required: set[str]):
    """Yield (line number, row) from a UTF-8 CSV, checking its header first."""
    if not path.is_file():
        raise InputError(str(path), "file not found")
    try:
        handle = path.open(encoding="utf-8", newline="")
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}, line 1", f"missing column(s): {', '.join(sorted(missing))}")
        with handle:
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None


def _strip_title(name: str) -> tuple[str, str | None]:
    """'Thangam Debbonaire (Baroness)' → ('Thangam Debbonaire', 'Baroness')."""
    m = _TITLE_SUFFIX.search(name)
    if not m:
        return name.strip(), None
    return name[: m.start()].strip(), m.group(0).strip(" ()")


def read_mysociety(directory: Path) -> RegistryData:
    """Read the mySociety registry CSVs under ``directory``."""
    directory = Path(directory)
    orgs: dict[str, Organization] = {}
    for line, row in _read_csv(directory / "organizations.csv", {"classification", "id", "name"}):
        key = _clean(row["id"])
        if not key:
            raise InputError(f"{directory / 'organizations.csv'}, line {line}", "field 'id' is empty")
        orgs[key] = Organization(key, _clean(row["name"]) or key, _clean(row["classification"]) or "party")
    for key, name in CHAMBER_ORGS.values():
        orgs.setdefault(key, Organization(key, name, "chamber"))

    people: dict[str, PersonRec] = {}
    path = directory / "simple_memberships.csv"
    need = {"membership_id", "person_id", "constituency", "start_date", "end_date", "start_reason",
            "end_reason", "party", "chamber", "role", "first_name", "last_name", "nice_name"}
    latest: dict[str, str] = {}
    for line, row in _read_csv(path, need):
        where = f"{path}, line {line}"
        pid = _clean(row["person_id"])
        if not pid:
            if not any(_clean(v) for k, v in row.items() if k != "membership_id"):
                continue  # the registry keeps a few placeholder rows that carry only an id
            raise InputError(where, "field 'person_id' is empty")
        start = _check_date(row["start_date"], f"{where}, field 'start_date'")
        end = _check_date(row["end_date"], f"{where}, field 'end_date'")
        party = _clean(row["party"])
        if party and party not in orgs:
            orgs[party] = Organization(party, party.replace("-", " ").title(), "party")
        person = people.setdefault(pid, PersonRec(key=pid, name=""))
        person.memberships.append(MembershipRec(
            key=_clean(row["membership_id"]) or f"{pid}#{line}",
            chamber=_clean(row["chamber"]) or "london",
            party=party,
            constituency=_clean(row["constituency"]),
            start=start,
            end=end,
            start_reason=_clean(row["start_reason"]),
            end_reason=_clean(row["end_reason"]),
            role=_clean(row["role"]),
        ))
        nice = _clean(row["nice_name"])
        if nice and (start or "") >= latest.get(pid, ""):
            latest[pid] = start or ""
            person.name, title = _strip_title(nice)
            person.given_name = _clean(row["first_name"])
            person.family_name = _clean(row["last_name"])
            if title:
                person.honorific = title
        if nice:
            _add_alias(person, nice, "registry")

    path = directory / "person_alternative_names.csv"
    for _, row in _read_csv(path, {"person_id", "given_name", "family_name", "note", "honorific_prefix",
                                   "lordname", "lordofname"}):
        person = people.get(_clean(row["person_id"]) or "")
        if person is None:
            continue
        given, family = _clean(row["given_name"]), _clean(row["family_name"])
        honorific, lordname = _clean(row["honorific_prefix"]), _clean(row["lordname"])
        written = _clean(row.get("name"))
        if written and not (given or family or lordname):
            # an "Alternate" row: a name the person is known by ("Naz Shah"), or a spelling
            # Hansard once used; a post ("The Prime Minister") or a bare word names no one
            if _is_known_as(written):
                _add_alias(person, written, "alternate")
            continue
        if lordname:
            title = f"{honorific or 'Lord'} {lordname}"
            if _clean(row["lordofname"]):
                title += f" of {_clean(row['lordofname'])}"
            _add_alias(person, title, "title")
            if not person.name:
                person.name, person.honorific = title, honorific
                person.given_name = given
                person.family_name = family or lordname
        elif given and family:
            _add_alias(person, f"{given} {family}", "registry")
            if honorific in ("Sir", "Dame"):
                _add_alias(person, f"{honorific} {given} {family}", "honorific")
            if not person.name:
                person.name, person.given_name, person.family_name = f"{given} {family}", given, family

    path = directory / "person_identifiers.csv"
    for _, row in _read_csv(path, {"person_id", "identifier", "scheme"}):
        person = people.get(_clean(row["person_id"]) or "")
        scheme, ident = _clean(row["scheme"]), _clean(row["identifier"])
        if person is None or not scheme or not ident:
            continue
        if scheme in ("historichansard_url",):
            continue
        person.identifiers.setdefault(scheme, ident)
    for person in people.values():
        if person.key.startswith(TWFY_PREFIX):
            person.identifiers["theyworkforyou"] = person.key.removeprefix(TWFY_PREFIX)
        if not person.name:
            person.name = person.key
        person.aliases = [a for a in person.aliases if a["alias"] != person.name]
        person.memberships.sort(key=lambda m: (m.start or "", m.key))
    return RegistryData(sorted(orgs.values(), key=lambda o: o.key), sorted(people.values(), key=lambda p: p.key))


_POST_WORDS = re.compile(
    r"\b(?:speaker|convener|minister|secretary|officer|chairman|chair|deputy|leader|president|member)\b", re.I
)


def _is_known_as(name: str) -> bool:
    """True for a person's name ("Naz Shah", "Lord Cope"), false for a post or a single word."""
    words = name.split()
    return (
        len(words) >= 2
        and words[0].lower() != "the"
        and not _POST_WORDS.search(name)
        and all(w[:1].isupper() or w.lower() in ("of", "de", "la", "van", "von", "ap", "ab") for w in words)
    )


def _add_alias(person: PersonRec, alias: str, kind: str) -> None:
    alias = " ".join(alias.split())
    stripped, _ = _strip_title(alias)
    for value in {alias, stripped}:
        if value and not any(a["alias"] == value for a in person.aliases):
            person.aliases.append({"alias": value, "kind": kind})


def sat_between(data: RegistryData, since: str, until: str) -> RegistryData:
    """Only the people who held any seat between two dates (all their seats kept)."""
    keep = [
        p for p in data.people
        if any((m.start or "0000") <= until and (m.end or "9999") >= since for m in p.memberships)
    ]
    used = {m.party for p in keep for m in p.memberships} | {k for k, _ in CHAMBER_ORGS.values()}
    return RegistryData([o for o in data.organizations if o.key in used], keep)


def write_seed(data: RegistryData, out_dir: Path) -> tuple[Path, Path]:
    """Write ``people.jsonl`` and ``organizations.csv`` under ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    people_path, orgs_path = out_dir / "people.jsonl", out_dir / "organizations.csv"
    with people_path.open("w", encoding="utf-8", newline="\n") as f:
        for p in data.people:
            rec = {
                "id": p.key, "name": p.name, "given_name": p.given_name, "family_name": p.family_name,
                "honorific": p.honorific, "identifiers": dict(sorted(p.identifiers.items())),
                "aliases": p.aliases,
                "memberships": [{k: v for k, v in asdict(m).items() if v is not None} for m in p.memberships],
            }
            f.write(json.dumps({k: v for k, v in rec.items() if v not in (None, [], {})}, ensure_ascii=False))
            f.write("\n")
    with orgs_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "classification", "name"])
        for o in data.organizations:
            w.writerow([o.key, o.classification, o.name])
    return people_path, orgs_path


def read_seed(directory: Path) -> RegistryData:
    """Read the seed layout (``people.jsonl`` and ``organizations.csv``) under ``directory``."""
    directory = Path(directory)
    orgs = [
        Organization(row["key"], row["name"], row["classification"])
        for _, row in _read_csv(directory / "organizations.csv", {"key", "classification", "name"})
    ]
    people = []
    path = directory / "people.jsonl"
    if not path.is_file():
        raise InputError(str(path), "file not found")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}, line {n}"
        try:
            rec = json.loads(line)
            if not rec.get("id") or not rec.get("name"):
                raise InputError(where, "fields 'id' and 'name' are required")
            memberships = []
            for i, m in enumerate(rec.get("memberships", [])):
                mwhere = f"{where}, memberships[{i}]"
                memberships.append(MembershipRec(
                    key=m["key"], chamber=m["chamber"], party=m.get("party"),
                    constituency=m.get("constituency"),
                    start=_check_date(m.get("start"), f"{mwhere}.start"),
                    end=_check_date(m.get("end"), f"{mwhere}.end"),
                    start_reason=m.get("start_reason"), end_reason=m.get("end_reason"), role=m.get("role"),
                ))
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON ({exc.msg})") from None
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(where, f"missing or malformed field {exc}") from None
        people.append(PersonRec(
            key=rec["id"], name=rec["name"], given_name=rec.get("given_name"),
            family_name=rec.get("family_name"), honorific=rec.get("honorific"),
            identifiers=rec.get("identifiers", {}), aliases=rec.get("aliases", []), memberships=memberships,
        ))
    return RegistryData(orgs, people)


def read_any(path: Path) -> RegistryData:
    """Read a registry directory in either layout, detected by its files."""
    path = Path(path)
    if (path / "people.jsonl").is_file():
        return read_seed(path)
    if (path / "simple_memberships.csv").is_file():
        return read_mysociety(path)
    raise InputError(str(path), "not a registry directory (expected people.jsonl or simple_memberships.csv)")


def to_directory(data: RegistryData) -> Directory:
    """The snapshot that extraction reads: names, aliases and seats with party names."""
    parties = data.party_names()
    people = []
    for p in data.people:
        seats = tuple(
            Seat(m.chamber, parties.get(m.party) if m.party else None, m.constituency, m.start, m.end, m.role)
            for m in p.memberships
        )
        people.append(DirectoryPerson(
            key=p.key, name=p.name, given_name=p.given_name, family_name=p.family_name,
            honorific=p.honorific, aliases=tuple(a["alias"] for a in p.aliases), seats=seats,
        ))
    return Directory(people)


def load_directory(path: Path) -> Directory:
    """A :class:`Directory` from a registry directory, or from a ``people.jsonl`` file beside its orgs."""
    path = Path(path)
    return to_directory(read_any(path.parent if path.is_file() else path))
