import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '__first__'),
        ('estates', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Defect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('check_id', models.CharField(max_length=60, verbose_name='检查项')),
                ('source', models.CharField(max_length=60, verbose_name='来源记录')),
                ('subject_name', models.CharField(max_length=200, verbose_name='部位')),
                ('description', models.TextField(verbose_name='问题')),
                ('found_at', models.DateTimeField(verbose_name='发现时间')),
                ('deadline', models.DateTimeField(verbose_name='整改期限')),
                ('fixed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='整改时间')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='defects', to='estates.project', verbose_name='项目')),
            ],
            options={
                'verbose_name': '隐患',
                'verbose_name_plural': '隐患',
                'ordering': ['-found_at'],
                'indexes': [models.Index(fields=['check_id', 'deadline'], name='defect_check_deadline')],
            },
        ),
        migrations.CreateModel(
            name='DefectFix',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_at', models.DateTimeField(verbose_name='发生时间')),
                ('recorded_at', models.DateTimeField(editable=False, verbose_name='登记时间')),
                ('channel', models.CharField(choices=[('web', '网页'), ('phone', '手机'), ('import', '导入'), ('api', '接口')], editable=False, max_length=10, verbose_name='登记途径')),
                ('attachment', models.FileField(blank=True, upload_to='evidence/%Y/%m/', verbose_name='附件')),
                ('attachment_sha256', models.CharField(blank=True, editable=False, max_length=64, verbose_name='附件SHA-256')),
                ('backfilled', models.BooleanField(default=False, editable=False, verbose_name='补录')),
                ('chain', models.CharField(editable=False, max_length=40, verbose_name='证据链')),
                ('chain_seq', models.PositiveBigIntegerField(editable=False, verbose_name='链内序号')),
                ('prev_hash', models.CharField(editable=False, max_length=64, verbose_name='前一记录散列')),
                ('hash', models.CharField(editable=False, max_length=64, verbose_name='散列')),
                ('note', models.TextField(verbose_name='处理情况')),
                ('corrects', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='safety.defectfix', verbose_name='更正的记录')),
                ('defect', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='fixes', to='safety.defect', verbose_name='隐患')),
                ('recorded_by', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登记人')),
            ],
            options={
                'verbose_name': '隐患整改',
                'verbose_name_plural': '隐患整改',
                'ordering': ['-occurred_at'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalDefect',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='更新时间')),
                ('check_id', models.CharField(max_length=60, verbose_name='检查项')),
                ('source', models.CharField(max_length=60, verbose_name='来源记录')),
                ('subject_name', models.CharField(max_length=200, verbose_name='部位')),
                ('description', models.TextField(verbose_name='问题')),
                ('found_at', models.DateTimeField(verbose_name='发现时间')),
                ('deadline', models.DateTimeField(verbose_name='整改期限')),
                ('fixed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='整改时间')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='estates.project', verbose_name='项目')),
            ],
            options={
                'verbose_name': 'historical 隐患',
                'verbose_name_plural': 'historical 隐患',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPowerRoom',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='更新时间')),
                ('name', models.CharField(max_length=60, verbose_name='名称')),
                ('location', models.CharField(blank=True, max_length=100, verbose_name='位置')),
                ('supplies', models.JSONField(default=list, help_text='如：1#变压器、2#变压器、备用发电机', verbose_name='供电回路')),
                ('in_service_from', models.DateField(verbose_name='投用日期')),
                ('active', models.BooleanField(default=True, verbose_name='在用')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='estates.project', verbose_name='项目')),
            ],
            options={
                'verbose_name': 'historical 配电室',
                'verbose_name_plural': 'historical 配电室',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PowerRoom',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('name', models.CharField(max_length=60, verbose_name='名称')),
                ('location', models.CharField(blank=True, max_length=100, verbose_name='位置')),
                ('supplies', models.JSONField(default=list, help_text='如：1#变压器、2#变压器、备用发电机', verbose_name='供电回路')),
                ('in_service_from', models.DateField(verbose_name='投用日期')),
                ('active', models.BooleanField(default=True, verbose_name='在用')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='power_rooms', to='estates.project', verbose_name='项目')),
            ],
            options={
                'verbose_name': '配电室',
                'verbose_name_plural': '配电室',
                'ordering': ['project', 'name'],
                'constraints': [models.UniqueConstraint(fields=('project', 'name'), name='powerroom_unique_name', violation_error_message='配电室名称重复。')],
            },
        ),
        migrations.CreateModel(
            name='PowerRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_at', models.DateTimeField(verbose_name='发生时间')),
                ('recorded_at', models.DateTimeField(editable=False, verbose_name='登记时间')),
                ('channel', models.CharField(choices=[('web', '网页'), ('phone', '手机'), ('import', '导入'), ('api', '接口')], editable=False, max_length=10, verbose_name='登记途径')),
                ('attachment', models.FileField(blank=True, upload_to='evidence/%Y/%m/', verbose_name='附件')),
                ('attachment_sha256', models.CharField(blank=True, editable=False, max_length=64, verbose_name='附件SHA-256')),
                ('backfilled', models.BooleanField(default=False, editable=False, verbose_name='补录')),
                ('chain', models.CharField(editable=False, max_length=40, verbose_name='证据链')),
                ('chain_seq', models.PositiveBigIntegerField(editable=False, verbose_name='链内序号')),
                ('prev_hash', models.CharField(editable=False, max_length=64, verbose_name='前一记录散列')),
                ('hash', models.CharField(editable=False, max_length=64, verbose_name='散列')),
                ('inspector', models.CharField(max_length=50, verbose_name='巡视人')),
                ('supply_states', models.JSONField(default=dict, verbose_name='回路状态')),
                ('voltage', models.DecimalField(blank=True, decimal_places=1, max_digits=7, null=True, verbose_name='电压（V）')),
                ('current', models.DecimalField(blank=True, decimal_places=1, max_digits=7, null=True, verbose_name='电流（A）')),
                ('temperature', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='室温（℃）')),
                ('problems', models.TextField(blank=True, verbose_name='发现的问题')),
                ('corrects', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='safety.powerround', verbose_name='更正的记录')),
                ('power_room', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='safety.powerroom', verbose_name='配电室')),
                ('recorded_by', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登记人')),
            ],
            options={
                'verbose_name': '配电室巡视',
                'verbose_name_plural': '配电室巡视',
                'ordering': ['-occurred_at'],
                'indexes': [models.Index(fields=['power_room', 'occurred_at'], name='powerround_room_time'), models.Index(fields=['recorded_at'], name='powerround_recorded')],
            },
        ),
    ]
