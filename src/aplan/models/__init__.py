"""Pydantic models of every source file: what a valid report is made of."""

from .base import QUARTERS, Model, PeriodCode, Quarter, YearMonth
from .budget import Allocation, Budget, PlanNode
from .direction import Direction
from .disbursement import BUDGET_TYPES, Disbursement, Line, Snapshot
from .office import Executive, Group, GroupDirector, Office
from .project import Project, ResultItem, Spent, Statistic
from .report import ReportInfo
from .words import Words

__all__ = [
    "BUDGET_TYPES",
    "QUARTERS",
    "Allocation",
    "Budget",
    "Direction",
    "Disbursement",
    "Executive",
    "Group",
    "GroupDirector",
    "Line",
    "Model",
    "Office",
    "PeriodCode",
    "PlanNode",
    "Project",
    "Quarter",
    "ReportInfo",
    "ResultItem",
    "Snapshot",
    "Spent",
    "Statistic",
    "Words",
    "YearMonth",
]
