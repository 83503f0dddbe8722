"""Focus skills: a four-weekly offer of a focus skill to each person, what they chose and what changed (focus)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 18:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "focus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("suggested", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("first_tries", sa.Integer(), nullable=True),
        sa.Column("first_best", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("ended_asked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "offered_on", name="uq_focus_user_day"),
    )
    with op.batch_alter_table("focus", schema=None) as batch_op:
        batch_op.create_index("ix_focus_user_latest", ["user_id", "id"], unique=False)
        batch_op.create_index("ix_focus_team_offered", ["team_id", "offered_at"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("focus", schema=None) as batch_op:
        batch_op.drop_index("ix_focus_team_offered")
        batch_op.drop_index("ix_focus_user_latest")
    op.drop_table("focus")
