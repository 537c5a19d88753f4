import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("enterprises", "0004_people"),
        ("estates", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.CreateModel(
            name="ConstructionCase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("what", models.CharField(max_length=200, verbose_name="违建内容")),
                ("found_at", models.DateTimeField(verbose_name="发现时间")),
                ("warned_at", models.DateTimeField(blank=True, null=True, verbose_name="劝阻警告时间")),
                (
                    "warning_file",
                    models.FileField(
                        blank=True, upload_to="comanagement/warnings/%Y/", verbose_name="书面警告（告知书）"
                    ),
                ),
                ("reported_at", models.DateTimeField(blank=True, null=True, verbose_name="报告主管部门时间")),
                ("authority", models.CharField(blank=True, max_length=100, verbose_name="报告的部门")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="答复时间")),
                ("answer", models.TextField(blank=True, verbose_name="主管部门答复")),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "未结案"),
                            ("stopped", "业主自行停工"),
                            ("restored", "已拆除恢复原状"),
                            ("enforced", "由主管部门依法处理"),
                            ("other", "其他"),
                        ],
                        default="",
                        max_length=10,
                        verbose_name="处理结果",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("found", "已发现"),
                            ("warned", "已劝阻警告"),
                            ("reported", "已报告主管部门"),
                            ("answered", "主管部门已答复"),
                            ("closed", "已结案"),
                        ],
                        default="found",
                        editable=False,
                        max_length=10,
                        verbose_name="状态",
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="construction_cases",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="construction_cases",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "私搭乱建案件",
                "verbose_name_plural": "私搭乱建案件",
                "ordering": ["-found_at", "-pk"],
                "indexes": [models.Index(fields=["project", "found_at"], name="construction_project_found")],
            },
        ),
        migrations.CreateModel(
            name="CaseMove",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("old", models.CharField(blank=True, max_length=10, verbose_name="原状态")),
                (
                    "new",
                    models.CharField(
                        choices=[
                            ("found", "已发现"),
                            ("warned", "已劝阻警告"),
                            ("reported", "已报告主管部门"),
                            ("answered", "主管部门已答复"),
                            ("closed", "已结案"),
                        ],
                        max_length=10,
                        verbose_name="新状态",
                    ),
                ),
                ("at", models.DateTimeField(verbose_name="时间")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="登记时间")),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="moves",
                        to="comanagement.constructioncase",
                    ),
                ),
            ],
            options={
                "verbose_name": "案件状态变更",
                "verbose_name_plural": "案件状态变更",
                "ordering": ["case", "at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAnimalNotice",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("given_on", models.DateField(verbose_name="告知日期")),
                ("content", models.TextField(verbose_name="告知内容")),
                ("file", models.TextField(blank=True, max_length=100, verbose_name="告知书或张贴照片")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 饲养动物告知",
                "verbose_name_plural": "historical 饲养动物告知",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalConstructionCase",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("what", models.CharField(max_length=200, verbose_name="违建内容")),
                ("found_at", models.DateTimeField(verbose_name="发现时间")),
                ("warned_at", models.DateTimeField(blank=True, null=True, verbose_name="劝阻警告时间")),
                ("warning_file", models.TextField(blank=True, max_length=100, verbose_name="书面警告（告知书）")),
                ("reported_at", models.DateTimeField(blank=True, null=True, verbose_name="报告主管部门时间")),
                ("authority", models.CharField(blank=True, max_length=100, verbose_name="报告的部门")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="答复时间")),
                ("answer", models.TextField(blank=True, verbose_name="主管部门答复")),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "未结案"),
                            ("stopped", "业主自行停工"),
                            ("restored", "已拆除恢复原状"),
                            ("enforced", "由主管部门依法处理"),
                            ("other", "其他"),
                        ],
                        default="",
                        max_length=10,
                        verbose_name="处理结果",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("found", "已发现"),
                            ("warned", "已劝阻警告"),
                            ("reported", "已报告主管部门"),
                            ("answered", "主管部门已答复"),
                            ("closed", "已结案"),
                        ],
                        default="found",
                        editable=False,
                        max_length=10,
                        verbose_name="状态",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 私搭乱建案件",
                "verbose_name_plural": "historical 私搭乱建案件",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPet",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[("dog", "犬"), ("cat", "猫"), ("other", "其他宠物")],
                        max_length=10,
                        verbose_name="种类",
                    ),
                ),
                ("description", models.CharField(blank=True, max_length=100, verbose_name="品种、毛色等")),
                ("recorded_on", models.DateField(verbose_name="登记入册日期")),
                ("licence_number", models.CharField(blank=True, max_length=50, verbose_name="养犬登记证号")),
                ("rabies_vaccinated_on", models.DateField(blank=True, null=True, verbose_name="狂犬病疫苗接种日期")),
                (
                    "urged_on",
                    models.DateField(
                        blank=True,
                        help_text="告知业主到公安机关办理养犬登记的日期",
                        null=True,
                        verbose_name="督促办理登记日期",
                    ),
                ),
                ("gone_on", models.DateField(blank=True, null=True, verbose_name="迁出或死亡日期")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 宠物",
                "verbose_name_plural": "historical 宠物",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRegulatorEvent",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("petition", "群体上访"),
                            ("dispute", "重大纠纷"),
                            ("judgment", "败诉判决"),
                            ("malicious", "恶性事件"),
                            ("press", "负面报道"),
                            ("labour", "劳动争议裁决"),
                        ],
                        max_length=10,
                        verbose_name="事件类别",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="发生日期")),
                (
                    "source",
                    models.CharField(
                        help_text="如信访登记号、判决书编号、媒体名称", max_length=200, verbose_name="来源"
                    ),
                ),
                ("description", models.TextField(verbose_name="事件经过")),
                ("file", models.TextField(blank=True, max_length=100, verbose_name="附件")),
                ("recorded_at", models.DateTimeField(blank=True, editable=False, verbose_name="记录时间")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="记录人",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 监管记录事件",
                "verbose_name_plural": "historical 监管记录事件",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalUnauthorisedAnimal",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[("poultry", "家禽"), ("livestock", "家畜"), ("other", "其他动物")],
                        max_length=10,
                        verbose_name="种类",
                    ),
                ),
                ("description", models.CharField(max_length=200, verbose_name="情况")),
                ("found_at", models.DateTimeField(verbose_name="发现时间")),
                ("reported_at", models.DateTimeField(blank=True, null=True, verbose_name="报告职能部门时间")),
                ("authority", models.CharField(blank=True, max_length=100, verbose_name="报告的部门")),
                ("file", models.TextField(blank=True, max_length=100, verbose_name="报告或照片")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 擅自饲养动物",
                "verbose_name_plural": "historical 擅自饲养动物",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Pet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[("dog", "犬"), ("cat", "猫"), ("other", "其他宠物")],
                        max_length=10,
                        verbose_name="种类",
                    ),
                ),
                ("description", models.CharField(blank=True, max_length=100, verbose_name="品种、毛色等")),
                ("recorded_on", models.DateField(verbose_name="登记入册日期")),
                ("licence_number", models.CharField(blank=True, max_length=50, verbose_name="养犬登记证号")),
                ("rabies_vaccinated_on", models.DateField(blank=True, null=True, verbose_name="狂犬病疫苗接种日期")),
                (
                    "urged_on",
                    models.DateField(
                        blank=True,
                        help_text="告知业主到公安机关办理养犬登记的日期",
                        null=True,
                        verbose_name="督促办理登记日期",
                    ),
                ),
                ("gone_on", models.DateField(blank=True, null=True, verbose_name="迁出或死亡日期")),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pets",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="pets",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "宠物",
                "verbose_name_plural": "宠物",
                "ordering": ["project", "household", "pk"],
                "indexes": [models.Index(fields=["project", "kind"], name="pet_project_kind")],
            },
        ),
        migrations.CreateModel(
            name="RegulatorEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("petition", "群体上访"),
                            ("dispute", "重大纠纷"),
                            ("judgment", "败诉判决"),
                            ("malicious", "恶性事件"),
                            ("press", "负面报道"),
                            ("labour", "劳动争议裁决"),
                        ],
                        max_length=10,
                        verbose_name="事件类别",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="发生日期")),
                (
                    "source",
                    models.CharField(
                        help_text="如信访登记号、判决书编号、媒体名称", max_length=200, verbose_name="来源"
                    ),
                ),
                ("description", models.TextField(verbose_name="事件经过")),
                ("file", models.FileField(blank=True, upload_to="comanagement/events/%Y/", verbose_name="附件")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="记录时间")),
                (
                    "enterprise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="regulator_events",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="regulator_events",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="记录人",
                    ),
                ),
            ],
            options={
                "verbose_name": "监管记录事件",
                "verbose_name_plural": "监管记录事件",
                "ordering": ["-occurred_on", "-pk"],
                "indexes": [models.Index(fields=["enterprise", "occurred_on"], name="regulatorevent_enterprise_day")],
            },
        ),
        migrations.CreateModel(
            name="UnauthorisedAnimal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[("poultry", "家禽"), ("livestock", "家畜"), ("other", "其他动物")],
                        max_length=10,
                        verbose_name="种类",
                    ),
                ),
                ("description", models.CharField(max_length=200, verbose_name="情况")),
                ("found_at", models.DateTimeField(verbose_name="发现时间")),
                ("reported_at", models.DateTimeField(blank=True, null=True, verbose_name="报告职能部门时间")),
                ("authority", models.CharField(blank=True, max_length=100, verbose_name="报告的部门")),
                (
                    "file",
                    models.FileField(blank=True, upload_to="comanagement/animals/%Y/", verbose_name="报告或照片"),
                ),
                (
                    "household",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="unauthorised_animals",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="unauthorised_animals",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "擅自饲养动物",
                "verbose_name_plural": "擅自饲养动物",
                "ordering": ["-found_at", "-pk"],
                "indexes": [models.Index(fields=["project", "found_at"], name="unauthorised_project_found")],
            },
        ),
        migrations.CreateModel(
            name="AnimalNotice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("given_on", models.DateField(verbose_name="告知日期")),
                ("content", models.TextField(verbose_name="告知内容")),
                (
                    "file",
                    models.FileField(
                        blank=True, upload_to="comanagement/notices/%Y/", verbose_name="告知书或张贴照片"
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="animal_notices",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "饲养动物告知",
                "verbose_name_plural": "饲养动物告知",
                "ordering": ["-given_on", "-pk"],
                "indexes": [models.Index(fields=["project", "given_on"], name="animalnotice_project_day")],
            },
        ),
    ]
