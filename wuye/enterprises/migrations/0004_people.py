import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0003_post_certificate"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.CreateModel(
            name="HistoricalTermination",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("date", models.DateField(verbose_name="解除日期")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("agreed", "协商一致解除（第36条）"),
                            ("employee_notice", "劳动者提前通知解除（第37条）"),
                            ("employer_fault", "劳动者因用人单位过错解除（第38条）"),
                            ("for_cause", "过失性辞退（第39条）"),
                            ("with_notice", "无过失性辞退（第40条）"),
                            ("redundancy", "经济性裁员（第41条）"),
                            ("expired", "劳动合同期满（第44条）"),
                            ("retired", "依法享受养老保险待遇或退休（第44条）"),
                            ("other_lawful", "其他法定终止情形（第44条）"),
                            ("none", "其他/未注明理由"),
                        ],
                        max_length=20,
                        verbose_name="理由类别",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="说明")),
                ("reviewed_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="复核时间")),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[("lawful", "经复核合法"), ("unlawful", "经复核违法")],
                        max_length=10,
                        verbose_name="复核结论",
                    ),
                ),
                ("review_note", models.TextField(blank=True, verbose_name="复核意见")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "employment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.employment",
                        verbose_name="劳动关系",
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
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="复核人",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 解除劳动关系",
                "verbose_name_plural": "historical 解除劳动关系",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTrainingSession",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("held_on", models.DateField(verbose_name="培训日期")),
                ("topic", models.CharField(max_length=200, verbose_name="培训内容")),
                (
                    "hours",
                    models.DecimalField(
                        decimal_places=1,
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.5"))],
                        verbose_name="学时",
                    ),
                ),
                ("trainer", models.CharField(max_length=50, verbose_name="培训讲师")),
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
            ],
            options={
                "verbose_name": "historical 培训",
                "verbose_name_plural": "historical 培训",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalWagePayment",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("month", models.DateField(help_text="所属月份的第一天。", verbose_name="工资月份")),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=12,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                        verbose_name="实发金额（元）",
                    ),
                ),
                ("paid_on", models.DateField(verbose_name="发放日期")),
                (
                    "method",
                    models.CharField(
                        choices=[("bank", "银行代发"), ("cash", "现金"), ("other", "其他")],
                        default="bank",
                        max_length=10,
                        verbose_name="发放方式",
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
                    "employment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.employment",
                        verbose_name="劳动关系",
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
            ],
            options={
                "verbose_name": "historical 工资发放",
                "verbose_name_plural": "historical 工资发放",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Termination",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("date", models.DateField(verbose_name="解除日期")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("agreed", "协商一致解除（第36条）"),
                            ("employee_notice", "劳动者提前通知解除（第37条）"),
                            ("employer_fault", "劳动者因用人单位过错解除（第38条）"),
                            ("for_cause", "过失性辞退（第39条）"),
                            ("with_notice", "无过失性辞退（第40条）"),
                            ("redundancy", "经济性裁员（第41条）"),
                            ("expired", "劳动合同期满（第44条）"),
                            ("retired", "依法享受养老保险待遇或退休（第44条）"),
                            ("other_lawful", "其他法定终止情形（第44条）"),
                            ("none", "其他/未注明理由"),
                        ],
                        max_length=20,
                        verbose_name="理由类别",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="说明")),
                ("reviewed_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="复核时间")),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[("lawful", "经复核合法"), ("unlawful", "经复核违法")],
                        max_length=10,
                        verbose_name="复核结论",
                    ),
                ),
                ("review_note", models.TextField(blank=True, verbose_name="复核意见")),
                (
                    "employment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="termination",
                        to="enterprises.employment",
                        verbose_name="劳动关系",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="复核人",
                    ),
                ),
            ],
            options={
                "verbose_name": "解除劳动关系",
                "verbose_name_plural": "解除劳动关系",
                "ordering": ["-date", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TrainingAttendance",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "staff",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendance",
                        to="enterprises.staff",
                        verbose_name="员工",
                    ),
                ),
            ],
            options={"verbose_name": "培训签到", "verbose_name_plural": "培训签到", "ordering": ["session", "staff"]},
        ),
        migrations.CreateModel(
            name="TrainingSession",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("held_on", models.DateField(verbose_name="培训日期")),
                ("topic", models.CharField(max_length=200, verbose_name="培训内容")),
                (
                    "hours",
                    models.DecimalField(
                        decimal_places=1,
                        max_digits=5,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.5"))],
                        verbose_name="学时",
                    ),
                ),
                ("trainer", models.CharField(max_length=50, verbose_name="培训讲师")),
                (
                    "attendees",
                    models.ManyToManyField(
                        blank=True,
                        related_name="trainings",
                        through="enterprises.TrainingAttendance",
                        to="enterprises.staff",
                        verbose_name="参训员工",
                    ),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="trainings",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
            ],
            options={
                "verbose_name": "培训",
                "verbose_name_plural": "培训",
                "ordering": ["-held_on", "-pk"],
                "indexes": [models.Index(fields=["enterprise", "held_on"], name="training_enterprise_day")],
            },
        ),
        migrations.AddField(
            model_name="trainingattendance",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attendance",
                to="enterprises.trainingsession",
                verbose_name="培训",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalTrainingAttendance",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
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
                    "staff",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.staff",
                        verbose_name="员工",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.trainingsession",
                        verbose_name="培训",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 培训签到",
                "verbose_name_plural": "historical 培训签到",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="WagePayment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("month", models.DateField(help_text="所属月份的第一天。", verbose_name="工资月份")),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=12,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                        verbose_name="实发金额（元）",
                    ),
                ),
                ("paid_on", models.DateField(verbose_name="发放日期")),
                (
                    "method",
                    models.CharField(
                        choices=[("bank", "银行代发"), ("cash", "现金"), ("other", "其他")],
                        default="bank",
                        max_length=10,
                        verbose_name="发放方式",
                    ),
                ),
                (
                    "employment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wages",
                        to="enterprises.employment",
                        verbose_name="劳动关系",
                    ),
                ),
            ],
            options={
                "verbose_name": "工资发放",
                "verbose_name_plural": "工资发放",
                "ordering": ["-month", "employment"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("employment", "month"),
                        name="wage_one_per_employment_month",
                        violation_error_message="该员工该月份的工资已登记。",
                    ),
                    models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="wage_amount_positive"),
                ],
            },
        ),
        migrations.CreateModel(
            name="PolicyDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("occurred_at", models.DateTimeField(verbose_name="发生时间")),
                ("recorded_at", models.DateTimeField(editable=False, verbose_name="登记时间")),
                (
                    "channel",
                    models.CharField(
                        choices=[("web", "网页"), ("phone", "手机"), ("import", "导入"), ("api", "接口")],
                        editable=False,
                        max_length=10,
                        verbose_name="登记途径",
                    ),
                ),
                ("attachment", models.FileField(blank=True, upload_to="evidence/%Y/%m/", verbose_name="附件")),
                (
                    "attachment_sha256",
                    models.CharField(blank=True, editable=False, max_length=64, verbose_name="附件SHA-256"),
                ),
                ("backfilled", models.BooleanField(default=False, editable=False, verbose_name="补录")),
                ("chain", models.CharField(editable=False, max_length=40, verbose_name="证据链")),
                ("chain_seq", models.PositiveBigIntegerField(editable=False, verbose_name="链内序号")),
                ("prev_hash", models.CharField(editable=False, max_length=64, verbose_name="前一记录散列")),
                ("hash", models.CharField(editable=False, max_length=64, verbose_name="散列")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("internal_management", "内部管理制度"),
                            ("incentives", "激励制度"),
                            ("assessment", "考核制度"),
                            ("rewards_penalties", "奖惩制度"),
                        ],
                        max_length=30,
                        verbose_name="制度类别",
                    ),
                ),
                ("title", models.CharField(max_length=100, verbose_name="制度名称")),
                (
                    "corrects",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="enterprises.policydocument",
                        verbose_name="更正的记录",
                    ),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="policies",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
            ],
            options={
                "verbose_name": "管理制度",
                "verbose_name_plural": "管理制度",
                "ordering": ["-occurred_at", "-pk"],
                "abstract": False,
                "indexes": [
                    models.Index(fields=["enterprise", "category", "occurred_at"], name="policy_enterprise_cat_time")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("chain", "chain_seq"), name="enterprises_policydocument_chain_seq")
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="trainingattendance",
            constraint=models.UniqueConstraint(
                fields=("session", "staff"),
                name="training_attendance_once",
                violation_error_message="该员工已登记参加此次培训。",
            ),
        ),
    ]
