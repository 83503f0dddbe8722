"""Calibration rounds: a team rates one sample reply together (calibration_round, calibration_rating)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "calibration_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("drill_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("sample", sa.Integer(), nullable=False),
        sa.Column("started_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("calibration_round", schema=None) as batch_op:
        batch_op.create_index("ix_calibration_round_open", ["revealed_at", "closes_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_calibration_round_team_id"), ["team_id"], unique=False)
    op.create_table(
        "calibration_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("ticks", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["calibration_round.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "user_id", name="uq_calibration_rating_rater"),
    )
    with op.batch_alter_table("calibration_rating", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calibration_rating_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("calibration_rating", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calibration_rating_user_id"))
    op.drop_table("calibration_rating")
    with op.batch_alter_table("calibration_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calibration_round_team_id"))
        batch_op.drop_index("ix_calibration_round_open")
    op.drop_table("calibration_round")
