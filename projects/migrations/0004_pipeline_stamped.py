from django.db import migrations

# What the briefing's pipeline figures and the dashboard's expo figures read
# (workstation/stamps/models.py): keyed by their stamps instead of by reading the rows.
TABLES = ("projects_project", "projects_stagechange", "projects_match", "projects_demand")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_pdf_record"),
        ("workstation", "0012_write_stamps"),
    ]

    operations = [
        migrations.RunSQL(
            [
                f"CREATE TRIGGER stamp_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION workstation_stamp_write();"
                for table in TABLES
            ],
            [f"DROP TRIGGER stamp_write ON {table};" for table in TABLES],
        ),
    ]
