"""The questions: ``who-backed``, ``positions``, ``tallies``, ``person``, ``division``, ``said-vs-voted``,
``timeline``, ``search``, ``topics``, ``sources``, ``motions``. Each reads through ``tracker.queries``."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    EvidenceKind,
    EvidenceOpt,
    FormatOpt,
    NonMpsOpt,
    PartyOpt,
    SinceOpt,
    UntilOpt,
    answers_connection,
    open_engine,
    query_connection,
)
from .output import Format

# the verdicts of said-vs-voted, as tracker.queries.said_voted names them (a test keeps the two the same)
VERDICT_NAMES = ("consistent", "contradicts", "said-only", "voted-only", "did-not-vote")


def register(app: typer.Typer) -> None:
    app.command("who-backed")(who_backed)
    app.command()(positions)
    app.command()(tallies)
    app.command()(person)
    app.command()(division)
    app.command("said-vs-voted")(said_vs_voted)
    app.command()(timeline)
    app.command()(search)
    app.command()(topics)
    app.command()(sources)
    app.command()(motions)


def who_backed(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name, e.g. ceasefire.")],
    party: PartyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    evidence: EvidenceOpt = EvidenceKind.all,
    include_non_mps: NonMpsOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """One row per person who backed the topic, earliest first, with the evidence.

    Evidence is a stated position quoted from a source, or a vote in an official
    division that speaks to the topic.

    Example: `tracker who-backed ceasefire --party Labour --format json`
    """
    from .output import emit

    if fmt != Format.json and not (since or until or include_non_mps) and evidence == EvidenceKind.all:
        # the table needs only what the stored answer sums up
        from ..queries.answers import backers

        with answers_connection("answer_backer") as conn:
            if conn is not None:
                rows = [r.to_dict() for r in backers(conn, topic, party=party)]
        if conn is not None:
            emit(rows, fmt, [
                ("person", lambda r: r["person"]), ("party", lambda r: r["party"]),
                ("constituency", lambda r: r["constituency"]), ("first date", lambda r: r["first_date"]),
                ("statements", lambda r: r["statements"]), ("votes", lambda r: r["votes"] or ""),
                ("first evidence", lambda r: f"“{r['first_quote']}” ({r['first_source']})"
                 if r["first_quote"] is not None else ""),
            ], title=f"Who backed {topic}")
            return
    from ..queries import who_backed as query

    with open_engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn, topic, party=party, since=since, until=until, evidence=evidence.value,
                                           include_non_mps=include_non_mps)]
    emit(rows, fmt, [
        ("person", lambda r: r["person"]), ("party", lambda r: r["party"]),
        ("constituency", lambda r: r["constituency"]), ("first date", lambda r: r["first_date"]),
        ("statements", lambda r: sum(e["kind"] == "statement" for e in r["evidence"])),
        ("votes", lambda r: ", ".join(f"{e['option']} {e['division_id']} ({e['date']})"
                                      for e in r["evidence"] if e["kind"] == "vote")),
        ("first evidence", lambda r: _first_evidence(r["evidence"])),
    ], title=f"Who backed {topic}")


def _first_evidence(evidence: list[dict]) -> str:
    for e in evidence:
        if e["kind"] == "statement":
            where = e["source"].get("outlet") or e["source"].get("path")
            return f"“{e['quote']}” ({where})"
    return ""


def positions(
    topic: Annotated[str | None, typer.Option(help="A topic slug or a word of its name.")] = None,
    person: Annotated[str | None, typer.Option(help="A person's name or alias.")] = None,
    source: Annotated[str | None, typer.Option(help="A source id, path or URL.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Every stated position with its quote, date, source and review status.

    Example: `tracker positions --topic ceasefire --person "Kate Hollern"`
    """
    from ..queries import positions as query
    from .output import emit

    with query_connection() as conn:
        rows = [r.to_dict() for r in query(conn, topic=topic, person=person, source=source)]
    emit(rows, fmt, [
        ("id", lambda r: r["id"]), ("person", lambda r: r["person"] or "(unnamed)"),
        ("topic", lambda r: r["topic"]), ("stance", lambda r: r["stance"]), ("date", lambda r: r["date"]),
        ("quote", lambda r: r["quote"]), ("source", lambda r: r["source"]["outlet"] or r["source"]["path"]),
        ("confidence", lambda r: r["confidence"]), ("method", lambda r: r["method"]),
        ("status", lambda r: r["status"] + (" (unverified)" if r["quote_check"] == "unverified" else "")),
    ], title="Stated positions")


def tallies(fmt: FormatOpt = Format.table) -> None:
    """Division counts as sources reported them, beside the official record.

    Example: `tracker tallies --format json`
    """
    from ..queries import tallies as query
    from .output import emit

    with query_connection() as conn:
        rows = [r.to_dict() for r in query(conn)]
    emit(rows, fmt, [
        ("date", lambda r: r["date"]), ("chamber", lambda r: r["chamber"]), ("motion", lambda r: r["motion"]),
        ("ayes", lambda r: r["ayes"]), ("noes", lambda r: r["noes"]), ("result", lambda r: r["result"]),
        ("division", lambda r: r["division_id"]),
        ("official", lambda r: f"{r['official']['ayes']} to {r['official']['noes']}" if r["official"] else ""),
        ("conflict", lambda r: r["conflict"]), ("quote", lambda r: r["quote"]),
    ], title="Reported tallies")


def person(
    name: Annotated[str, typer.Argument(help="A name, alias, nickname or near spelling: 'Liz Truss', 'Ms Hollern'.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Who a person is, their party and seat over time, what they said, how they voted, said-vs-voted, and
    what texts claim they voted beside the record.

    An ambiguous name lists the candidates; an unknown one suggests the closest.

    Example: `tracker person "Kate Hollern"`
    """
    from ..errors import NotFound
    from ..queries import find_person, person_report
    from .output import emit

    with query_connection() as conn:
        found = find_person(conn, name)
        if found.person is None:
            emit([c.to_dict() for c in found.candidates], fmt, [
                ("name", lambda r: r["name"]), ("matched", lambda r: r["matched"]), ("how", lambda r: r["how"]),
                ("id", lambda r: r["person_id"])], title=f"People matching '{name}'")
            raise NotFound(f"'{name}' matches {len(found.candidates)} people; give a fuller name")
        report = person_report(conn, found.person.name if found.person.how != "fuzzy" else found.person.key)
    data = report.to_dict()
    if fmt == Format.json:
        emit([data], fmt, [])
        return
    rows = [{"kind": "statement", "date": p["date"], "topic": p["topic"], "way": p["stance"],
             "detail": f"“{p['quote']}”", "source": p["source"]["outlet"] or p["source"]["path"]}
            for p in data["positions"]]
    rows += [{"kind": "vote", "date": v["date"], "topic": v["topic"], "way": f"{v['option']} ({v['direction']})",
              "detail": f"division {v['division_id']}: {v['title']}", "source": "Commons division"}
             for v in data["votes"]]
    rows += [{"kind": "vote claim", "date": c["date"], "topic": c["topic"],
              "way": f"claimed {c['option']}" + (f", record {c['official'] or '?'} in {c['division_id']}"
                                                 if c["division_id"] else "") + f" ({c['verdict']})",
              "detail": f"“{c['quote']}”", "source": c["source"]["outlet"] or c["source"]["path"]}
             for c in data["vote_claims"]]
    rows.sort(key=lambda r: (r["date"] or "", r["kind"]))
    columns = [(k, (lambda key: lambda r: r[key])(k)) for k in ("kind", "date", "topic", "way", "detail", "source")]
    if fmt == Format.csv:
        emit(rows, fmt, columns)
        return
    who = data["person"]
    typer.echo(f"{who['name']}" + (f" ({who['honorific']})" if who["honorific"] else ""))
    if who["identifiers"]:
        typer.echo("  ids: " + ", ".join(f"{k} {v}" for k, v in who["identifiers"].items()))
    for seat in who["memberships"]:
        typer.echo(f"  {seat['start_date'] or '?'} to {seat['end_date'] or 'now'}: {seat['chamber']}, "
                   f"{seat['party'] or 'no party'}" + (f", {seat['post']}" if seat["post"] else "")
                   + (f" (ended: {seat['end_reason']})" if seat["end_reason"] else ""))
    emit(rows, fmt, columns, title="Statements and votes")
    for slug, row in data["said_vs_voted"].items():
        typer.echo(f"  {slug}: said {row['said'] or 'nothing'}, verdict {row['verdict']}")


def division(
    id_or_text: Annotated[str, typer.Argument(help="A DivisionId (1666) or words of its title.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """A division: its motion and parent, official counts, the party breakdown, rebels, reported tallies, and
    what texts claim members voted in it beside the record, disagreements first.

    Absence is derived: who sat in the Commons that day and did not vote. A rebel
    voted against the majority of their own party, "did not vote" counting as a choice.

    Example: `tracker division 1666 --format json`
    """
    from ..queries import division as query
    from .output import emit

    with query_connection() as conn:
        data = query(conn, id_or_text).to_dict()
    if fmt == Format.json:
        emit([data], fmt, [])
        return
    party_cols = [("party", lambda r: r["party"]), ("aye", lambda r: r["aye"]), ("no", lambda r: r["no"]),
                  ("did not vote", lambda r: r["did_not_vote"])]
    if fmt == Format.csv:
        emit(data["by_party"], fmt, party_cols)
        return
    typer.echo(f"Division {data['division_id']} on {data['date']}: {data['title']}")
    if data["motion"]:
        typer.echo(f"  motion: {data['motion']['title']} ({data['motion']['classification']}, "
                   f"{data['motion']['result']})")
    if data["parent_motion"]:
        typer.echo(f"  amends: {data['parent_motion']['title']}")
    typer.echo(f"  official count: {data['ayes']} ayes, {data['noes']} noes")
    for t in data["reported"]:
        flag = " (differs from the official count)" if t["conflict"] else ""
        typer.echo(f"  reported: {t['ayes']} to {t['noes']} by {t['source']['outlet'] or t['source']['path']}"
                   f"{flag}")
    if data["vote_claims"]:
        from .claims import claim_line

        typer.echo("  what texts say members voted, beside the record (`tracker claims --division "
                   f"{data['division_id']}`):")
        for c in data["vote_claims"]:
            typer.echo(f"    {claim_line(c)}")
    emit(data["by_party"], fmt, party_cols, title="By party")
    emit(data["rebels"], fmt, [("rebel", lambda r: r["person"]), ("party", lambda r: r["party"]),
                               ("option", lambda r: r["option"]), ("party majority", lambda r: r["party_majority"])],
         title="Rebels")


def said_vs_voted(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name.")],
    party: PartyOpt = None,
    verdict: Annotated[str | None, typer.Option(
        help="Only this verdict: consistent, contradicts, said-only, voted-only, did-not-vote.")] = None,
    include_non_mps: NonMpsOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """What each person said on a topic beside how they voted on the divisions linked to it.

    Verdicts: consistent, contradicts, said-only, voted-only, did-not-vote (said
    something, sat in the chamber, did not vote on a linked division).

    Example: `tracker said-vs-voted ceasefire --verdict did-not-vote`
    """
    from .output import emit

    if verdict is not None and verdict not in VERDICT_NAMES:
        raise typer.BadParameter(f"must be one of {', '.join(VERDICT_NAMES)}", param_hint="--verdict")
    columns = [
        ("person", lambda r: r["person"]), ("party", lambda r: r["party"]), ("said", lambda r: r["said"]),
        ("said first", lambda r: r["said_first"]),
        ("votes", lambda r: r["votes"] if isinstance(r["votes"], str) or r["votes"] is None
         else ", ".join(f"{v['option']} {v['division_id']}" for v in r["votes"])),
        ("verdict", lambda r: r["verdict"]),
    ]
    if fmt != Format.json and not include_non_mps:
        from ..queries.answers import said_voted

        with answers_connection("answer_said_voted") as conn:
            if conn is not None:
                rows = [r.to_dict() for r in said_voted(conn, topic, party=party, verdict=verdict)]
        if conn is not None:
            emit(rows, fmt, columns, title=f"Said vs voted: {topic}")
            return
    from ..queries import said_vs_voted as query
    with query_connection() as conn:
        rows = [r.to_dict() for r in query(conn, topic, party=party, include_non_mps=include_non_mps)
                if verdict is None or r.verdict == verdict]
    emit(rows, fmt, columns, title=f"Said vs voted: {topic}")


def timeline(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name.")],
    party: PartyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    evidence: EvidenceOpt = EvidenceKind.all,
    include_non_mps: NonMpsOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Supporters of a topic over time: new on each date and cumulative, by party.

    Example: `tracker timeline ceasefire --format csv`
    """
    from ..queries import timeline as query
    from .output import emit

    with open_engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn, topic, party=party, since=since, until=until, evidence=evidence.value,
                                           include_non_mps=include_non_mps)]
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in ("date", "party", "new", "party_total",
                                                                       "total")], title=f"Supporters of {topic}")


def search(
    text: Annotated[str, typer.Argument(help="Words to find in source texts and quotes.")],
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many hits of each kind.")] = 20,
    fmt: FormatOpt = Format.table,
) -> None:
    """Full-text search over stored sources and the quotes of positions.

    Example: `tracker search "humanitarian pause"`
    """
    from ..queries.search import search as query
    from .output import emit

    with open_engine().connect() as conn:
        rows = [h.to_dict() for h in query(conn, text, limit)]
    emit(rows, fmt, [("kind", lambda r: r["kind"]), ("id", lambda r: r["id"]), ("person", lambda r: r["person"]),
                     ("date", lambda r: r["date"]), ("source", lambda r: r["outlet"] or r["path"]),
                     ("snippet", lambda r: " ".join(r["snippet"].split()))], title=f"Search: {text}")


def topics(fmt: FormatOpt = Format.table) -> None:
    """The topics, their cue phrases, and how many positions and divisions speak to each.

    Example: `tracker topics`
    """
    from ..queries import topics as query
    from .output import emit

    with open_engine().connect() as conn:
        rows = query(conn)
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in ("slug", "name", "positions", "divisions",
                                                                       "cues")], title="Topics")


def sources(fmt: FormatOpt = Format.table) -> None:
    """The stored texts, with what was extracted from each.

    Example: `tracker sources --format csv`
    """
    from ..queries import sources as query
    from .output import emit

    with open_engine().connect() as conn:
        rows = query(conn)
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in (
        "id", "kind", "outlet", "published", "path", "positions", "mentions", "tallies")], title="Sources")


def motions(fmt: FormatOpt = Format.table) -> None:
    """Motions and amendments, with the motion each amendment would change.

    Example: `tracker motions`
    """
    from ..queries import motions as query
    from .output import emit

    with open_engine().connect() as conn:
        rows = query(conn)
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in (
        "key", "title", "classification", "parent", "date", "result", "division_id")], title="Motions")
