from django.db import migrations

REFUSE = """
CREATE TRIGGER core_auditevent_refuses_truncate
  BEFORE TRUNCATE ON core_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse_change();
"""

ALLOW = "DROP TRIGGER core_auditevent_refuses_truncate ON core_auditevent;"


class Migration(migrations.Migration):
    """The database refuses TRUNCATE on audit rows too (0002 refuses UPDATE and DELETE), with the same function.

    A TRUNCATE fires no row triggers, so it needs a statement trigger of its own. Emptying the whole database
    (flush, the demo's --replace) turns it off inside its own transaction, as the owner: see
    alongside/core/database_roles.py.
    """

    dependencies = [("core", "0005_auditevent_client_request_id")]
    operations = [migrations.RunSQL(REFUSE, ALLOW)]
