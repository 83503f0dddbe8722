"""Team settings for a weekly written-drill day and a weekly calibration round (team.write_day,
team.calibration_day, team.calibration_by), how a drill round is answered (drill_round.mode), and the day a
weekly round started (calibration_round.weekly_on, unique per team)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("write_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("calibration_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("calibration_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    with op.batch_alter_table("drill_round", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False, server_default="choose")
        )
    with op.batch_alter_table("calibration_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weekly_on", sa.Date(), nullable=True))
        batch_op.create_unique_constraint("uq_calibration_round_weekly", ["team_id", "weekly_on"])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("calibration_round", schema=None) as batch_op:
        batch_op.drop_constraint("uq_calibration_round_weekly", type_="unique")
        batch_op.drop_column("weekly_on")
    with op.batch_alter_table("drill_round", schema=None) as batch_op:
        batch_op.drop_column("mode")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("calibration_by")
        batch_op.drop_column("calibration_day")
        batch_op.drop_column("write_day")
