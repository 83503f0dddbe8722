"""Lessons brought back: an answer marked worth remembering (answer.remember), a person's choice to have them
(person.lessons), what they said when one came back (lesson_reply), and the index a tick reads the remembered
answers of the people whose prompt time has come through

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 18:30:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remember", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(
            "ix_answer_remembered",
            ["user_id"],
            unique=False,
            postgresql_where=sa.text("remember"),
            sqlite_where=sa.text("remember"),
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lessons", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        "lesson_reply",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("response", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("delivery_id"),
    )
    with op.batch_alter_table("lesson_reply", schema=None) as batch_op:
        batch_op.create_index("ix_lesson_reply_team_replied", ["team_id", "replied_at"], unique=False)
        batch_op.create_index("ix_lesson_reply_user_replied", ["user_id", "replied_at"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("lesson_reply", schema=None) as batch_op:
        batch_op.drop_index("ix_lesson_reply_user_replied")
        batch_op.drop_index("ix_lesson_reply_team_replied")
    op.drop_table("lesson_reply")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("lessons")
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index("ix_answer_remembered")
        batch_op.drop_column("remember")
