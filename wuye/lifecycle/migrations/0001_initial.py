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
            name="ExitFiling",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("notice_on", models.DateField(help_text="告知业主和主管部门的日期。", verbose_name="告知日期")),
                ("reason", models.TextField(verbose_name="退出原因")),
                ("planned_end", models.DateField(verbose_name="计划退出日期")),
                (
                    "receiver_kind",
                    models.CharField(
                        choices=[("committee", "业主委员会"), ("successor", "新物业服务企业")],
                        max_length=12,
                        verbose_name="接收方",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("notified", "已告知"),
                            ("handing_over", "交接中"),
                            ("handed_over", "已交接"),
                            ("closed", "已办结"),
                        ],
                        default="notified",
                        editable=False,
                        max_length=14,
                        verbose_name="状态",
                    ),
                ),
                (
                    "committee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.ownerscommittee",
                        verbose_name="接收的业主委员会",
                    ),
                ),
                (
                    "contract",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="estates.servicecontract",
                        verbose_name="终止的服务合同",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exits",
                        to="enterprises.enterprise",
                        verbose_name="退出企业",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exits",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "service_period",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exit_filing",
                        to="estates.serviceperiod",
                        verbose_name="服务期",
                    ),
                ),
                (
                    "successor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="successions",
                        to="enterprises.enterprise",
                        verbose_name="接收的物业服务企业",
                    ),
                ),
            ],
            options={
                "verbose_name": "退出备案",
                "verbose_name_plural": "退出备案",
                "ordering": ["-planned_end", "-pk"],
                "indexes": [
                    models.Index(fields=["project", "planned_end"], name="exit_project_end"),
                    models.Index(fields=["enterprise", "status"], name="exit_enterprise_status"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ExitStatusChange",
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
                    "from_status",
                    models.CharField(
                        choices=[
                            ("notified", "已告知"),
                            ("handing_over", "交接中"),
                            ("handed_over", "已交接"),
                            ("closed", "已办结"),
                        ],
                        max_length=14,
                        verbose_name="原状态",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("notified", "已告知"),
                            ("handing_over", "交接中"),
                            ("handed_over", "已交接"),
                            ("closed", "已办结"),
                        ],
                        max_length=14,
                        verbose_name="新状态",
                    ),
                ),
                (
                    "corrects",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="lifecycle.exitstatuschange",
                        verbose_name="更正的记录",
                    ),
                ),
                (
                    "exit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="status_changes",
                        to="lifecycle.exitfiling",
                        verbose_name="退出备案",
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
                "verbose_name": "退出状态变更",
                "verbose_name_plural": "退出状态变更",
                "ordering": ["occurred_at", "pk"],
                "abstract": False,
                "indexes": [models.Index(fields=["exit", "occurred_at"], name="exitstatus_exit")],
                "constraints": [
                    models.UniqueConstraint(fields=("chain", "chain_seq"), name="lifecycle_exitstatuschange_chain_seq")
                ],
            },
        ),
        migrations.CreateModel(
            name="HandoverItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("rooms", "物业管理用房"),
                            ("records", "《物业管理条例》第二十九条资料"),
                            ("keys", "钥匙"),
                            ("equipment_files", "设施设备档案"),
                            ("owner_register", "业主名册"),
                        ],
                        max_length=20,
                        verbose_name="移交事项",
                    ),
                ),
                (
                    "archive_category",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("completion_site_plan", "竣工总平面图"),
                            ("completion_drawings", "单体建筑、结构、设备竣工图"),
                            ("utilities_pipe_drawings", "配套设施、地下管网工程竣工图"),
                            ("equipment_records", "设施设备安装、使用和维护保养技术资料"),
                            ("warranty_usage_documents", "物业质量保修文件和物业使用说明文件"),
                            ("other_management_records", "物业管理所必需的其他资料"),
                            ("acceptance_inspection_records", "承接查验记录"),
                            ("owner_register", "业主名册"),
                            ("other", "其他"),
                        ],
                        max_length=40,
                        verbose_name="资料类别",
                    ),
                ),
                ("description", models.CharField(blank=True, max_length=200, verbose_name="说明")),
                ("confirmed_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="确认时间")),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="确认人",
                    ),
                ),
                (
                    "exit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="handover_items",
                        to="lifecycle.exitfiling",
                        verbose_name="退出备案",
                    ),
                ),
            ],
            options={
                "verbose_name": "移交事项",
                "verbose_name_plural": "移交事项",
                "ordering": ["exit", "kind", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalExitFiling",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("notice_on", models.DateField(help_text="告知业主和主管部门的日期。", verbose_name="告知日期")),
                ("reason", models.TextField(verbose_name="退出原因")),
                ("planned_end", models.DateField(verbose_name="计划退出日期")),
                (
                    "receiver_kind",
                    models.CharField(
                        choices=[("committee", "业主委员会"), ("successor", "新物业服务企业")],
                        max_length=12,
                        verbose_name="接收方",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("notified", "已告知"),
                            ("handing_over", "交接中"),
                            ("handed_over", "已交接"),
                            ("closed", "已办结"),
                        ],
                        default="notified",
                        editable=False,
                        max_length=14,
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
                    "committee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.ownerscommittee",
                        verbose_name="接收的业主委员会",
                    ),
                ),
                (
                    "contract",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.servicecontract",
                        verbose_name="终止的服务合同",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.enterprise",
                        verbose_name="退出企业",
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
                    "service_period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.serviceperiod",
                        verbose_name="服务期",
                    ),
                ),
                (
                    "successor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="enterprises.enterprise",
                        verbose_name="接收的物业服务企业",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 退出备案",
                "verbose_name_plural": "historical 退出备案",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalHandoverItem",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("rooms", "物业管理用房"),
                            ("records", "《物业管理条例》第二十九条资料"),
                            ("keys", "钥匙"),
                            ("equipment_files", "设施设备档案"),
                            ("owner_register", "业主名册"),
                        ],
                        max_length=20,
                        verbose_name="移交事项",
                    ),
                ),
                (
                    "archive_category",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("completion_site_plan", "竣工总平面图"),
                            ("completion_drawings", "单体建筑、结构、设备竣工图"),
                            ("utilities_pipe_drawings", "配套设施、地下管网工程竣工图"),
                            ("equipment_records", "设施设备安装、使用和维护保养技术资料"),
                            ("warranty_usage_documents", "物业质量保修文件和物业使用说明文件"),
                            ("other_management_records", "物业管理所必需的其他资料"),
                            ("acceptance_inspection_records", "承接查验记录"),
                            ("owner_register", "业主名册"),
                            ("other", "其他"),
                        ],
                        max_length=40,
                        verbose_name="资料类别",
                    ),
                ),
                ("description", models.CharField(blank=True, max_length=200, verbose_name="说明")),
                ("confirmed_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="确认时间")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="确认人",
                    ),
                ),
                (
                    "exit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="lifecycle.exitfiling",
                        verbose_name="退出备案",
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
                "verbose_name": "historical 移交事项",
                "verbose_name_plural": "historical 移交事项",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRefund",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="退款金额（元）")),
                ("paid_on", models.DateField(verbose_name="退款日期")),
                (
                    "method",
                    models.CharField(
                        choices=[("cash", "现金"), ("transfer", "银行转账"), ("wechat", "微信"), ("alipay", "支付宝")],
                        max_length=10,
                        verbose_name="退款方式",
                    ),
                ),
                ("receipt", models.CharField(blank=True, max_length=40, verbose_name="收据号")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "exit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="lifecycle.exitfiling",
                        verbose_name="退出备案",
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
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 预收费用退款",
                "verbose_name_plural": "historical 预收费用退款",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTakeover",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("registered", "合同已登记"),
                            ("inspecting", "承接查验中"),
                            ("agreed", "已签订查验协议"),
                            ("filed", "已备案"),
                            ("cancelled", "已撤销"),
                        ],
                        default="registered",
                        editable=False,
                        max_length=12,
                        verbose_name="状态",
                    ),
                ),
                ("taken_over_on", models.DateField(help_text="物业服务企业开始服务之日。", verbose_name="接管日期")),
                (
                    "buyers_handover_on",
                    models.DateField(
                        blank=True,
                        help_text="新建物业交付购房人之日；非新建物业留空。",
                        null=True,
                        verbose_name="交付业主日期",
                    ),
                ),
                (
                    "inspection_started_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="查验开始日期"),
                ),
                (
                    "inspection_finished_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="查验完成日期"),
                ),
                (
                    "agreement_signed_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="查验协议签订日期"),
                ),
                (
                    "agreement_file",
                    models.TextField(blank=True, editable=False, max_length=100, verbose_name="查验协议扫描件"),
                ),
                ("filed_on", models.DateField(blank=True, editable=False, null=True, verbose_name="备案日期")),
                (
                    "filing_number",
                    models.CharField(blank=True, editable=False, max_length=60, verbose_name="备案编号"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "contract",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.servicecontract",
                        verbose_name="物业服务合同",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="创建人",
                    ),
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
                        verbose_name="接管企业",
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
                    "service_period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="estates.serviceperiod",
                        verbose_name="服务期",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 项目接管",
                "verbose_name_plural": "historical 项目接管",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="退款金额（元）")),
                ("paid_on", models.DateField(verbose_name="退款日期")),
                (
                    "method",
                    models.CharField(
                        choices=[("cash", "现金"), ("transfer", "银行转账"), ("wechat", "微信"), ("alipay", "支付宝")],
                        max_length=10,
                        verbose_name="退款方式",
                    ),
                ),
                ("receipt", models.CharField(blank=True, max_length=40, verbose_name="收据号")),
                (
                    "exit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="refunds",
                        to="lifecycle.exitfiling",
                        verbose_name="退出备案",
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exit_refunds",
                        to="estates.household",
                        verbose_name="房屋",
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
                "verbose_name": "预收费用退款",
                "verbose_name_plural": "预收费用退款",
                "ordering": ["exit", "household", "paid_on", "pk"],
                "indexes": [models.Index(fields=["exit", "household"], name="exit_refund_household")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("amount__gt", 0)),
                        name="exit_refund_amount_positive",
                        violation_error_message="退款金额必须大于0。",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Takeover",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("registered", "合同已登记"),
                            ("inspecting", "承接查验中"),
                            ("agreed", "已签订查验协议"),
                            ("filed", "已备案"),
                            ("cancelled", "已撤销"),
                        ],
                        default="registered",
                        editable=False,
                        max_length=12,
                        verbose_name="状态",
                    ),
                ),
                ("taken_over_on", models.DateField(help_text="物业服务企业开始服务之日。", verbose_name="接管日期")),
                (
                    "buyers_handover_on",
                    models.DateField(
                        blank=True,
                        help_text="新建物业交付购房人之日；非新建物业留空。",
                        null=True,
                        verbose_name="交付业主日期",
                    ),
                ),
                (
                    "inspection_started_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="查验开始日期"),
                ),
                (
                    "inspection_finished_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="查验完成日期"),
                ),
                (
                    "agreement_signed_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="查验协议签订日期"),
                ),
                (
                    "agreement_file",
                    models.FileField(
                        blank=True, editable=False, upload_to="takeovers/%Y/", verbose_name="查验协议扫描件"
                    ),
                ),
                ("filed_on", models.DateField(blank=True, editable=False, null=True, verbose_name="备案日期")),
                (
                    "filing_number",
                    models.CharField(blank=True, editable=False, max_length=60, verbose_name="备案编号"),
                ),
                (
                    "contract",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="takeovers",
                        to="estates.servicecontract",
                        verbose_name="物业服务合同",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="创建人",
                    ),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="takeovers",
                        to="enterprises.enterprise",
                        verbose_name="接管企业",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="takeovers",
                        to="estates.project",
                        verbose_name="项目",
                    ),
                ),
                (
                    "service_period",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="takeovers",
                        to="estates.serviceperiod",
                        verbose_name="服务期",
                    ),
                ),
            ],
            options={
                "verbose_name": "项目接管",
                "verbose_name_plural": "项目接管",
                "ordering": ["-taken_over_on", "-pk"],
                "indexes": [
                    models.Index(fields=["project", "status"], name="takeover_project_status"),
                    models.Index(fields=["enterprise", "taken_over_on"], name="takeover_enterprise"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("inspection_finished_on__isnull", True),
                            ("inspection_finished_on__gte", models.F("inspection_started_on")),
                            _connector="OR",
                        ),
                        name="takeover_finish_after_start",
                        violation_error_message="查验完成日期不得早于查验开始日期。",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("agreement_signed_on__isnull", True),
                            ("agreement_signed_on__gte", models.F("inspection_finished_on")),
                            _connector="OR",
                        ),
                        name="takeover_agreement_after_finish",
                        violation_error_message="查验协议不得早于查验完成日期签订。",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="InspectionItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "area",
                    models.CharField(
                        choices=[
                            ("shared_building_parts", "共用部位"),
                            ("shared_equipment", "共用设施设备"),
                            ("shared_facilities", "共用配套设施"),
                        ],
                        max_length=30,
                        verbose_name="查验类别",
                    ),
                ),
                ("item", models.CharField(max_length=40, verbose_name="查验项目")),
                (
                    "result",
                    models.CharField(
                        choices=[("ok", "合格"), ("problem", "有问题"), ("na", "不适用")],
                        max_length=10,
                        verbose_name="查验结果",
                    ),
                ),
                ("problem", models.CharField(blank=True, max_length=300, verbose_name="问题描述")),
                ("photo", models.FileField(blank=True, upload_to="takeovers/items/%Y/", verbose_name="照片")),
                ("inspected_on", models.DateField(verbose_name="查验日期")),
                (
                    "takeover",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "查验项目",
                "verbose_name_plural": "查验项目",
                "ordering": ["takeover", "area", "item"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("takeover", "area", "item"),
                        name="inspectionitem_once",
                        violation_error_message="该项目已查验登记，请修改原记录。",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTakeoverProblem",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                ("description", models.CharField(max_length=300, verbose_name="问题")),
                (
                    "fixer",
                    models.CharField(
                        choices=[("developer", "建设单位"), ("company", "物业服务企业")],
                        max_length=10,
                        verbose_name="整改责任方",
                    ),
                ),
                ("found_on", models.DateField(verbose_name="发现日期")),
                ("due_on", models.DateField(verbose_name="整改期限")),
                ("fixed_on", models.DateField(blank=True, null=True, verbose_name="整改完成日期")),
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
                    "item",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="lifecycle.inspectionitem",
                        verbose_name="查验项目",
                    ),
                ),
                (
                    "takeover",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 查验问题",
                "verbose_name_plural": "historical 查验问题",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalInspectionItem",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "area",
                    models.CharField(
                        choices=[
                            ("shared_building_parts", "共用部位"),
                            ("shared_equipment", "共用设施设备"),
                            ("shared_facilities", "共用配套设施"),
                        ],
                        max_length=30,
                        verbose_name="查验类别",
                    ),
                ),
                ("item", models.CharField(max_length=40, verbose_name="查验项目")),
                (
                    "result",
                    models.CharField(
                        choices=[("ok", "合格"), ("problem", "有问题"), ("na", "不适用")],
                        max_length=10,
                        verbose_name="查验结果",
                    ),
                ),
                ("problem", models.CharField(blank=True, max_length=300, verbose_name="问题描述")),
                ("photo", models.TextField(blank=True, max_length=100, verbose_name="照片")),
                ("inspected_on", models.DateField(verbose_name="查验日期")),
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
                    "takeover",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 查验项目",
                "verbose_name_plural": "historical 查验项目",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDocumentHandover",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="更新时间")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("completion_site_plan", "竣工总平面图"),
                            ("completion_drawings", "单体建筑、结构、设备竣工图"),
                            ("utilities_pipe_drawings", "配套设施、地下管网工程竣工图"),
                            ("equipment_records", "设施设备安装、使用和维护保养技术资料"),
                            ("warranty_usage_documents", "物业质量保修文件和物业使用说明文件"),
                            ("other_management_records", "物业管理所必需的其他资料"),
                        ],
                        max_length=40,
                        verbose_name="资料类别",
                    ),
                ),
                ("handed_over_on", models.DateField(verbose_name="移交日期")),
                ("handed_by", models.CharField(max_length=50, verbose_name="移交人（建设单位）")),
                ("received_by", models.CharField(max_length=50, verbose_name="接收人")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="备注")),
                ("document", models.TextField(blank=True, max_length=100, verbose_name="移交清单")),
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
                    "takeover",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 资料移交",
                "verbose_name_plural": "historical 资料移交",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="DocumentHandover",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("completion_site_plan", "竣工总平面图"),
                            ("completion_drawings", "单体建筑、结构、设备竣工图"),
                            ("utilities_pipe_drawings", "配套设施、地下管网工程竣工图"),
                            ("equipment_records", "设施设备安装、使用和维护保养技术资料"),
                            ("warranty_usage_documents", "物业质量保修文件和物业使用说明文件"),
                            ("other_management_records", "物业管理所必需的其他资料"),
                        ],
                        max_length=40,
                        verbose_name="资料类别",
                    ),
                ),
                ("handed_over_on", models.DateField(verbose_name="移交日期")),
                ("handed_by", models.CharField(max_length=50, verbose_name="移交人（建设单位）")),
                ("received_by", models.CharField(max_length=50, verbose_name="接收人")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="备注")),
                (
                    "document",
                    models.FileField(blank=True, upload_to="takeovers/documents/%Y/", verbose_name="移交清单"),
                ),
                (
                    "takeover",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="handovers",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "资料移交",
                "verbose_name_plural": "资料移交",
                "ordering": ["takeover", "category"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("takeover", "category"),
                        name="documenthandover_once",
                        violation_error_message="该类资料已登记移交。",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="TakeoverMove",
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
                    "from_status",
                    models.CharField(
                        choices=[
                            ("registered", "合同已登记"),
                            ("inspecting", "承接查验中"),
                            ("agreed", "已签订查验协议"),
                            ("filed", "已备案"),
                            ("cancelled", "已撤销"),
                        ],
                        max_length=12,
                        verbose_name="原状态",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("registered", "合同已登记"),
                            ("inspecting", "承接查验中"),
                            ("agreed", "已签订查验协议"),
                            ("filed", "已备案"),
                            ("cancelled", "已撤销"),
                        ],
                        max_length=12,
                        verbose_name="新状态",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="说明")),
                (
                    "corrects",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="lifecycle.takeovermove",
                        verbose_name="更正的记录",
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
                    "takeover",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="moves",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "接管状态变更",
                "verbose_name_plural": "接管状态变更",
                "ordering": ["occurred_at", "pk"],
                "abstract": False,
                "indexes": [models.Index(fields=["takeover", "occurred_at"], name="takeovermove_takeover")],
                "constraints": [
                    models.UniqueConstraint(fields=("chain", "chain_seq"), name="lifecycle_takeovermove_chain_seq")
                ],
            },
        ),
        migrations.CreateModel(
            name="TakeoverProblem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("description", models.CharField(max_length=300, verbose_name="问题")),
                (
                    "fixer",
                    models.CharField(
                        choices=[("developer", "建设单位"), ("company", "物业服务企业")],
                        max_length=10,
                        verbose_name="整改责任方",
                    ),
                ),
                ("found_on", models.DateField(verbose_name="发现日期")),
                ("due_on", models.DateField(verbose_name="整改期限")),
                ("fixed_on", models.DateField(blank=True, null=True, verbose_name="整改完成日期")),
                (
                    "item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="problems",
                        to="lifecycle.inspectionitem",
                        verbose_name="查验项目",
                    ),
                ),
                (
                    "takeover",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="problems",
                        to="lifecycle.takeover",
                        verbose_name="项目接管",
                    ),
                ),
            ],
            options={
                "verbose_name": "查验问题",
                "verbose_name_plural": "查验问题",
                "ordering": ["due_on", "pk"],
                "indexes": [models.Index(fields=["fixer", "due_on"], name="takeoverproblem_due")],
            },
        ),
    ]
