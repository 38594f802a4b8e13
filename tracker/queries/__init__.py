"""Every question the tracker answers, in one place.

The CLI, the Python API, Datasette views and reports all call these functions,
so they give the same answers everywhere. Each takes an open connection and
returns typed rows; ``to_dict()`` on a row gives its JSON shape.
"""

from .backers import EVIDENCE_KINDS, BackerRow, Evidence, who_backed
from .catalogue import motions, sources, topics
from .claims import CLAIM_VERDICTS, ClaimRow, vote_claims
from .common import Seats, SourceRef, TopicRow, find_topic
from .divisions import DivisionReport, division, divisions_list, find_division
from .people import Lookup, PersonRef, find_person, resolve_person
from .positions import PositionRow, positions
from .profile import PersonReport, person_report
from .said_voted import VERDICTS, SaidVotedRow, said_vs_voted
from .tallies import TallyRow, tallies
from .timeline import TimelineRow, timeline

__all__ = [
    "EVIDENCE_KINDS", "BackerRow", "Evidence", "who_backed", "motions", "sources", "topics", "Seats",
    "SourceRef", "TopicRow", "find_topic", "DivisionReport", "division", "divisions_list", "find_division",
    "Lookup", "PersonRef", "find_person", "resolve_person", "PositionRow", "positions", "PersonReport",
    "person_report", "VERDICTS", "SaidVotedRow", "said_vs_voted", "TallyRow", "tallies", "TimelineRow",
    "timeline", "CLAIM_VERDICTS", "ClaimRow", "vote_claims",
]
