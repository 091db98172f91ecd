# The points now have their own source and date; the previous migration filled them in.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0004_points_with_sources_and_backgrounds"),
    ]

    operations = [
        operation
        for model in ("programme", "historicalprogramme")
        for operation in (
            migrations.AlterField(
                model_name=model,
                name="source",
                field=models.CharField(
                    help_text="Who published it, e.g. ibukotakini.com or KPU Kota Balikpapan.",
                    max_length=300,
                    verbose_name="source",
                ),
            ),
            migrations.AlterField(
                model_name=model,
                name="as_of",
                field=models.DateField(
                    help_text="Date of the source, e.g. 23-10-2024.", verbose_name="as of"
                ),
            ),
        )
    ]
