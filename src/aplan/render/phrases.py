"""Every Thai phrase the program builds into a report, in one table.

Words that depend on the office come from its data; what is here is shared by every office's
report (the budget types of the glossary, titles of executives, the sides of a boundary). An
office that needs other words writes them in its data (a budget type's ``label``, an
executive's ``title``) or overrides a template part.
"""

from __future__ import annotations

BUDGET_TYPE_LABELS = {
    "personnel": "งบบุคลากร",
    "operating": "งบดำเนินงาน",
    "investment": "งบลงทุน",
    "subsidy": "งบเงินอุดหนุน",
    "other": "งบรายจ่ายอื่น",
}
SIDE_LABELS = {"north": "ทิศเหนือ", "south": "ทิศใต้", "east": "ทิศตะวันออก", "west": "ทิศตะวันตก"}
GROUP_KIND_WORDS = {"group": "กลุ่ม", "unit": "หน่วย"}
ROLE_TITLES = {
    "director": "ผู้อำนวยการ",
    "deputy": "รองผู้อำนวยการ",
    "assistant": "ผู้ช่วยผู้อำนวยการ",
}
DIRECTOR = "ผู้อำนวยการ"
ACTING_IN_POST = "ปฏิบัติราชการในตำแหน่ง"  # an executive serving from another post
ACTING_DUTY = "ปฏิบัติหน้าที่"  # a group director acting from another position
TOTAL = "รวม"
AND = "และ"
DRAFT = "ฉบับร่าง"  # on the cover of a report some groups have not reported for
AREA_HEADING = "ที่ตั้งและอาณาเขตที่รับผิดชอบ"
AREA_HEADING_WITH_MAP = "แผนที่แสดงที่ตั้งและอาณาเขตที่รับผิดชอบ"
FISCAL_YEAR = "ประจำปีงบประมาณ พ.ศ."
CHART_ALT = "แผนภูมิแท่งเปรียบเทียบงบประมาณที่ได้รับกับผลการเบิกจ่าย"
CHART_ALT_LINE = "{label} ได้รับ {received} บาท เบิกจ่าย {disbursed} บาท"
CONTINUED = "(ต่อ)"  # after a table's caption on the pages the table continues onto
