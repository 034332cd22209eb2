"""Pure Python domain: enums, value objects and rules. No Qt, no SQLAlchemy."""
