"""Each scheduled send's next moment in UTC (next_send), the flag that has a team's moments recomputed, and the
indexes the minute's tick reads through

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 13:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema. Every existing team starts flagged, so the first tick after the upgrade plans it."""
    op.create_table(
        "next_send",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("team_id", "kind", "recipient"),
    )
    with op.batch_alter_table("next_send", schema=None) as batch_op:
        batch_op.create_index("ix_next_send_due_at", ["due_at"], unique=False)
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replan", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_index(
            "ix_team_replan",
            ["replan"],
            unique=False,
            postgresql_where=sa.text("replan"),
            sqlite_where=sa.text("replan"),
        )
        batch_op.create_index(batch_op.f("ix_team_members_synced_at"), ["members_synced_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_team_retention_days"), ["retention_days"], unique=False)
    # The tick's "any follow-up a week old?" probes this index instead of reading every feedback.
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_try_at"), ["try_at"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_try_at"))
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_retention_days"))
        batch_op.drop_index(batch_op.f("ix_team_members_synced_at"))
        batch_op.drop_index("ix_team_replan")
        batch_op.drop_column("replan")
    with op.batch_alter_table("next_send", schema=None) as batch_op:
        batch_op.drop_index("ix_next_send_due_at")
    op.drop_table("next_send")
