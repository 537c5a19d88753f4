import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("estates", "0001_initial"),
        ("finance", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.AddField(
            model_name="historicalstatement",
            name="parking_to_shortfall",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("0.00"),
                max_digits=14,
                validators=[django.core.validators.MinValueValidator(Decimal("0.00"), "金额不能为负数。")],
                verbose_name="停车收入弥补物业费不足金额（元）",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="parking_to_shortfall",
            field=models.DecimalField(
                decimal_places=2,
                default=Decimal("0.00"),
                max_digits=14,
                validators=[django.core.validators.MinValueValidator(Decimal("0.00"), "金额不能为负数。")],
                verbose_name="停车收入弥补物业费不足金额（元）",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalFeeNotice",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("published_on", models.DateField(verbose_name="公示日期")),
                ("company_name", models.CharField(max_length=100, verbose_name="物业服务企业名称")),
                ("payer", models.CharField(default="全体业主及物业使用人", max_length=100, verbose_name="收费对象")),
                ("service_content", models.TextField(verbose_name="服务内容")),
                ("service_standard", models.TextField(verbose_name="服务标准")),
                (
                    "billing_method",
                    models.CharField(default="按房屋建筑面积按月计收", max_length=100, verbose_name="计费方式"),
                ),
                ("billing_start_date", models.DateField(verbose_name="计费起始时间")),
                (
                    "fee_basis",
                    models.CharField(
                        help_text="如价格主管部门批准文件文号或物业服务合同", max_length=200, verbose_name="收费依据"
                    ),
                ),
                (
                    "price_complaint_hotline",
                    models.CharField(
                        default="12358",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator("^\\d+$", "价格举报电话只能填数字，如12358。")
                        ],
                        verbose_name="价格举报电话",
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
                "verbose_name": "historical 收费公示",
                "verbose_name_plural": "historical 收费公示",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOwnersVote",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("held_on", models.DateField(verbose_name="表决日期")),
                ("subject", models.CharField(max_length=200, verbose_name="表决事项")),
                ("owners_total", models.PositiveIntegerField(verbose_name="业主总人数")),
                (
                    "area_total",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="专有部分总面积（㎡）"),
                ),
                ("owners_participating", models.PositiveIntegerField(verbose_name="参与表决人数")),
                (
                    "area_participating",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="参与表决面积（㎡）"),
                ),
                ("owners_in_favour", models.PositiveIntegerField(verbose_name="同意人数")),
                (
                    "area_in_favour",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="同意面积（㎡）"),
                ),
                ("minutes", models.TextField(blank=True, max_length=100, verbose_name="表决记录文件")),
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
                "verbose_name": "historical 业主表决",
                "verbose_name_plural": "historical 业主表决",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParkingRules",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("rules", models.TextField(verbose_name="停车管理规定")),
                (
                    "above_ground_rent",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="地上车位年租金（元/个·年）"),
                ),
                (
                    "under_ground_rent",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="地下车位租金（元/个·月）"
                    ),
                ),
                ("published_on", models.DateField(verbose_name="公布日期")),
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
                "verbose_name": "historical 停车管理规定",
                "verbose_name_plural": "historical 停车管理规定",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParkingSpace",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("number", models.CharField(max_length=30, verbose_name="车位编号")),
                (
                    "level",
                    models.CharField(
                        choices=[("above", "地上"), ("under", "地下")], max_length=10, verbose_name="位置类别"
                    ),
                ),
                ("location", models.CharField(blank=True, max_length=100, verbose_name="具体位置")),
                (
                    "ownership",
                    models.CharField(
                        choices=[("common", "全体业主共有"), ("developer", "开发商"), ("private", "业主产权")],
                        max_length=12,
                        verbose_name="产权归属",
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
                "verbose_name": "historical 停车位",
                "verbose_name_plural": "historical 停车位",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="OwnersVote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("held_on", models.DateField(verbose_name="表决日期")),
                ("subject", models.CharField(max_length=200, verbose_name="表决事项")),
                ("owners_total", models.PositiveIntegerField(verbose_name="业主总人数")),
                (
                    "area_total",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="专有部分总面积（㎡）"),
                ),
                ("owners_participating", models.PositiveIntegerField(verbose_name="参与表决人数")),
                (
                    "area_participating",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="参与表决面积（㎡）"),
                ),
                ("owners_in_favour", models.PositiveIntegerField(verbose_name="同意人数")),
                (
                    "area_in_favour",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="同意面积（㎡）"),
                ),
                ("minutes", models.FileField(blank=True, upload_to="finance/votes/%Y/", verbose_name="表决记录文件")),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="owners_votes",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "业主表决",
                "verbose_name_plural": "业主表决",
                "ordering": ["-held_on", "-pk"],
                "indexes": [models.Index(fields=["project", "held_on"], name="ownersvote_project_day")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("area_total__gt", 0), ("owners_total__gt", 0)),
                        name="ownersvote_totals_positive",
                        violation_error_message="业主总人数和总面积必须大于0。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("owners_in_favour__lte", models.F("owners_participating")),
                            ("owners_participating__lte", models.F("owners_total")),
                        ),
                        name="ownersvote_owners_nested",
                        violation_error_message="同意人数不能多于参与人数，参与人数不能多于总人数。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("area_in_favour__gte", 0),
                            ("area_in_favour__lte", models.F("area_participating")),
                            ("area_participating__lte", models.F("area_total")),
                        ),
                        name="ownersvote_area_nested",
                        violation_error_message="同意面积不能大于参与面积，参与面积不能大于总面积。",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCommonAreaUse",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("advertising", "广告"),
                            ("rented_room", "公共用房出租"),
                            ("telecom", "通信基站"),
                            ("venue", "场地经营"),
                            ("change_of_use", "改变用途"),
                            ("other", "其他"),
                        ],
                        max_length=20,
                        verbose_name="类别",
                    ),
                ),
                ("location", models.CharField(max_length=100, verbose_name="位置")),
                ("description", models.TextField(blank=True, verbose_name="内容")),
                ("counterparty", models.CharField(blank=True, max_length=100, verbose_name="合作方")),
                ("start", models.DateField(verbose_name="开始日期")),
                ("end", models.DateField(blank=True, null=True, verbose_name="结束日期")),
                (
                    "yearly_fee",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="约定年收费（元）"
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
                    "vote",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.ownersvote",
                        verbose_name="授权的业主表决",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 共用部位经营",
                "verbose_name_plural": "historical 共用部位经营",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="CommonAreaUse",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("advertising", "广告"),
                            ("rented_room", "公共用房出租"),
                            ("telecom", "通信基站"),
                            ("venue", "场地经营"),
                            ("change_of_use", "改变用途"),
                            ("other", "其他"),
                        ],
                        max_length=20,
                        verbose_name="类别",
                    ),
                ),
                ("location", models.CharField(max_length=100, verbose_name="位置")),
                ("description", models.TextField(blank=True, verbose_name="内容")),
                ("counterparty", models.CharField(blank=True, max_length=100, verbose_name="合作方")),
                ("start", models.DateField(verbose_name="开始日期")),
                ("end", models.DateField(blank=True, null=True, verbose_name="结束日期")),
                (
                    "yearly_fee",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="约定年收费（元）"
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="common_area_uses",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "vote",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uses",
                        to="finance.ownersvote",
                        verbose_name="授权的业主表决",
                    ),
                ),
            ],
            options={
                "verbose_name": "共用部位经营",
                "verbose_name_plural": "共用部位经营",
                "ordering": ["-start", "-pk"],
                "indexes": [models.Index(fields=["project", "start"], name="commonareause_project_start")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("end__isnull", True), ("end__gte", models.F("start")), _connector="OR"),
                        name="commonareause_end_after_start",
                        violation_error_message="结束日期不能早于开始日期。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("yearly_fee__isnull", True), ("yearly_fee__gte", 0), _connector="OR"),
                        name="commonareause_fee_not_negative",
                        violation_error_message="约定年收费不能为负数。",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ParkingLease",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("start", models.DateField(verbose_name="起租日期")),
                ("end", models.DateField(verbose_name="到期日期")),
                (
                    "billing_months",
                    models.PositiveSmallIntegerField(
                        default=12, help_text="按年收取填12。", verbose_name="收费周期（月）"
                    ),
                ),
                ("rent", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="每期租金（元）")),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="parking_leases",
                        to="estates.household",
                        verbose_name="承租房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={"verbose_name": "车位租赁", "verbose_name_plural": "车位租赁", "ordering": ["-start", "-pk"]},
        ),
        migrations.CreateModel(
            name="HistoricalParkingRentPayment",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("paid_on", models.DateField(verbose_name="收款日期")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="金额（元）")),
                ("period_start", models.DateField(verbose_name="租期起")),
                ("period_end", models.DateField(verbose_name="租期止")),
                (
                    "months",
                    models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name="覆盖月数"),
                ),
                ("receipt_number", models.CharField(max_length=40, verbose_name="收据或发票号")),
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
                        editable=False,
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
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "lease",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.parkinglease",
                        verbose_name="车位租赁",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 车位租金收款",
                "verbose_name_plural": "historical 车位租金收款",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ParkingRentPayment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("paid_on", models.DateField(verbose_name="收款日期")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="金额（元）")),
                ("period_start", models.DateField(verbose_name="租期起")),
                ("period_end", models.DateField(verbose_name="租期止")),
                (
                    "months",
                    models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name="覆盖月数"),
                ),
                ("receipt_number", models.CharField(max_length=40, verbose_name="收据或发票号")),
                (
                    "household",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.household",
                        verbose_name="房屋",
                    ),
                ),
                (
                    "lease",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="payments",
                        to="finance.parkinglease",
                        verbose_name="车位租赁",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "车位租金收款",
                "verbose_name_plural": "车位租金收款",
                "ordering": ["-paid_on", "-pk"],
                "indexes": [models.Index(fields=["project", "paid_on"], name="parkingrent_project_paid")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)),
                        name="parkingrent_amount_positive",
                        violation_error_message="金额必须大于0。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("period_end__gte", models.F("period_start"))),
                        name="parkingrent_period_ordered",
                        violation_error_message="租期止不能早于租期起。",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ParkingRules",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("rules", models.TextField(verbose_name="停车管理规定")),
                (
                    "above_ground_rent",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="地上车位年租金（元/个·年）"),
                ),
                (
                    "under_ground_rent",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="地下车位租金（元/个·月）"
                    ),
                ),
                ("published_on", models.DateField(verbose_name="公布日期")),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="parking_rules",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "停车管理规定",
                "verbose_name_plural": "停车管理规定",
                "ordering": ["-published_on", "-pk"],
                "indexes": [models.Index(fields=["project", "published_on"], name="parkingrules_project_day")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("above_ground_rent__gte", 0)),
                        name="parkingrules_rent_not_negative",
                        violation_error_message="租金不能为负数。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("under_ground_rent__gte", 0), ("under_ground_rent", None), _connector="OR"
                        ),
                        name="parkingrules_under_rent_not_negative",
                        violation_error_message="租金不能为负数。",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ParkingSpace",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("number", models.CharField(max_length=30, verbose_name="车位编号")),
                (
                    "level",
                    models.CharField(
                        choices=[("above", "地上"), ("under", "地下")], max_length=10, verbose_name="位置类别"
                    ),
                ),
                ("location", models.CharField(blank=True, max_length=100, verbose_name="具体位置")),
                (
                    "ownership",
                    models.CharField(
                        choices=[("common", "全体业主共有"), ("developer", "开发商"), ("private", "业主产权")],
                        max_length=12,
                        verbose_name="产权归属",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="parking_spaces",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "停车位",
                "verbose_name_plural": "停车位",
                "ordering": ["project", "level", "number"],
                "indexes": [models.Index(fields=["project", "level"], name="parkingspace_project_level")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "number"),
                        name="parkingspace_unique_number",
                        violation_error_message="本项目已有该编号的车位。",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="parkinglease",
            name="space",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="leases",
                to="finance.parkingspace",
                verbose_name="车位",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalParkingTransfer",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("transferred_on", models.DateField(verbose_name="转让日期")),
                (
                    "kind",
                    models.CharField(
                        choices=[("sale", "出售"), ("ownership", "产权转让")], max_length=10, verbose_name="方式"
                    ),
                ),
                ("buyer_name", models.CharField(blank=True, max_length=50, verbose_name="受让人姓名")),
                ("price", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="价格（元）")),
                ("contract", models.TextField(blank=True, max_length=100, verbose_name="合同文件")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "buyer_household",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.household",
                        verbose_name="受让房屋",
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
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "space",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.parkingspace",
                        verbose_name="车位",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 车位转让",
                "verbose_name_plural": "historical 车位转让",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParkingLease",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("start", models.DateField(verbose_name="起租日期")),
                ("end", models.DateField(verbose_name="到期日期")),
                (
                    "billing_months",
                    models.PositiveSmallIntegerField(
                        default=12, help_text="按年收取填12。", verbose_name="收费周期（月）"
                    ),
                ),
                ("rent", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="每期租金（元）")),
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
                        verbose_name="承租房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "space",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="finance.parkingspace",
                        verbose_name="车位",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 车位租赁",
                "verbose_name_plural": "historical 车位租赁",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ParkingTransfer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("transferred_on", models.DateField(verbose_name="转让日期")),
                (
                    "kind",
                    models.CharField(
                        choices=[("sale", "出售"), ("ownership", "产权转让")], max_length=10, verbose_name="方式"
                    ),
                ),
                ("buyer_name", models.CharField(blank=True, max_length=50, verbose_name="受让人姓名")),
                ("price", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="价格（元）")),
                ("contract", models.FileField(blank=True, upload_to="finance/parking/%Y/", verbose_name="合同文件")),
                (
                    "buyer_household",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.household",
                        verbose_name="受让房屋",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "space",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transfers",
                        to="finance.parkingspace",
                        verbose_name="车位",
                    ),
                ),
            ],
            options={
                "verbose_name": "车位转让",
                "verbose_name_plural": "车位转让",
                "ordering": ["-transferred_on", "-pk"],
                "indexes": [models.Index(fields=["project", "transferred_on"], name="parkingtransfer_project_day")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("price__gte", 0)),
                        name="parkingtransfer_price_not_negative",
                        violation_error_message="价格不能为负数。",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CommonAreaIncome",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("received_on", models.DateField(verbose_name="收款日期")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="金额（元）")),
                ("receipt_number", models.CharField(blank=True, max_length=40, verbose_name="收据或发票号")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="备注")),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="登记时间")),
                (
                    "project",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.project",
                        verbose_name="项目",
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
                (
                    "use",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="incomes",
                        to="finance.commonareause",
                        verbose_name="共用部位经营",
                    ),
                ),
            ],
            options={
                "verbose_name": "公共收益",
                "verbose_name_plural": "公共收益",
                "ordering": ["-received_on", "-pk"],
                "indexes": [models.Index(fields=["project", "received_on"], name="commonincome_project_day")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)),
                        name="commonareaincome_amount_positive",
                        violation_error_message="金额必须大于0。",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="FeeItemRate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "item",
                    models.CharField(
                        choices=[
                            ("property_service", "物业服务费"),
                            ("public_energy", "公共能耗分摊费"),
                            ("elevator", "电梯运行费"),
                            ("secondary_water", "二次供水费"),
                            ("parking_management", "停车管理费"),
                            ("garbage", "生活垃圾处理费"),
                            ("other", "其他费用"),
                        ],
                        max_length=30,
                        verbose_name="收费项目",
                    ),
                ),
                ("rate", models.DecimalField(decimal_places=4, max_digits=8, verbose_name="单价（元/㎡·月）")),
                (
                    "standard",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="item_rates",
                        to="finance.feestandard",
                        verbose_name="收费标准",
                    ),
                ),
            ],
            options={
                "verbose_name": "收费项目单价",
                "verbose_name_plural": "收费项目单价",
                "ordering": ["standard", "item"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("standard", "item"),
                        name="feeitemrate_one_per_item",
                        violation_error_message="同一收费项目只能有一个单价。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("rate__gt", 0)),
                        name="feeitemrate_rate_positive",
                        violation_error_message="单价必须大于0。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("item", "property_service"), _negated=True),
                        name="feeitemrate_not_property_service",
                        violation_error_message="物业服务费的单价即收费标准本身。",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="FeeNotice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("published_on", models.DateField(verbose_name="公示日期")),
                ("company_name", models.CharField(max_length=100, verbose_name="物业服务企业名称")),
                ("payer", models.CharField(default="全体业主及物业使用人", max_length=100, verbose_name="收费对象")),
                ("service_content", models.TextField(verbose_name="服务内容")),
                ("service_standard", models.TextField(verbose_name="服务标准")),
                (
                    "billing_method",
                    models.CharField(default="按房屋建筑面积按月计收", max_length=100, verbose_name="计费方式"),
                ),
                ("billing_start_date", models.DateField(verbose_name="计费起始时间")),
                (
                    "fee_basis",
                    models.CharField(
                        help_text="如价格主管部门批准文件文号或物业服务合同", max_length=200, verbose_name="收费依据"
                    ),
                ),
                (
                    "price_complaint_hotline",
                    models.CharField(
                        default="12358",
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator("^\\d+$", "价格举报电话只能填数字，如12358。")
                        ],
                        verbose_name="价格举报电话",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="fee_notices",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
            ],
            options={
                "verbose_name": "收费公示",
                "verbose_name_plural": "收费公示",
                "ordering": ["project", "-published_on", "-pk"],
                "indexes": [models.Index(fields=["project", "published_on"], name="feenotice_latest")],
            },
        ),
        migrations.AddIndex(
            model_name="parkinglease", index=models.Index(fields=["space", "start"], name="parkinglease_space_start")
        ),
        migrations.AddConstraint(
            model_name="parkinglease",
            constraint=models.CheckConstraint(
                condition=models.Q(("end__gte", models.F("start"))),
                name="parkinglease_end_after_start",
                violation_error_message="到期日期不能早于起租日期。",
            ),
        ),
        migrations.AddConstraint(
            model_name="parkinglease",
            constraint=models.CheckConstraint(
                condition=models.Q(("billing_months__gte", 1)),
                name="parkinglease_billing_positive",
                violation_error_message="收费周期至少为1个月。",
            ),
        ),
        migrations.AddConstraint(
            model_name="parkinglease",
            constraint=models.CheckConstraint(
                condition=models.Q(("rent__gt", 0)),
                name="parkinglease_rent_positive",
                violation_error_message="租金必须大于0。",
            ),
        ),
    ]
