"""The categories of DESIGN.md's table (Counter-Espionage Law, art. 4), and a trigger that makes a report's
registration time unchangeable: it decides who reported first, so not even a direct database write may move it."""

from django.db import migrations

CATEGORIES = [
    (
        "espionage_organization",
        1,
        "间谍组织及其代理人的活动",
        "Espionage organisations and their agents",
        "间谍组织及其代理人实施或者指使、资助他人实施的间谍活动；参加间谍组织或者接受间谍组织及其代理人的任务，或者投靠间谍组织及其代理人。",
        "Activities of espionage organisations and their agents; joining them, taking tasks from them, or defecting to them.",
    ),
    (
        "state_secrets",
        2,
        "窃取、刺探、收买、非法提供国家秘密或情报",
        "Stealing or illegally providing state secrets or intelligence",
        "窃取、刺探、收买、非法提供国家秘密、情报以及其他关系国家安全和利益的文件、数据、资料、物品。",
        "Stealing, spying on, buying or illegally providing state secrets, intelligence, or documents, data, materials or items related to national security.",
    ),
    (
        "defection",
        3,
        "策动、引诱、胁迫、收买国家工作人员叛变",
        "Inciting state personnel to defect",
        "策动、引诱、胁迫、收买国家工作人员叛变的活动。",
        "Inciting, luring, coercing or buying state personnel to defect.",
    ),
    (
        "cyber_espionage",
        4,
        "网络攻击、侵入、干扰、控制、破坏",
        "Cyber attacks, intrusion and sabotage",
        "针对国家机关、涉密单位或者关键信息基础设施等实施网络攻击、侵入、干扰、控制、破坏等活动。",
        "Cyber attacks, intrusion, interference, control or damage against state organs, classified units or critical information infrastructure.",
    ),
    (
        "target_indication",
        5,
        "为敌人指示攻击目标",
        "Indicating targets to an enemy",
        "为敌人指示攻击目标。",
        "Pointing out targets for an enemy to attack.",
    ),
    (
        "other_security",
        6,
        "其他危害国家安全的行为",
        "Other acts endangering national security",
        "上述以外的其他危害国家安全的行为。",
        "Other acts that endanger national security.",
    ),
]


def categories_create(apps, schema_editor):
    Category = apps.get_model("intake", "Category")
    for code, position, name_zh, name_en, help_zh, help_en in CATEGORIES:
        Category.objects.update_or_create(
            code=code,
            defaults={
                "position": position,
                "name_zh": name_zh,
                "name_en": name_en,
                "help_zh": help_zh,
                "help_en": help_en,
            },
        )


SQLITE_GUARD = """
CREATE TRIGGER intake_report_registered_at_fixed BEFORE UPDATE OF registered_at ON intake_report
WHEN NEW.registered_at IS NOT OLD.registered_at
BEGIN SELECT RAISE(ABORT, 'registered_at is set once and never changes'); END;
"""
POSTGRES_GUARD = """
CREATE FUNCTION intake_report_registered_at_fixed() RETURNS trigger AS $$
BEGIN
  IF NEW.registered_at IS DISTINCT FROM OLD.registered_at THEN
    RAISE EXCEPTION 'registered_at is set once and never changes';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER intake_report_registered_at_fixed BEFORE UPDATE ON intake_report
FOR EACH ROW EXECUTE FUNCTION intake_report_registered_at_fixed();
"""


def guard_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_GUARD)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_GUARD)


def guard_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS intake_report_registered_at_fixed"
        + (" ON intake_report" if vendor == "postgresql" else "")
    )
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS intake_report_registered_at_fixed()")


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [
        migrations.RunPython(categories_create, migrations.RunPython.noop),
        migrations.RunPython(guard_create, guard_drop),
    ]
