"""``office.yaml``: the office, its groups, area and people.

Only what every office has is required; a section an office lacks is left out of the file and
prints nothing (no heading, no contents entry).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Code, Model, Text


class Group(Model):
    """A group (กลุ่ม) or unit (หน่วย) of the office; projects refer to it by code."""

    code: Code = Field(description="Identifier used by projects, e.g. admin")
    name: Text = Field(description="Full name, e.g. กลุ่มอำนวยการ")
    kind: Literal["group", "unit"] = Field(description="group (กลุ่ม) or unit (หน่วย)")


class Area(Model):
    """The places the office serves: districts for a สพป., provinces for a สพม."""

    unit: Text = Field(description="What each place is, printed with the count: อำเภอ, จังหวัด")
    places: list[Text] = Field(min_length=1, description="The places, as printed")


class Boundary(Model):
    """What the office's area borders on one side."""

    side: Literal["north", "south", "east", "west"] = Field(
        description="north (ทิศเหนือ), south (ทิศใต้), east (ทิศตะวันออก) or west (ทิศตะวันตก)"
    )
    text: Text = Field(description="e.g. ติดจังหวัดสระแก้ว")


class Image(Model):
    """A picture printed in the report, such as the area map."""

    file: Text = Field(description="Image path relative to the data folder")
    caption: Text = Field(description="Printed under the picture, e.g. แผนที่เขตพื้นที่การศึกษา")


class Executive(Model):
    """The director, a deputy or an assistant director of the office."""

    name: Text = Field(description="Full name as printed, e.g. นายสมชาย ใจดี")
    role: Literal["director", "deputy", "assistant"] = Field(
        description="director, deputy (รองผู้อำนวยการ) or assistant (ผู้ช่วยผู้อำนวยการ)"
    )
    title: Text | None = Field(
        default=None,
        description="The position as printed, when not the role's usual title with the office name",
    )
    position: Text | None = Field(
        default=None,
        description="Substantive position when serving in this role from another post",
    )


class GroupDirector(Model):
    """Who directs a group; ``acting`` when it is done from another position."""

    name: Text = Field(description="Full name as printed, e.g. นางสาวสมศรี ตั้งใจ")
    group: Code = Field(description="Code of the group directed")
    acting: bool = Field(default=False, description="ปฏิบัติหน้าที่ (acting) rather than appointed")
    position: Text | None = Field(
        default=None, description="The acting person's own position"
    )


class Office(Model):
    """The educational service area office that publishes the report."""

    name: Text = Field(description="Full name, e.g. สำนักงานเขตพื้นที่การศึกษาประถมศึกษาจันทบุรี เขต 2")
    short_name: Text = Field(description="Abbreviation, e.g. สพป.จันทบุรี เขต 2")
    address: Text = Field(description="Postal address as printed")
    parent_agency: Text = Field(description="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    ministry: Text = Field(description="กระทรวงศึกษาธิการ")
    legal_basis: Text = Field(description="The laws that give the office its duties")
    structure_basis: Text = Field(description="The announcement that divides it into groups")
    groups: list[Group] = Field(min_length=1, description="The groups and units, in printed order")
    area: Area | None = Field(default=None, description="Districts or provinces served")
    map: Image | None = Field(default=None, description="Map of the area")
    boundaries: list[Boundary] = Field(default_factory=list, description="What the area borders")
    terrain: Text | None = Field(default=None, description="สภาพภูมิประเทศ: a paragraph")
    executives: list[Executive] = Field(
        min_length=1, description="ผู้บริหาร: the director first, then deputies and assistants"
    )
    group_directors: list[GroupDirector] = Field(
        default_factory=list, description="ผู้อำนวยการกลุ่ม: who directs each group"
    )
