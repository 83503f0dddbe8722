"""Practice drills: each person's Leitner box per drill (drill_card), every drill put in front of someone
(drill_round), and the team's drill days (team.drill_days)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 17:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema. Existing teams keep drill days off until a lead picks some."""
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("drill_days", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    op.create_table(
        "drill_card",
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("drill_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("box", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "drill_id"),
    )
    with op.batch_alter_table("drill_card", schema=None) as batch_op:
        batch_op.create_index("ix_drill_card_user_due", ["user_id", "due_on"], unique=False)
    op.create_table(
        "drill_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("drill_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review", sa.Boolean(), nullable=False),
        sa.Column("choice", sa.Integer(), nullable=True),
        sa.Column("confidence", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("best", sa.Boolean(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("delivery_id"),
    )
    with op.batch_alter_table("drill_round", schema=None) as batch_op:
        batch_op.create_index("ix_drill_round_team_answered", ["team_id", "answered_at"], unique=False)
        batch_op.create_index("ix_drill_round_user_answered", ["user_id", "answered_at"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("drill_round", schema=None) as batch_op:
        batch_op.drop_index("ix_drill_round_user_answered")
        batch_op.drop_index("ix_drill_round_team_answered")
    op.drop_table("drill_round")
    with op.batch_alter_table("drill_card", schema=None) as batch_op:
        batch_op.drop_index("ix_drill_card_user_due")
    op.drop_table("drill_card")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("drill_days")
