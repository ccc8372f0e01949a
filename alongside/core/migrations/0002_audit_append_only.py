from django.db import migrations

REFUSE = """
CREATE FUNCTION core_auditevent_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER core_auditevent_append_only
  BEFORE UPDATE OR DELETE ON core_auditevent
  FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_change();
"""

ALLOW = """
DROP TRIGGER core_auditevent_append_only ON core_auditevent;
DROP FUNCTION core_auditevent_refuse_change();
"""


class Migration(migrations.Migration):
    """The database itself refuses UPDATE and DELETE on audit rows, whatever the application does."""

    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunSQL(REFUSE, ALLOW)]
