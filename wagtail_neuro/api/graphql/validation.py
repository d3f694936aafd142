"""Validation rules that refuse expensive queries before any resolver runs.

graphql-core's ``validate(rules=…)`` replaces the default rules, so :func:`validation_rules`
returns the specified rules plus ours. Depth, field and alias counts are measured in one pass
with fragments expanded (each fragment measured once, so nested fragment "bombs" are counted at
their expanded size without being expanded); introspection fields (``__schema`` …) do not count
towards depth. :class:`NoIntrospectionRule` is added when ``WAGTAIL_NEURO_GRAPHQL_INTROSPECTION``
is off (by default when ``DEBUG`` is). The token limit is applied when parsing, the cost once the
variables are known (see ``views`` and ``inspection``).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.validation import ASTValidationRule, ValidationContext, specified_rules

from wagtail_neuro.api.problems import ProblemCode
from wagtail_neuro.conf import neuro_settings

__all__ = ["NoIntrospectionRule", "QueryLimitsRule", "measure", "validation_rules"]

Stats = tuple[int, int, int]  # depth, fields, aliases
TOO_COMPLEX = {"code": str(ProblemCode.QUERY_TOO_COMPLEX)}


class Measure:
    """Depth, field count and alias count of selection sets, fragments expanded."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode], max_depth: int) -> None:
        self.fragments = fragments
        self.max_depth = max_depth
        self.memo: dict[str, Stats] = {}
        self.visiting: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None, level: int) -> Stats:
        depth = fields = aliases = 0
        if node is None or level > self.max_depth + 1:
            return depth, fields, aliases  # deeper than allowed: reported, not walked further
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                fields += 1
                aliases += selection.alias is not None
                sub_depth, sub_fields, sub_aliases = self.selection_set(
                    selection.selection_set, level + 1
                )
                fields += sub_fields
                aliases += sub_aliases
                if not selection.name.value.startswith("__"):
                    depth = max(depth, 1 + sub_depth)
            elif isinstance(selection, InlineFragmentNode):
                stats = self.selection_set(selection.selection_set, level)
                depth, fields, aliases = max(depth, stats[0]), fields + stats[1], aliases + stats[2]
            elif isinstance(selection, FragmentSpreadNode):
                stats = self.fragment(selection.name.value, level)
                depth, fields, aliases = max(depth, stats[0]), fields + stats[1], aliases + stats[2]
        return depth, fields, aliases

    def fragment(self, name: str, level: int) -> Stats:
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return 0, 0, 0  # unknown or cyclic: other rules report it
        if name not in self.memo:
            self.visiting.add(name)
            self.memo[name] = self.selection_set(definition.selection_set, level)
            self.visiting.discard(name)
        return self.memo[name]


def measure(
    context: ValidationContext, operation: OperationDefinitionNode, max_depth: int
) -> Stats:
    fragments = {
        definition.name.value: definition
        for definition in context.document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    return Measure(fragments, max_depth).selection_set(operation.selection_set, 1)


class QueryLimitsRule(ASTValidationRule):
    """Maximum depth, fields and aliases per operation (``WAGTAIL_NEURO_GRAPHQL_MAX_*``)."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> Any:
        max_depth = neuro_settings.GRAPHQL_MAX_DEPTH
        depth, fields, aliases = measure(self.context, node, max_depth)
        name = node.name.value if node.name else "anonymous"
        if depth > max_depth:
            self.report_error(
                GraphQLError(
                    f"Operation '{name}' is nested deeper than the maximum depth of {max_depth}.",
                    node,
                    extensions=TOO_COMPLEX,
                )
            )
        max_fields = neuro_settings.GRAPHQL_MAX_FIELDS
        if fields > max_fields:
            self.report_error(
                GraphQLError(
                    f"Operation '{name}' selects {fields} fields (fragments expanded); "
                    f"at most {max_fields} are allowed.",
                    node,
                    extensions=TOO_COMPLEX,
                )
            )
        max_aliases = neuro_settings.GRAPHQL_MAX_ALIASES
        if aliases > max_aliases:
            self.report_error(
                GraphQLError(
                    f"Operation '{name}' uses {aliases} aliases; at most {max_aliases} are "
                    "allowed.",
                    node,
                    extensions=TOO_COMPLEX,
                )
            )
        return self.SKIP


class NoIntrospectionRule(ASTValidationRule):
    """Refuses ``__schema`` and ``__type``. Unlike graphene's ``DisableIntrospection`` it lets
    ``__typename`` through: that is how clients (Apollo adds it to every selection) tell the
    members of a union or interface apart, and it reveals nothing the query did not name."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        name = node.name.value
        if name in ("__schema", "__type"):
            self.report_error(
                GraphQLError(
                    f"Cannot query '{name}': introspection is disabled.",
                    node,
                    extensions={"code": str(ProblemCode.INTROSPECTION_DISABLED)},
                )
            )


def validation_rules() -> tuple[type[ASTValidationRule], ...]:
    """graphql-core's rules, the limits, and :class:`NoIntrospectionRule` when switched off."""
    rules: list[type[ASTValidationRule]] = [*specified_rules, QueryLimitsRule]
    if not neuro_settings.GRAPHQL_INTROSPECTION:
        rules.append(NoIntrospectionRule)
    return tuple(rules)
