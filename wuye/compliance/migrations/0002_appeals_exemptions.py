import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '__first__'),
        ('compliance', '0001_initial'),
        ('enterprises', '0002_initial'),
        ('estates', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Appeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('statement', models.TextField(verbose_name='申诉理由')),
                ('status', models.CharField(choices=[('filed', '待裁决'), ('upheld', '申诉成立'), ('rejected', '申诉驳回')], default='filed', max_length=10, verbose_name='状态')),
                ('filed_at', models.DateTimeField(verbose_name='申诉时间')),
                ('decide_by', models.DateTimeField(verbose_name='裁决期限')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='裁决时间')),
                ('decision_reason', models.TextField(blank=True, verbose_name='裁决理由')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='裁决人')),
                ('filed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申诉人')),
                ('finding', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appeals', to='compliance.finding', verbose_name='问题')),
            ],
            options={
                'verbose_name': '申诉',
                'verbose_name_plural': '申诉',
                'ordering': ['-filed_at', '-pk'],
                'indexes': [models.Index(fields=['status', 'decide_by'], name='appeal_status_due')],
            },
        ),
        migrations.CreateModel(
            name='Exemption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('check_id', models.CharField(max_length=60, verbose_name='检查项')),
                ('reason', models.TextField(verbose_name='豁免理由')),
                ('valid_from', models.DateField(verbose_name='生效日期')),
                ('expires_on', models.DateField(verbose_name='到期日')),
                ('status', models.CharField(choices=[('requested', '待审批'), ('approved', '已批准'), ('rejected', '已驳回'), ('revoked', '已撤销')], default='requested', max_length=10, verbose_name='状态')),
                ('requested_at', models.DateTimeField(verbose_name='申请时间')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='审批时间')),
                ('decision_reason', models.TextField(blank=True, verbose_name='审批意见')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='审批人')),
                ('enterprise', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='exemptions', to='enterprises.enterprise', verbose_name='物业服务企业')),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='exemptions', to='estates.project', verbose_name='项目')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申请人')),
            ],
            options={
                'verbose_name': '豁免',
                'verbose_name_plural': '豁免',
                'ordering': ['-requested_at', '-pk'],
                'indexes': [models.Index(fields=['check_id', 'status', 'expires_on'], name='exemption_in_force')],
            },
        ),
        migrations.CreateModel(
            name='ReviewStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, max_length=10, verbose_name='原状态')),
                ('to_status', models.CharField(max_length=10, verbose_name='新状态')),
                ('at', models.DateTimeField(verbose_name='时间')),
                ('note', models.TextField(blank=True, verbose_name='说明')),
                ('appeal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='compliance.appeal', verbose_name='申诉')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                ('exemption', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='compliance.exemption', verbose_name='豁免')),
            ],
            options={
                'verbose_name': '状态变更',
                'verbose_name_plural': '状态变更',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='appeal',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'filed')), fields=('finding',), name='appeal_one_open_per_finding', violation_error_message='该问题已有待裁决的申诉。'),
        ),
        migrations.AddConstraint(
            model_name='exemption',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('enterprise__isnull', True), ('project__isnull', False)), models.Q(('enterprise__isnull', False), ('project__isnull', True)), _connector='OR'), name='exemption_project_or_enterprise', violation_error_message='豁免须针对一个项目或一家企业。'),
        ),
        migrations.AddConstraint(
            model_name='exemption',
            constraint=models.CheckConstraint(condition=models.Q(('expires_on__gte', models.F('valid_from'))), name='exemption_expires_after_start', violation_error_message='到期日不能早于生效日期。'),
        ),
        migrations.AddConstraint(
            model_name='reviewstatuschange',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('appeal__isnull', False), ('exemption__isnull', True)), models.Q(('appeal__isnull', True), ('exemption__isnull', False)), _connector='OR'), name='review_change_one_target'),
        ),
    ]
