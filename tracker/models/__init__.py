"""The database models, split by domain; importing this package registers them all."""

from .answers import BackerAnswer, PartyVoteAnswer, SaidVotedAnswer
from .base import Base
from .people import Membership, Organization, Person, PersonAlias, PersonIdentifier
from .sources import Mention, Position, ReportedTally, Source, VoteClaim
from .votes import VOTE_OPTIONS, Division, Motion, MotionTopic, Topic, Vote

__all__ = [
    "BackerAnswer", "PartyVoteAnswer", "SaidVotedAnswer",
    "Base", "Membership", "Organization", "Person", "PersonAlias", "PersonIdentifier",
    "Mention", "Position", "ReportedTally", "Source", "VoteClaim",
    "VOTE_OPTIONS", "Division", "Motion", "MotionTopic", "Topic", "Vote",
]
