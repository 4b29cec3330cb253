from portfolio.testing import editor_user, fast_password_hashing, member_user, schema, staff_user

__all__ = ["editor_user", "fast_password_hashing", "member_user", "schema", "staff_user"]
