"""The data model: typed, frozen attrs classes that depend on nothing else in zwgk."""

from zwgk._model.core import Agency, Deadline, Duration, Finding, Recurrence, Ref, Span, Unit, Value
from zwgk._model.documents import (
    AnnualReport,
    AnyDocument,
    Contact,
    Document,
    ImplementationPlan,
    OtherDocument,
    Plan,
    Section,
    Task,
    WorkPoints,
)
from zwgk._model.enums import (
    DeadlineKind,
    DocumentKind,
    Layout,
    Level,
    Scope,
    Severity,
    TableFormat,
    Tag,
    TokenClass,
)
from zwgk._model.indicators import (
    Column,
    Identity,
    Indicator,
    IndicatorTree,
    TableTemplate,
    Term,
    indicator_tree,
    tree_from_data,
)
from zwgk._model.tables import Cell, NarrativeFact, StatTable, Unplaced

#: Every model class, by name: the type tags of JSON dumps.
MODEL_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Agency, AnnualReport, Cell, Column, Contact, Deadline, Duration, Finding,
        Identity, ImplementationPlan, Indicator, IndicatorTree, NarrativeFact,
        OtherDocument, Recurrence, Ref, Section, Span, StatTable, TableTemplate,
        Task, Term, Unit, Unplaced, WorkPoints,
    )
}

__all__ = [
    "MODEL_CLASSES",
    "Agency", "AnnualReport", "AnyDocument", "Cell", "Column", "Contact", "Deadline",
    "DeadlineKind", "Document", "DocumentKind", "Duration", "Finding", "Identity",
    "ImplementationPlan", "Indicator", "IndicatorTree", "Layout", "Level", "NarrativeFact",
    "OtherDocument", "Plan", "Recurrence", "Ref", "Scope", "Section", "Severity", "Span",
    "StatTable", "TableFormat", "TableTemplate", "Tag", "Task", "Term", "TokenClass", "Unit",
    "Unplaced", "Value", "WorkPoints", "indicator_tree", "tree_from_data",
]
