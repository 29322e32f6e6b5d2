from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["next_due", "registered_at", "report", "unit", "state"], name="cases_order_due_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["registered_at", "report", "unit", "state"], name="cases_order_time_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["-urgent", "-priority", "registered_at", "report", "unit", "state"],
                name="cases_order_priority_idx",
            ),
        ),
    ]
