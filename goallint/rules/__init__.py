"""The built-in rules: one module per SMART letter (and one for the file itself), one class per rule.

``BUILTIN_RULES`` is the one explicit list of them; ``catalog.build_catalog`` starts from it.
"""

from __future__ import annotations

from ..plugin import Rule
from .achievable import ConfidenceOutOfBand, OwnerOverloaded, PaceOffTrack, TargetUnambitious, TargetUnrealistic
from .data import (
    BaselineDisagreesWithHistory,
    MetricHistoryInvalid,
    MetricIdDuplicate,
    MetricOverridesCatalogue,
    MetricRefUnknown,
    PaceBeyondHistory,
    TargetBelowLastSeason,
    TimeframeBelowCadence,
)
from .errors import (
    DirectiveInvalid,
    DuplicateId,
    DuplicateKey,
    HiddenCharacters,
    ListItemSplitAtComma,
    RuleFailed,
    SchemaViolation,
    YamlSyntaxError,
    YamlUnsupported,
)
from .history import (
    BaselineRewritten,
    CheckinRewritten,
    DeadlineMovedLater,
    GoalRemovedWhileActive,
    MetricRedefined,
    TargetMovedEasyWay,
)
from .hygiene import SuppressionUnused
from .measurable import (
    BaselineMissing,
    BaselineOutdated,
    CheckinInFuture,
    CheckinNotNumeric,
    CheckinStale,
    DirectionMismatch,
    MetricMissing,
    MetricNameMissing,
    MilestoneInconsistent,
    MilestonesMissing,
    SourceMissing,
    TargetNotNumeric,
    UnitMissing,
)
from .relevant import (
    AlignmentCycle,
    AlignmentMissing,
    DeadlineAfterParent,
    OutsidePeriod,
    ParentClosed,
    ParentUnknown,
)
from .specific import (
    ContributorsMissing,
    OwnerMissing,
    OwnerPlaceholder,
    ResourcesMissing,
    TeamMissing,
    TitleVague,
    WhyMissing,
)
from .timebound import DateInvalid, DeadlineMissing, DeadlinePassed, HorizonTooLong, StartAfterDeadline, StartMissing

BUILTIN_RULES: tuple[type[Rule], ...] = (
    # E: the file itself
    YamlSyntaxError, SchemaViolation, DuplicateKey, DuplicateId, DirectiveInvalid, YamlUnsupported, HiddenCharacters,
    RuleFailed, ListItemSplitAtComma,
    # E, M, A, R, T on the metric catalogue and its history (rules/data.py)
    MetricRefUnknown, MetricIdDuplicate, MetricHistoryInvalid, MetricOverridesCatalogue, BaselineDisagreesWithHistory,
    PaceBeyondHistory, TargetBelowLastSeason, TimeframeBelowCadence,
    # H: history from git (run by `goallint history` and `check --history-since`)
    TargetMovedEasyWay, DeadlineMovedLater, BaselineRewritten, CheckinRewritten, GoalRemovedWhileActive,
    MetricRedefined,
    # U: suppression hygiene
    SuppressionUnused,
    # S: specific
    OwnerMissing, OwnerPlaceholder, TitleVague, TeamMissing, WhyMissing, ResourcesMissing, ContributorsMissing,
    # M: measurable
    MetricMissing, TargetNotNumeric, BaselineMissing, UnitMissing, DirectionMismatch, SourceMissing,
    MilestonesMissing, MilestoneInconsistent, CheckinStale, CheckinInFuture, BaselineOutdated, MetricNameMissing,
    CheckinNotNumeric,
    # A: achievable
    TargetUnrealistic, TargetUnambitious, PaceOffTrack, OwnerOverloaded, ConfidenceOutOfBand,
    # R: relevant
    AlignmentMissing, ParentUnknown, AlignmentCycle, OutsidePeriod, ParentClosed, DeadlineAfterParent,
    # T: time-bound
    DeadlineMissing, DateInvalid, StartAfterDeadline, DeadlinePassed, HorizonTooLong, StartMissing,
)
