"""threads and turns remember the question's subjects (entity keys) and aspect

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('threads', 'turns'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('subjects', sa.JSON(), nullable=True))
            batch_op.add_column(sa.Column('aspect', sa.String(length=32), nullable=True))


def downgrade() -> None:
    for table in ('turns', 'threads'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('aspect')
            batch_op.drop_column('subjects')
