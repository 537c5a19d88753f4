import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
        ('estates', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='JoinRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, verbose_name='姓名')),
                ('phone', models.CharField(max_length=20, verbose_name='手机号')),
                ('status', models.CharField(choices=[('pending', '待核实'), ('confirmed', '已确认'), ('refused', '未通过')], default='pending', max_length=10, verbose_name='状态')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='申请时间')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='处理时间')),
                ('reason', models.CharField(blank=True, max_length=200, verbose_name='说明')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='处理人')),
                ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='join_requests', to='estates.household', verbose_name='房屋')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='join_requests', to=settings.AUTH_USER_MODEL, verbose_name='申请账号')),
            ],
            options={
                'verbose_name': '业主绑定申请',
                'verbose_name_plural': '业主绑定申请',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['status', 'household'], name='joinrequest_status_household')],
            },
        ),
        migrations.CreateModel(
            name='JoinRequestEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_status', models.CharField(choices=[('pending', '待核实'), ('confirmed', '已确认'), ('refused', '未通过')], max_length=10, verbose_name='原状态')),
                ('new_status', models.CharField(choices=[('pending', '待核实'), ('confirmed', '已确认'), ('refused', '未通过')], max_length=10, verbose_name='新状态')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='accounts.joinrequest', verbose_name='申请')),
            ],
            options={
                'verbose_name': '申请处理记录',
                'verbose_name_plural': '申请处理记录',
                'ordering': ['at'],
                'indexes': [models.Index(fields=['request', 'at'], name='joinrequestevent_request_at')],
            },
        ),
        migrations.CreateModel(
            name='InvitationCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(editable=False, max_length=64, unique=True, verbose_name='邀请码摘要')),
                ('hint', models.CharField(editable=False, max_length=4, verbose_name='邀请码末四位')),
                ('issued_at', models.DateTimeField(auto_now_add=True, verbose_name='发放时间')),
                ('used_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='使用时间')),
                ('revoked_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='作废时间')),
                ('household', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitation_codes', to='estates.household', verbose_name='房屋')),
                ('issued_by', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='发放人')),
                ('used_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='使用人')),
            ],
            options={
                'verbose_name': '业主邀请码',
                'verbose_name_plural': '业主邀请码',
                'ordering': ['-issued_at'],
                'indexes': [models.Index(fields=['household', 'used_at', 'revoked_at'], name='invitation_household_open')],
                'constraints': [models.CheckConstraint(condition=models.Q(('used_at__isnull', True), ('revoked_at__isnull', True), _connector='OR'), name='invitation_used_or_revoked', violation_error_message='邀请码不能既已使用又已作废。')],
            },
        ),
        migrations.AddConstraint(
            model_name='joinrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('user', 'household'), name='joinrequest_one_pending', violation_error_message='您已提交过该房屋的申请，请等待业主委员会核实。'),
        ),
    ]
