"""Peer feedback, self-ratings, feedback partners, weekly summaries, retention

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:17:11.055613

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("giver_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("recipient_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("keep_doing", sa.Text(), nullable=True),
        sa.Column("do_differently", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("thanked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("try_text", sa.Text(), nullable=True),
        sa.Column("try_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_giver_id"), ["giver_id"], unique=False)
        batch_op.create_index("ix_feedback_recipient_created", ["recipient_id", "created_at"], unique=False)
        batch_op.create_index("ix_feedback_team_created", ["team_id", "created_at"], unique=False)

    op.create_table(
        "pairing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("user_a", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_b", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_c", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "week", "user_a", name="uq_pairing_member_week"),
    )
    op.create_table(
        "selfrating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["answer.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("selfrating", schema=None) as batch_op:
        batch_op.create_index("ix_selfrating_user_created", ["user_id", "created_at"], unique=False)

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "summary_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False, server_default="08:30"
            )
        )
        batch_op.add_column(sa.Column("pairing_enabled", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("retention_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("retention_days")
        batch_op.drop_column("pairing_enabled")
        batch_op.drop_column("summary_time")

    with op.batch_alter_table("selfrating", schema=None) as batch_op:
        batch_op.drop_index("ix_selfrating_user_created")

    op.drop_table("selfrating")
    op.drop_table("pairing")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_team_created")
        batch_op.drop_index("ix_feedback_recipient_created")
        batch_op.drop_index(batch_op.f("ix_feedback_giver_id"))

    op.drop_table("feedback")
