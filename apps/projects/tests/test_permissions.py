"""The role table of DESIGN §3, pinned row by row. The authorization harness
(tests/quality/authz.py) derives every route's and stream's expectations from
`ROLE_ACTIONS`; this is what keeps the table itself honest."""

from apps.projects.models import Role
from apps.projects.permissions import (
    COMMENT,
    DELETE,
    MANAGE,
    READ,
    RESOLVE,
    ROLE_ACTIONS,
    UPLOAD,
    VIEW_ATTENTION,
    VIEW_INTERNAL,
)


def test_role_table_is_the_designs():
    design = {
        READ: {"owner", "manager", "editor", "reviewer", "viewer"},
        COMMENT: {"owner", "manager", "editor", "reviewer"},
        UPLOAD: {"owner", "manager", "editor"},
        RESOLVE: {"owner", "manager", "editor", "reviewer"},
        MANAGE: {"owner", "manager"},
        DELETE: {"owner"},
        VIEW_INTERNAL: {"owner", "manager", "editor", "viewer"},  # not the reviewer: the client
        VIEW_ATTENTION: {"owner", "manager", "editor"},  # issue 20: the team, never the client side
    }
    roles = {str(role) for role in ROLE_ACTIONS}
    assert roles == set(Role.values) == {"owner", "manager", "editor", "reviewer", "viewer"}
    assert {action: {r for r in roles if action in ROLE_ACTIONS[r]} for action in design} == design
    assert set().union(*ROLE_ACTIONS.values()) == set(design)
