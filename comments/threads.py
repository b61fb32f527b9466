"""Arrange a flat, ordered list of comments into numbered threads."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Comment


@dataclass(slots=True)
class Node:
    comment: Comment
    number: str
    replies: list["Node"] = field(default_factory=list)


def build_thread(comments: Iterable[Comment]) -> list[Node]:
    """Top-level comments are numbered 1, 2, 3; replies 1.1, 1.2 under them.

    ``comments`` must be oldest first (one query). A reply whose parent is not in
    the list (removed, or still waiting) is not shown: it would lose its context.
    """
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for comment in comments:
        if comment.parent_id is None:
            node = Node(comment, str(len(roots) + 1))
            roots.append(node)
        elif (parent := nodes.get(comment.parent_id)) is not None:
            node = Node(comment, f"{parent.number}.{len(parent.replies) + 1}")
            parent.replies.append(node)
        else:
            continue
        nodes[comment.pk] = node
    return roots


def count(nodes: list[Node]) -> int:
    """How many comments the thread shows."""
    return len(nodes) + sum(count(node.replies) for node in nodes if node.replies)


def walk(nodes: list[Node]):
    """Every node, depth first: each comment, then its replies."""
    for node in nodes:
        yield node
        yield from walk(node.replies)
