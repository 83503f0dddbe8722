"""The weekly team question (team.question_day, team_question, team_reply), the index a thread reply finds its
parent by, and the record of retired bank ids already handled (retired_item)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders SQLModel's string type as sqlmodel.sql.sqltypes.AutoString
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema. Existing teams keep the question off until a lead picks a day."""
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("question_day", sa.Integer(), nullable=True))
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index("ix_delivery_channel_ts", ["channel", "ts"], unique=False)
    op.create_table(
        "team_question",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("delivery_id"),
    )
    with op.batch_alter_table("team_question", schema=None) as batch_op:
        batch_op.create_index("ix_team_question_team_date", ["team_id", "local_date"], unique=False)
    op.create_table(
        "team_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("skill", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["team_question.delivery_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("delivery_id", "message_ts", name="uq_team_reply_message"),
    )
    with op.batch_alter_table("team_reply", schema=None) as batch_op:
        batch_op.create_index("ix_team_reply_team_created", ["team_id", "created_at"], unique=False)
        batch_op.create_index("ix_team_reply_user_created", ["user_id", "created_at"], unique=False)
    op.create_table(
        "retired_item",
        sa.Column("bank", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("item_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("replaced_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("bank", "item_id"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("retired_item")
    with op.batch_alter_table("team_reply", schema=None) as batch_op:
        batch_op.drop_index("ix_team_reply_user_created")
        batch_op.drop_index("ix_team_reply_team_created")
    op.drop_table("team_reply")
    with op.batch_alter_table("team_question", schema=None) as batch_op:
        batch_op.drop_index("ix_team_question_team_date")
    op.drop_table("team_question")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_channel_ts")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("question_day")
