"""Written drills: a first reply someone wrote to a drill's customer and their self-review (drill_writing), and
the teammates asked to review it blind (drill_review)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 18:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "drill_writing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("drill_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("self_ticks", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("self_reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("offered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("drill_writing", schema=None) as batch_op:
        batch_op.create_index("ix_drill_writing_team_created", ["team_id", "created_at"], unique=False)
        batch_op.create_index("ix_drill_writing_user_created", ["user_id", "created_at"], unique=False)
    op.create_table(
        "drill_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("writing_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("ticks", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("feedback_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["writing_id"], ["drill_writing.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("drill_review", schema=None) as batch_op:
        batch_op.create_index("ix_drill_review_reviewer_asked", ["reviewer_id", "asked_at"], unique=False)
        batch_op.create_index("ix_drill_review_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index("ix_drill_review_team_answered", ["team_id", "answered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_drill_review_writing_id"), ["writing_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("drill_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drill_review_writing_id"))
        batch_op.drop_index("ix_drill_review_team_answered")
        batch_op.drop_index("ix_drill_review_status_due")
        batch_op.drop_index("ix_drill_review_reviewer_asked")
    op.drop_table("drill_review")
    with op.batch_alter_table("drill_writing", schema=None) as batch_op:
        batch_op.drop_index("ix_drill_writing_user_created")
        batch_op.drop_index("ix_drill_writing_team_created")
    op.drop_table("drill_writing")
