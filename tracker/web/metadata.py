"""What Datasette shows a newcomer: the title, sources and licences, what each table and column holds,
names in place of ids, sortable columns, facets, full-text search and the canned queries."""

from __future__ import annotations

from . import canned

REGISTRY = {"source": "mySociety's UK Politician data (TheyWorkForYou / parlparse people)",
            "source_url": "https://www.mysociety.org/", "license": "CC BY 4.0",
            "license_url": "https://creativecommons.org/licenses/by/4.0/"}
PARLIAMENT = {"source": "UK Parliament, Commons Votes", "source_url": "https://votes.parliament.uk/",
              "license": "Open Parliament Licence v3.0",
              "license_url": "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/"}
CITED = {"source": "the news articles and Hansard extracts in the source table, each cited row by row",
         "license": "short quotations, each citing its source; Hansard under the Open Parliament Licence v3.0",
         "license_url": PARLIAMENT["license_url"]}

DESCRIPTION_HTML = f"""
<p>Who backed what, and when. What MPs <strong>said</strong> (stated positions taken from news articles and
Hansard, each with the exact quote, its source and its date) beside how they <strong>voted</strong> (every
member's vote in official Commons divisions, with the party they sat for that day).</p>
<p>Start with a question: <a href="/{{db}}/who_backed?topic=ceasefire">who backed a ceasefire, and when?</a>,
<a href="/{{db}}/said_vs_voted?topic=ceasefire">what they said beside how they voted</a>,
<a href="/{{db}}/division_breakdown?division_id=1666">how each party voted in a division</a>,
<a href="/{{db}}/person_positions?name=Kate+Hollern">everything one person said and voted</a>, or
<a href="/{{db}}/claims_vs_record">what texts say people voted, beside the record</a>.
Search the quotes in <a href="/{{db}}/position">position</a> and the texts in <a href="/{{db}}/source">source</a>.</p>
<p>Sources and licences: the members registry is from <a href="{REGISTRY['source_url']}">mySociety</a>, licensed
under <a href="{REGISTRY['license_url']}">CC BY 4.0</a>; division records are UK Parliament data under the
<a href="{PARLIAMENT['license_url']}">Open Parliament Licence v3.0</a>; quotes cite the article or Hansard extract
they were taken from.</p>
"""

SQL_DIFFERS = (" The CLI (tracker.queries) gives the same rows on the same data; where SQL cannot follow it: a word"
               " that names several topics gives the rows of each (the CLI asks which one), a misspelt topic"
               " gives nothing (the CLI suggests the closest), and a statement with no date is placed by the CLI"
               " in the person's latest seat, by SQL in none.")


def _table(description: str, columns: dict[str, str], *, licence: dict | None = None, **options) -> dict:
    return {"description": description, "columns": columns, **(licence or {}), **options}


TABLES = {
    "person": _table(
        "Everyone in the registry: MPs, peers, members of the devolved parliaments, and people quoted who sit"
        " nowhere.", {
            "key": "the registry's id (uk.org.publicwhip/person/...), or local/<name> for someone outside it",
            "name": "the name people know them by", "given_name": "given name", "family_name": "family name",
            "sort_name": "name to sort by", "honorific": "Sir, Dame, Dr, ...",
            "in_registry": "1 when the person comes from the members registry"},
        licence=REGISTRY, label_column="name", sortable_columns=["name", "sort_name", "family_name"],
        facets=["in_registry"], sort="sort_name"),
    "person_identifier": _table(
        "A person's id in another scheme: TheyWorkForYou, MNIS (datadotparl_id), Wikidata, ...",
        {"scheme": "which scheme", "identifier": "the id in that scheme"},
        licence=REGISTRY, label_column="identifier", facets=["scheme"]),
    "person_alias": _table(
        "Other names of a person, used to recognise them in texts: registry names, titles, nicknames,"
        " curated spellings.", {"alias": "the other name", "kind": "registry, title, honorific, nickname, curated"
                                " or misspelling"},
        licence=REGISTRY, label_column="alias", facets=["kind"], sortable_columns=["alias"]),
    "organization": _table(
        "Parties and chambers.", {"key": "a stable slug", "name": "the name",
                                  "classification": "party, chamber, ..."},
        licence=REGISTRY, label_column="name", facets=["classification"], sortable_columns=["name"]),
    "membership": _table(
        "A seat held between two dates for a party: party and seat over time. A party change or a lost whip"
        " starts a new membership.", {
            "organization_id": "the chamber", "on_behalf_of_id": "the party", "post": "constituency or region",
            "start_date": "first day (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known)",
            "end_date": "last day; empty while the seat is held", "start_reason": "how it began",
            "end_reason": "how it ended"},
        licence=REGISTRY, facets=["organization_id", "on_behalf_of_id", "end_reason"],
        sortable_columns=["start_date", "end_date", "post"]),
    "topic": _table(
        "Topics, the phrases that signal them in a text, and what they exclude.", {
            "slug": "the short name the CLI and the canned queries take", "name": "the topic",
            "cues": "phrases that signal support (JSON list)", "oppose_cues": "phrases that signal opposition",
            "excludes": "topics a phrase must not be confused with"},
        label_column="name"),
    "motion": _table(
        "Motions and amendments put to a chamber; an amendment points to the motion it would change.", {
            "title": "what was put", "classification": "motion or amendment",
            "parent_id": "the motion an amendment would change", "proposer": "who moved it",
            "result": "passed, failed, not selected, withdrawn, agreed without division"},
        licence=PARLIAMENT, label_column="title", facets=["classification", "result"],
        sortable_columns=["date", "title"]),
    "motion_topic": _table(
        "Which way an aye on a motion points on a topic.", {"aye_means": "support or oppose"},
        facets=["topic_id", "aye_means"]),
    "division": _table(
        "Official Commons divisions; the id is the Commons Votes DivisionId.", {
            "motion_id": "the motion or amendment decided", "date": "the day of the division",
            "number": "the division number that day's record gives", "title": "the official title",
            "aye_count": "official ayes", "no_count": "official noes"},
        licence=PARLIAMENT, label_column="title", facets=["date"],
        sortable_columns=["date", "aye_count", "no_count", "number"], sort_desc="date"),
    "vote": _table(
        "One member's vote in a division, with the party they sat for that day.", {
            "option": "aye, no, teller_aye or teller_no", "party_id": "the party on the day of the vote"},
        licence=PARLIAMENT, facets=["option", "party_id", "division_id"]),
    "source": _table(
        "The stored texts: news articles, web pages, Hansard extracts, statements, columns, and the words of"
        " positions recorded by hand (kind hand-recorded). Search them here.", {
            "sha256": "hash of the text", "kind": "news, hansard, statement or column",
            "outlet": "the publication", "url": "where it was published", "published": "publication date",
            "published_precision": "day or month", "path": "the file or address it was read from",
            "text": "the full text (for a web page, its main text)",
            "canonical_url": "the address a web page gives for itself",
            "raw_sha256": "hash of the page's bytes as fetched or saved",
            "fetched_at": "when the page was fetched (UTC)",
            "fetch": "the fetch: address asked for, final address, redirects, content type (JSON)",
            "previous_id": "the earlier version of the same page, when this one replaced it"},
        licence=CITED, label_column="outlet", facets=["kind", "outlet"], sortable_columns=["published", "outlet"],
        fts_table="source_fts", fts_pk="id"),
    "position": _table(
        "Stated positions: who, on which topic, which way, when, and the exact words, with the source they"
        " were taken from. Search the quotes here.", {
            "fingerprint": "stable across re-runs of the extraction, so review decisions stick",
            "person_id": "who, as resolved (empty when the text does not name the speaker)",
            "speaker_as_written": "the words that name the speaker in the text",
            "stance": "support or oppose", "qualifiers": "immediate, permanent, bilateral, humanitarian (JSON)",
            "date": "when it was said", "date_precision": "day or month",
            "quote": "the exact words: text[start:end] of the source", "start": "offset of the quote in the text",
            "end": "offset just after the quote", "confidence": "how sure the extraction is (0 to 1)",
            "is_mp": "1 when the speaker sat in the Commons that day", "method": "extracted or curated",
            "status": "pending, confirmed, rejected or corrected",
            "needs_review": "1 when the extraction was unsure: a person should look",
            "original": "what the extraction found, for the fields a review corrected (JSON)",
            "note": "the reviewer's note",
            "quote_check": "for a position added by hand: verbatim (its words are in the stored source) or"
                           " unverified (they could not be checked; its source holds the words as recorded)"},
        licence=CITED, facets=["topic_id", "stance", "status", "needs_review", "person_id", "quote_check"],
        sortable_columns=["date", "confidence", "id"], fts_table="position_fts", fts_pk="id"),
    "mention": _table(
        "Every reference to a person in a text, as written, beside the person it was resolved to.", {
            "text": "the words as written", "resolved_by": "how the name was resolved",
            "confidence": "how sure (0 to 1)"},
        licence=CITED, facets=["resolved_by"], sortable_columns=["confidence"]),
    "vote_claim": _table(
        "What a text says someone voted, checked against the official division it speaks of. The claim is"
        " kept as the text makes it; it never changes the record. See the claims_beside_record view for each"
        " claim beside the record with a verdict.", {
            "person_id": "who, as resolved (empty when the text's name matched nobody)",
            "topic_id": "the topic the claimed vote was on", "option": "the vote claimed: aye, no or abstain",
            "date": "the day (or month) of the vote, as the text gives it", "date_precision": "day or month",
            "quote": "the exact words: text[start:end] of the source", "start": "offset of the quote in the text",
            "end": "offset just after the quote", "confidence": "how sure the extraction is (0 to 1)",
            "stated_division_id": "the DivisionId extraction said the text speaks of, if it knew",
            "division_id": "the division the claim was checked against: the one extraction named, else the"
                           " topic's one linked division that day (or that month); empty when none fits or"
                           " several do",
            "matched_by": "text (extraction named the division) or date",
            "official_option": "what the record gives for the person: aye, no (tellers with their side), or"
                               " did not vote (sat in the chamber that day, no vote recorded)",
            "conflict": "1 when the claim differs from the record (a claimed abstention agrees with did not"
                        " vote), 0 when it agrees, empty while unchecked"},
        licence=CITED, facets=["conflict", "option", "official_option", "matched_by", "topic_id"],
        sortable_columns=["date", "confidence", "id"]),
    "reported_tally": _table(
        "Division counts as sources reported them, kept beside (never over) the official record.", {
            "ayes": "ayes as reported", "noes": "noes as reported", "quote": "the words reporting the count",
            "conflict": "1 when the report differs from the official count"},
        licence=CITED, facets=["conflict", "chamber"]),
    "alembic_version": {"hidden": True},
    # the views made by the migrations: the same questions as the canned queries, for every topic at once
    "seat": _table("Every membership with its chamber and party by name.", {}, licence=REGISTRY,
                   facets=["chamber", "party"]),
    # no facets by default on the two views built from every statement and vote: a facet counts the whole view
    # (at several parliaments, seconds); ?_facet=topic still asks for one
    "backing_evidence": _table(
        "Each piece of evidence that someone backed a topic: a supporting statement, or a vote that points"
        " the topic's way.", {}),
    "backers": _table(
        "One row per MP who backed a topic, with the first date and the evidence." + SQL_DIFFERS,
        {"first_date": "the earliest evidence", "evidence": "statements and votes; more evidence ranks first on"
         " the same day", "first_quote": "the first supporting quote",
         "rank": "the row's place in its topic's answer"}, facets=["topic", "party"]),
    "said_beside_voted": _table(
        "What each person said on a topic beside how they voted on its divisions, with a verdict.",
        {"verdict": "consistent, contradicts, said-only, voted-only, did-not-vote",
         "rank": "the row's place in its topic's answer"},
        facets=["topic", "verdict", "party"]),
    "party_votes": _table(
        "How each party voted in each division: aye, no, and members who sat that day and did not vote.", {},
        licence=PARLIAMENT, facets=["division_id", "party"]),
    "person_record": _table("Everything a person said, and every vote they cast on a topic's divisions.", {}),
    "claims_beside_record": _table(
        "Each vote claim beside the official record, with a verdict: disagrees, agrees, or unchecked (no"
        " division matched without guessing, or the person is unknown or did not sit that day).", {
            "claimed": "the vote the text claims: aye, no or abstain",
            "official": "the vote the division record gives: aye, no or did not vote",
            "verdict": "disagrees, agrees or unchecked", "verdict_rank": "0 disagrees, 1 agrees, 2 unchecked",
            "matched_by": "text (extraction named the division) or date"},
        licence=CITED, facets=["verdict", "topic", "claimed", "official"]),
}

QUERIES = {
    "who_backed": {
        "title": "Who backed a topic, and when?",
        "description": "One row per MP who backed the topic, earliest first; on the same day, more evidence first."
                       " TOPIC is a slug (gaza-ceasefire) or a word of the topic's name (ceasefire)." + SQL_DIFFERS,
        "sql": canned.WHO_BACKED, "hide_sql": True},
    "said_vs_voted": {
        "title": "What they said beside how they voted",
        "description": "For each person, what they said on the topic and how they voted on its divisions, with a"
                       " verdict: consistent, contradicts, said-only, voted-only, did-not-vote." + SQL_DIFFERS,
        "sql": canned.SAID_VS_VOTED, "hide_sql": True},
    "division_breakdown": {
        "title": "How each party voted in a division",
        "description": "Ayes, noes, and members who sat in the Commons that day but did not vote, by the party"
                       " they sat for. DIVISION_ID is the Commons Votes DivisionId, e.g. 1666.",
        "sql": canned.DIVISION_BREAKDOWN, "hide_sql": True},
    "person_positions": {
        "title": "Everything one person said and voted",
        "description": "Statements with their quote and source, and votes on the divisions that speak to a"
                       " topic. NAME is a name or alias (Kate Hollern) or part of a name (Hollern); the CLI's"
                       " tracker person also knows nicknames and near spellings.",
        "sql": canned.PERSON_POSITIONS, "hide_sql": True},
    "claims_vs_record": {
        "title": "What texts say people voted, beside the record",
        "description": "Each claim in a text that someone voted aye, no or abstained, beside their vote in the"
                       " official division it was matched to; disagreements first, then agreements, then claims"
                       " that could not be checked. A claim never changes the record. The CLI's tracker claims"
                       " gives the same rows.",
        "sql": canned.CLAIMS_VS_RECORD, "hide_sql": True},
}


def metadata(database: str) -> dict:
    """Datasette metadata for the database Datasette names ``database`` (the file name without .db)."""
    return {
        "title": "Parliamentary vote and position tracker",
        "description_html": DESCRIPTION_HTML.replace("{db}", database),
        "license": "CC BY 4.0 (members registry); Open Parliament Licence v3.0 (UK Parliament data)",
        "license_url": REGISTRY["license_url"],
        "source": "mySociety's members registry; UK Parliament Commons Votes; the articles cited",
        "source_url": PARLIAMENT["source_url"],
        "databases": {database: {"tables": TABLES, "queries": QUERIES}},
    }
