"""``comments.threads``: a flat, oldest-first list becomes numbered threads.

The module is pure, so the comments here are unsaved objects with a primary key.
"""

from comments.models import Comment
from comments.threads import Node, build_thread, count


def comment(pk: int, parent: int | None = None) -> Comment:
    return Comment(pk=pk, parent_id=parent, body=f"Comment {pk}")


def numbered(nodes: list[Node]) -> list[tuple[str, int]]:
    """(number, pk) of every node, depth first, in the order shown."""
    out = []
    for node in nodes:
        out.append((node.number, node.comment.pk))
        out.extend(numbered(node.replies))
    return out


def test_top_level_comments_are_numbered_one_two_three():
    nodes = build_thread([comment(10), comment(11), comment(12)])

    assert numbered(nodes) == [("1", 10), ("2", 11), ("3", 12)]
    assert all(n.replies == [] for n in nodes)


def test_replies_are_numbered_under_their_parent():
    comments = [
        comment(1),
        comment(2),
        comment(3, parent=1),
        comment(4, parent=2),
        comment(5, parent=1),
    ]

    nodes = build_thread(comments)

    assert numbered(nodes) == [("1", 1), ("1.1", 3), ("1.2", 5), ("2", 2), ("2.1", 4)]
    assert [r.comment.pk for r in nodes[0].replies] == [3, 5]
    assert [r.comment.pk for r in nodes[1].replies] == [4]


def test_replies_to_replies_are_numbered_one_level_deeper():
    nodes = build_thread([comment(1), comment(2, parent=1), comment(3, parent=2)])

    assert numbered(nodes) == [("1", 1), ("1.1", 2), ("1.1.1", 3)]


def test_reply_whose_parent_is_missing_is_left_out():
    # Comment 7 replies to 6, which is removed or still waiting (not in the list).
    comments = [comment(1), comment(7, parent=6), comment(8, parent=1), comment(9)]

    nodes = build_thread(comments)

    assert numbered(nodes) == [("1", 1), ("1.1", 8), ("2", 9)]


def test_reply_to_a_left_out_reply_is_left_out_too():
    comments = [comment(1), comment(3, parent=2), comment(4, parent=3)]

    assert numbered(build_thread(comments)) == [("1", 1)]


def test_numbering_skips_nothing_when_a_reply_is_left_out():
    comments = [comment(1), comment(2, parent=99), comment(3, parent=1)]

    assert numbered(build_thread(comments)) == [("1", 1), ("1.1", 3)]


def test_order_of_the_list_is_kept():
    comments = [comment(30), comment(10), comment(20, parent=30), comment(5, parent=30)]

    nodes = build_thread(comments)

    assert [n.comment.pk for n in nodes] == [30, 10]
    assert [r.comment.pk for r in nodes[0].replies] == [20, 5]


def test_empty_list_gives_no_threads():
    assert build_thread([]) == []
    assert count([]) == 0


def test_count_counts_every_node_at_every_depth():
    comments = [
        comment(1),
        comment(2, parent=1),
        comment(3, parent=2),
        comment(4),
        comment(5, parent=4),
    ]

    assert count(build_thread(comments)) == 5


def test_count_leaves_out_replies_that_are_not_shown():
    comments = [comment(1), comment(2, parent=1), comment(3, parent=42)]

    assert count(build_thread(comments)) == 2


def test_build_thread_accepts_a_generator():
    nodes = build_thread(comment(pk) for pk in (1, 2))

    assert [n.number for n in nodes] == ["1", "2"]
