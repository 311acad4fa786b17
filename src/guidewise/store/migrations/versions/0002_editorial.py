"""editorial workflow: unique audit chain links, article reviser and retirement, user last login

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_audit_log_prev_hash', ['prev_hash'])
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revised_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key('fk_articles_revised_by_users', 'users', ['revised_by'], ['id'])
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_login_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_login_at')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint('fk_articles_revised_by_users', type_='foreignkey')
        batch_op.drop_column('retired_at')
        batch_op.drop_column('revised_by')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint('uq_audit_log_prev_hash', type_='unique')
