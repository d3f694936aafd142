"""What a GraphQL operation would cost and whether its arguments are acceptable, worked out
before any resolver runs (the view calls :func:`inspect_operation` after validation, when the
variables are known).

**Cost** is the number of objects the operation could return: every list field contributes its
size times (one plus the cost of what it selects), so sizes multiply through nesting. A list's
size is its ``limit`` argument, capped at the field's maximum, or the field's default page size
when there is none: grapple's ``QuerySetList`` fields (``limit: PositiveInt``) use
``GRAPPLE["PAGE_SIZE"]``/``["MAX_PAGE_SIZE"]``, the package's own lists
``WAGTAIL_NEURO_GRAPHQL_DEFAULT_LIMIT``/``MAX_LIMIT``; a list without a ``limit`` argument (a
StreamField, tags) counts ``WAGTAIL_NEURO_GRAPHQL_COST_LIST_SIZE`` unless its size is known
(:data:`LIST_SIZES`, :func:`register_list_size`: ``relatedArticles`` has
``WAGTAIL_NEURO_RELATED_ARTICLES_COUNT`` items). Fragments on
different concrete types of an interface or union are alternatives, so the costlier one
counts. ``siblings(limit: 30) { siblings(limit: 30) { siblings(limit: 30) { id } } }`` costs
30 × (1 + 30 × (1 + 30)) = 27,930: over the default ``WAGTAIL_NEURO_GRAPHQL_MAX_COST`` of 2,000.

**Arguments**: no string argument may hold control characters (PostgreSQL refuses NUL bytes),
search arguments are capped like REST's ``search`` (:mod:`wagtail_neuro.api.inputs`), and
grapple's image ``rendition``/``srcSet`` only render allowed filters
(:func:`.types.images.rendition_problem`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.execution.values import get_argument_values
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from grapple.settings import grapple_settings
from grapple.types.images import ImageObjectType

from wagtail_neuro.api.inputs import integer_problem, text_problem
from wagtail_neuro.conf import neuro_settings

from .errors import ProblemCode, argument_error, with_code
from .types.images import rendition_problem

__all__ = ["LIST_SIZES", "OperationInspector", "inspect_operation", "register_list_size"]

INTEGER_ARGUMENTS = ("limit", "offset")

#: GraphQL field name -> the number of items a list field without ``limit`` returns.
LIST_SIZES: dict[str, Callable[[], int]] = {
    "relatedArticles": lambda: neuro_settings.RELATED_ARTICLES_COUNT,
    "renditions": lambda: len(neuro_settings.IMAGE_RENDITIONS),
}


def register_list_size(field_name: str, size: int | Callable[[], int]) -> None:
    """Tell the cost estimate how long a list field (by its GraphQL name) is, e.g. an agency's
    ``featuredPages`` that always returns 4: ``register_list_size("featuredPages", 4)``."""
    LIST_SIZES[field_name] = size if callable(size) else (lambda: size)


class OperationInspector:
    """Walks one operation with its coerced variables; :meth:`cost` and :attr:`problems`."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.problems: list[GraphQLError] = []
        self.fragment_costs: dict[str, int] = {}

    def cost(self, node: SelectionSetNode | None, parent: GraphQLNamedType) -> int:
        """Objects ``node`` may return for one ``parent`` object."""
        if node is None:
            return 0
        shared = 0
        alternatives: dict[str, int] = {}
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                shared += self.field_cost(selection, parent)
                continue
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                value = self.cost(selection.selection_set, target or parent)
            else:  # FragmentSpreadNode
                fragment = self.fragments.get(selection.name.value)
                if fragment is None:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value) or parent
                value = self.fragment_cost(fragment, target)
            if target is None or target is parent:
                shared += value
            else:  # one branch per concrete type: the object is one of them
                alternatives[target.name] = alternatives.get(target.name, 0) + value
        return shared + max(alternatives.values(), default=0)

    def fragment_cost(self, fragment: FragmentDefinitionNode, target: GraphQLNamedType) -> int:
        name = fragment.name.value
        if name not in self.fragment_costs:
            self.fragment_costs[name] = 0  # cycles are refused by validation; stay finite
            self.fragment_costs[name] = self.cost(fragment.selection_set, target)
        return self.fragment_costs[name]

    def field_cost(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        name = node.name.value
        fields = getattr(parent, "fields", None)
        if name.startswith("__") or not fields or name not in fields:
            return 0
        definition = fields[name]
        try:
            arguments = get_argument_values(definition, node, self.variables)
        except GraphQLError as error:
            self.problems.append(with_code(error, ProblemCode.INVALID_PARAMETER))
            return 0
        self.check_arguments(node, parent, arguments)
        inner = self.cost(node.selection_set, get_named_type(definition.type))
        if not is_list_type(get_nullable_type(definition.type)):
            return inner
        return self.list_size(name, definition, arguments) * (1 + inner)

    @staticmethod
    def list_size(name: str, definition: Any, arguments: dict[str, Any]) -> int:
        limit_argument = definition.args.get("limit")
        if limit_argument is None:
            known = LIST_SIZES.get(name)
            return known() if known else neuro_settings.GRAPHQL_COST_LIST_SIZE
        if get_named_type(limit_argument.type).name == "PositiveInt":  # grapple's QuerySetList
            default, maximum = grapple_settings.PAGE_SIZE, grapple_settings.MAX_PAGE_SIZE
        else:
            default, maximum = (
                neuro_settings.GRAPHQL_DEFAULT_LIMIT,
                neuro_settings.GRAPHQL_MAX_LIMIT,
            )
        limit = arguments.get("limit")
        if not isinstance(limit, int) or limit < 1:
            limit = default
        return min(limit, maximum)

    def check_arguments(
        self, node: FieldNode, parent: GraphQLNamedType, arguments: dict[str, Any]
    ) -> None:
        literals = {  # grapple's PositiveInt reads a literal -1 as null: judge the literal
            argument.name.value: argument.value.value
            for argument in node.arguments
            if isinstance(argument.value, IntValueNode)
        }
        for name, value in [*literals.items(), *arguments.items()]:
            if problem := argument_problem(name, value):
                self.problems.append(argument_error(f"{node.name.value}: {problem}", node))
                return
        graphene_type = getattr(parent, "graphene_type", None)
        if (
            node.name.value in ("rendition", "srcSet")
            and isinstance(parent, GraphQLObjectType)
            and isinstance(graphene_type, type)
            and issubclass(graphene_type, ImageObjectType)
        ):
            field = "rendition" if node.name.value == "rendition" else "srcSet"
            if problem := rendition_problem(field, arguments):
                self.problems.append(argument_error(problem, node))


def argument_problem(name: str, value: Any) -> str | None:
    """The REST rules for one argument value (:mod:`wagtail_neuro.api.inputs`)."""
    if name in INTEGER_ARGUMENTS and isinstance(value, int | str) and not isinstance(value, bool):
        return integer_problem(name, str(value))
    for text in value if isinstance(value, list) else [value]:
        if isinstance(text, str) and (problem := text_problem(name, text)):
            return problem
    return None


def inspect_operation(
    schema: GraphQLSchema,
    document: Any,
    operation: OperationDefinitionNode,
    variables: dict[str, Any],
) -> list[GraphQLError]:
    """The reasons to refuse ``operation`` (argument problems, then the cost), or ``[]``."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    if root is None:
        return []
    inspector = OperationInspector(schema, fragments, variables)
    cost = inspector.cost(operation.selection_set, root)
    if inspector.problems:
        return inspector.problems
    maximum = neuro_settings.GRAPHQL_MAX_COST
    if cost > maximum:
        name = operation.name.value if operation.name else "anonymous"
        return [
            GraphQLError(
                f"Operation '{name}' could return about {cost:,} objects (list sizes multiplied "
                f"through nesting); at most {maximum:,} are allowed. Ask for smaller limits or "
                "fewer nested lists.",
                operation,
                extensions={"code": str(ProblemCode.QUERY_TOO_COMPLEX)},
            )
        ]
    return []
