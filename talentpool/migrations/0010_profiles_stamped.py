from django.db import migrations


class Migration(migrations.Migration):
    """The profiles' writes stamped (workstation/stamps/models.py): the figures and searches over
    the whole pool are keyed by their stamps instead of by reading every profile."""

    dependencies = [
        ("talentpool", "0009_briefing_count_indexes"),
        ("workstation", "0012_write_stamps"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE TRIGGER stamp_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            "ON talentpool_talentprofile FOR EACH STATEMENT EXECUTE FUNCTION "
            "workstation_stamp_write();",
            "DROP TRIGGER stamp_write ON talentpool_talentprofile;",
        ),
    ]
